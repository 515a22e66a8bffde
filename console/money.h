#pragma once
// Money: amounts travel in the smallest unit (paise); operators read and type them in rupees.
#include <QString>
#include <optional>

namespace gw::console {

class Money
{
public:
    // 123456, "INR" -> "₹1,234.56"; other currencies get their code as prefix.
    static QString format(qint64 minorUnits, const QString &currency = QStringLiteral("INR"));
    // 123456 -> "1234.56", for an editable field.
    static QString plain(qint64 minorUnits);
    // "1234.56", "1,234.5", "12" -> minor units; nullopt for anything else (negative, 3 decimals…).
    static std::optional<qint64> parse(const QString &text);
};

} // namespace gw::console
