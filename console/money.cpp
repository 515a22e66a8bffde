#include "console/money.h"

#include <QLocale>
#include <QRegularExpression>

namespace gw::console {

QString Money::format(qint64 minorUnits, const QString &currency)
{
    const QString prefix =
        currency == QStringLiteral("INR") ? QStringLiteral("₹") : currency + u' ';
    const QString sign = minorUnits < 0 ? QStringLiteral("-") : QString();
    const qint64 abs = minorUnits < 0 ? -minorUnits : minorUnits;
    const QString whole = QLocale(QLocale::English).toString(abs / 100);
    return sign + prefix + whole + u'.' +
           QStringLiteral("%1").arg(abs % 100, 2, 10, QLatin1Char('0'));
}

QString Money::plain(qint64 minorUnits)
{
    return QStringLiteral("%1.%2")
        .arg(minorUnits / 100)
        .arg(minorUnits % 100, 2, 10, QLatin1Char('0'));
}

std::optional<qint64> Money::parse(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*₹?\\s*(\\d{1,13})(?:\\.(\\d{1,2}))?\\s*$"));
    QString cleaned = text;
    cleaned.remove(u',');
    const auto m = re.match(cleaned);
    if (!m.hasMatch())
        return std::nullopt;
    qint64 value = m.captured(1).toLongLong() * 100;
    if (const QString frac = m.captured(2); !frac.isEmpty())
        value += frac.size() == 1 ? frac.toLongLong() * 10 : frac.toLongLong();
    return value;
}

} // namespace gw::console
