#include "core/cardcheck.h"

namespace gw::cardcheck {

namespace {
bool isVpaChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' ||
           u == '_' || u == '-';
}

bool startsWithRange(const QString &digits, int length, int low, int high)
{
    if (digits.size() < length)
        return false;
    const int prefix = digits.left(length).toInt();
    return prefix >= low && prefix <= high;
}
} // namespace

QString normalizedNumber(const QString &raw)
{
    QString digits;
    digits.reserve(raw.size());
    for (QChar c : raw) {
        if (c == u' ' || c == u'-')
            continue;
        if (c.unicode() < '0' || c.unicode() > '9')
            return {};
        digits.append(c);
    }
    return digits;
}

bool isValidNumber(const QString &digits)
{
    if (digits.size() < 13 || digits.size() > 19)
        return false;
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        const char16_t u = digits.at(i).unicode();
        if (u < '0' || u > '9')
            return false;
        int d = u - '0';
        if (twice) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

QString network(const QString &digits)
{
    if (startsWithRange(digits, 2, 34, 34) || startsWithRange(digits, 2, 37, 37))
        return QStringLiteral("amex");
    if (startsWithRange(digits, 2, 60, 60) || startsWithRange(digits, 2, 65, 65) ||
        startsWithRange(digits, 2, 81, 82) || startsWithRange(digits, 3, 508, 508))
        return QStringLiteral("rupay");
    if (startsWithRange(digits, 2, 51, 55) || startsWithRange(digits, 4, 2221, 2720))
        return QStringLiteral("mastercard");
    if (digits.startsWith(u'4'))
        return QStringLiteral("visa");
    return QStringLiteral("unknown");
}

int fullYear(int year)
{
    if (year >= 0 && year <= 99)
        return 2000 + year;
    if (year >= 1000 && year <= 9999)
        return year;
    return 0;
}

bool isExpired(int month, int fourDigitYear, QDate today)
{
    if (fourDigitYear != today.year())
        return fourDigitYear < today.year();
    return month < today.month();
}

bool isValidVpa(const QString &vpa)
{
    if (vpa.size() > 255)
        return false;
    const qsizetype at = vpa.indexOf(u'@');
    if (at <= 0 || at == vpa.size() - 1 || vpa.indexOf(u'@', at + 1) >= 0)
        return false;
    for (qsizetype i = 0; i < vpa.size(); ++i)
        if (i != at && !isVpaChar(vpa.at(i)))
            return false;
    return true;
}

} // namespace gw::cardcheck
