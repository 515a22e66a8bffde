#pragma once
// Card and VPA checks (SPEC.md "Objects and ids"): Luhn, network from the number's prefix,
// expiry against today, and the shape of a UPI address. Pure functions, no I/O.
#include <QDate>
#include <QString>

namespace gw::cardcheck {

// Digits only, spaces and dashes removed; empty when anything else is in the way.
QString normalizedNumber(const QString &raw);
// 13–19 digits that pass the Luhn check.
bool isValidNumber(const QString &digits);
// visa | mastercard | amex | rupay | unknown
QString network(const QString &digits);
// Month 1–12; year with 2 or 4 digits. Returns the four-digit year, or 0 when malformed.
int fullYear(int year);
// True while the card is usable: through the last day of its expiry month.
bool isExpired(int month, int fourDigitYear, QDate today);
// name@handle, exactly one '@', both sides of [A-Za-z0-9._-], at most 255 characters.
bool isValidVpa(const QString &vpa);

} // namespace gw::cardcheck
