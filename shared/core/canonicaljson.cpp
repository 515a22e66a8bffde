#include "core/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace gw {

namespace {

void writeValue(const QJsonValue &v, QByteArray &out);

void writeString(const QString &s, QByteArray &out)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { // printable ASCII as is
            out.append(char(c));
            continue;
        }
        switch (c) {
        case '"':
            out.append("\\\"");
            continue;
        case '\\':
            out.append("\\\\");
            continue;
        case '\b':
            out.append("\\b");
            continue;
        case '\f':
            out.append("\\f");
            continue;
        case '\n':
            out.append("\\n");
            continue;
        case '\r':
            out.append("\\r");
            continue;
        case '\t':
            out.append("\\t");
            continue;
        default:
            break;
        }
        const bool high = QChar::isHighSurrogate(c);
        const bool low = QChar::isLowSurrogate(c);
        const bool pairedHigh =
            high && i + 1 < s.size() && QChar::isLowSurrogate(s.at(i + 1).unicode());
        if (c < 0x20 || (low) || (high && !pairedHigh)) {
            // Control characters and lone surrogates, as well-formed JSON.stringify writes them.
            out.append("\\u");
            out.append(hex[(c >> 12) & 0xf])
                .append(hex[(c >> 8) & 0xf])
                .append(hex[(c >> 4) & 0xf])
                .append(hex[c & 0xf]);
            continue;
        }
        if (pairedHigh) {
            out.append(QStringView(s).mid(i, 2).toUtf8());
            ++i;
            continue;
        }
        out.append(QStringView(s).mid(i, 1).toUtf8());
    }
    out.append('"');
}

// JS "array index" keys (canonical decimal integers below 2^32 - 1) come first, ascending.
bool isIndexKey(const QString &k, quint64 &n)
{
    if (k.isEmpty() || k.size() > 10 || (k.size() > 1 && k.at(0) == QLatin1Char('0')))
        return false;
    bool ok = false;
    n = k.toULongLong(&ok);
    return ok && n < 4294967295ULL && QString::number(n) == k;
}

// ECMAScript Number::toString: the shortest digits that round-trip, placed as JS places them
// (plain notation from 1e-7 up to 1e21, else d.ddde+N / d.ddde-N).
void writeNumber(double d, QByteArray &out)
{
    if (!std::isfinite(d)) {
        out.append("null");
        return;
    }
    if (d == 0) {
        out.append('0'); // also -0
        return;
    }
    if (d < 0) {
        out.append('-');
        d = -d;
    }
    const QByteArray e = QByteArray::number(d, 'e', QLocale::FloatingPointShortest); // "1.2345e+20"
    const qsizetype ePos = e.indexOf('e');
    QByteArray digits = e.left(ePos);
    digits.replace(".", "");
    const int k = int(digits.size());
    const int n = e.mid(ePos + 1).toInt() + 1; // position of the decimal point
    if (k <= n && n <= 21) {
        out.append(digits).append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits.left(n)).append('.').append(digits.mid(n));
    } else if (-6 < n && n <= 0) {
        out.append("0.").append(QByteArray(-n, '0')).append(digits);
    } else {
        out.append(digits.left(1));
        if (k > 1)
            out.append('.').append(digits.mid(1));
        out.append('e').append(n - 1 >= 0 ? "+" : "-").append(QByteArray::number(std::abs(n - 1)));
    }
}

void writeObject(const QJsonObject &o, QByteArray &out)
{
    QList<QPair<quint64, QString>> indexKeys;
    QStringList otherKeys;
    for (auto it = o.begin(); it != o.end(); ++it) {
        quint64 n = 0;
        if (isIndexKey(it.key(), n))
            indexKeys.append({n, it.key()});
        else
            otherKeys.append(it.key());
    }
    std::sort(indexKeys.begin(), indexKeys.end());
    QStringList keys;
    for (const auto &k : indexKeys)
        keys.append(k.second);
    keys.append(otherKeys);
    out.append('{');
    bool first = true;
    for (const QString &k : keys) {
        if (!first)
            out.append(',');
        first = false;
        writeString(k, out);
        out.append(':');
        writeValue(o.value(k), out);
    }
    out.append('}');
}

void writeValue(const QJsonValue &v, QByteArray &out)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        break;
    case QJsonValue::Bool:
        out.append(v.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double: {
        const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() && std::fabs(double(i)) < 9007199254740992.0)
            out.append(QByteArray::number(i));
        else
            writeNumber(v.toDouble(), out);
        break;
    }
    case QJsonValue::String:
        writeString(v.toString(), out);
        break;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out.append(',');
            writeValue(a.at(i), out);
        }
        out.append(']');
        break;
    }
    case QJsonValue::Object:
        writeObject(v.toObject(), out);
        break;
    }
}

} // namespace

void appendCanonicalString(const QString &s, QByteArray &out)
{
    writeString(s, out);
}

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    writeValue(value, out);
    return out;
}

} // namespace gw
