#pragma once
// Reading a request's JSON body into typed values. Every failure is a 400 naming the field
// (nested fields as "card.number"); fields the contract does not know are ignored.
#include "core/result.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace gw {

class JsonFields
{
public:
    // Largest amount accepted: 2^53 - 1, exact in every JSON parser and well inside bigint.
    static constexpr qint64 kMaxAmount = 9007199254740991LL;

    // The body as a JSON object. An empty body is an empty object when `emptyAllowed`.
    static Result<JsonFields> parse(const QByteArray &body, bool emptyAllowed = false);
    explicit JsonFields(QJsonObject object, QString prefix = {});

    const QJsonObject &object() const { return m_o; }
    bool has(const QString &name) const;

    // A string of 1..maxLength characters (no NUL characters).
    Result<QString> requiredString(const QString &name, int maxLength = 255) const;
    // Absent or null gives an empty string.
    Result<QString> optionalString(const QString &name, int maxLength = 255) const;
    // A positive integer in [minimum, kMaxAmount].
    Result<qint64> requiredAmount(const QString &name, qint64 minimum = 1) const;
    Result<std::optional<qint64>> optionalAmount(const QString &name, qint64 minimum = 1) const;
    // A non-negative integer given as a JSON number or a string of digits (expiry, CVV).
    Result<QString> requiredDigits(const QString &name, int minLength, int maxLength,
                                   ErrorCode code) const;
    // A JSON object; absent or null gives an empty object.
    Result<QJsonObject> optionalObject(const QString &name) const;
    Result<JsonFields> requiredObject(const QString &name) const;
    // One of `allowed`.
    Result<QString> requiredEnum(const QString &name, const QStringList &allowed) const;

    QString fieldName(const QString &name) const;

private:
    ApiError missing(const QString &name) const;
    ApiError wrongType(const QString &name, const char *what) const;

    QJsonObject m_o;
    QString m_prefix;
};

// True when a string or any string inside a JSON value holds U+0000 (PostgreSQL rejects it).
bool containsNul(const QJsonValue &value);

} // namespace gw
