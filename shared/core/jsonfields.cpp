#include "core/jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>
#include <cmath>

namespace gw {

Result<JsonFields> JsonFields::parse(const QByteArray &body, bool emptyAllowed)
{
    if (body.trimmed().isEmpty()) {
        if (emptyAllowed)
            return JsonFields(QJsonObject{});
        return ApiError::badRequest(
            QStringLiteral("A JSON object is required as the request body"));
    }
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error != QJsonParseError::NoError)
        return ApiError::badRequest(
            QStringLiteral("The request body is not valid JSON: %1 at offset %2")
                .arg(e.errorString())
                .arg(e.offset));
    if (!doc.isObject())
        return ApiError::badRequest(QStringLiteral("The request body must be a JSON object"));
    return JsonFields(doc.object());
}

JsonFields::JsonFields(QJsonObject object, QString prefix)
    : m_o(std::move(object)), m_prefix(std::move(prefix))
{
}

bool JsonFields::has(const QString &name) const
{
    return m_o.contains(name) && !m_o.value(name).isNull();
}

QString JsonFields::fieldName(const QString &name) const
{
    return m_prefix.isEmpty() ? name : m_prefix + u'.' + name;
}

ApiError JsonFields::missing(const QString &name) const
{
    return ApiError::badRequest(QStringLiteral("%1 is required").arg(fieldName(name)),
                                fieldName(name));
}

ApiError JsonFields::wrongType(const QString &name, const char *what) const
{
    return ApiError::badRequest(
        QStringLiteral("%1 must be %2").arg(fieldName(name), QLatin1StringView(what)),
        fieldName(name));
}

Result<QString> JsonFields::requiredString(const QString &name, int maxLength) const
{
    if (!has(name))
        return missing(name);
    auto s = optionalString(name, maxLength);
    if (s && s->isEmpty())
        return ApiError::badRequest(QStringLiteral("%1 must not be empty").arg(fieldName(name)),
                                    fieldName(name));
    return s;
}

Result<QString> JsonFields::optionalString(const QString &name, int maxLength) const
{
    if (!has(name))
        return QString();
    const QJsonValue v = m_o.value(name);
    if (!v.isString())
        return wrongType(name, "a string");
    const QString s = v.toString();
    if (s.size() > maxLength)
        return ApiError::badRequest(
            QStringLiteral("%1 must be at most %2 characters").arg(fieldName(name)).arg(maxLength),
            fieldName(name));
    if (s.contains(QChar(0)))
        return wrongType(name, "a string without NUL characters");
    return s;
}

Result<qint64> JsonFields::requiredAmount(const QString &name, qint64 minimum) const
{
    auto a = optionalAmount(name, minimum);
    if (!a)
        return a.error();
    if (!a.value())
        return missing(name);
    return *a.value();
}

Result<std::optional<qint64>> JsonFields::optionalAmount(const QString &name, qint64 minimum) const
{
    if (!has(name))
        return std::optional<qint64>{};
    const QJsonValue v = m_o.value(name);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d))
        return ApiError::badRequest(
            QStringLiteral("%1 must be an integer in the smallest currency unit")
                .arg(fieldName(name)),
            fieldName(name));
    if (d < double(minimum) || d > double(kMaxAmount))
        return ApiError::badRequest(QStringLiteral("%1 must be an integer between %2 and %3")
                                        .arg(fieldName(name))
                                        .arg(minimum)
                                        .arg(kMaxAmount),
                                    fieldName(name));
    return std::optional<qint64>(qint64(d));
}

Result<QString> JsonFields::requiredDigits(const QString &name, int minLength, int maxLength,
                                           ErrorCode code) const
{
    if (!has(name))
        return ApiError{code, QStringLiteral("%1 is required").arg(fieldName(name)),
                        fieldName(name)};
    const QJsonValue v = m_o.value(name);
    QString s;
    if (v.isString()) {
        s = v.toString();
    } else if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() < 1e9 &&
               v.toDouble() == std::floor(v.toDouble())) {
        s = QString::number(qint64(v.toDouble()));
    }
    bool digitsOnly = !s.isEmpty();
    for (QChar c : s)
        digitsOnly = digitsOnly && c.unicode() >= '0' && c.unicode() <= '9';
    if (!digitsOnly || s.size() < minLength || s.size() > maxLength)
        return ApiError{code,
                        QStringLiteral("%1 must be %2 to %3 digits")
                            .arg(fieldName(name))
                            .arg(minLength)
                            .arg(maxLength),
                        fieldName(name)};
    return s;
}

Result<QJsonObject> JsonFields::optionalObject(const QString &name) const
{
    if (!has(name))
        return QJsonObject{};
    const QJsonValue v = m_o.value(name);
    if (!v.isObject())
        return wrongType(name, "an object");
    if (containsNul(v))
        return wrongType(name, "an object without NUL characters");
    return v.toObject();
}

Result<JsonFields> JsonFields::requiredObject(const QString &name) const
{
    if (!has(name))
        return missing(name);
    const QJsonValue v = m_o.value(name);
    if (!v.isObject())
        return wrongType(name, "an object");
    return JsonFields(v.toObject(), fieldName(name));
}

Result<QString> JsonFields::requiredEnum(const QString &name, const QStringList &allowed) const
{
    auto s = requiredString(name, 64);
    if (!s)
        return s;
    if (!allowed.contains(s.value()))
        return ApiError::badRequest(
            QStringLiteral("%1 must be one of: %2").arg(fieldName(name), allowed.join(u", ")),
            fieldName(name));
    return s;
}

bool containsNul(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString().contains(QChar(0));
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        for (const QJsonValue &v : a)
            if (containsNul(v))
                return true;
        return false;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key().contains(QChar(0)) || containsNul(it.value()))
                return true;
        return false;
    }
    default:
        return false;
    }
}

} // namespace gw
