#pragma once
// Compact JSON written exactly as JavaScript's JSON.stringify(JSON.parse(text)) writes it back, so
// that a merchant verifying our signature over the re-serialised body (the seeds' Node snippet)
// gets the same bytes we signed: integer-like keys first in numeric order (JS object order), the
// other keys in ours; only `"`, `\`, and control characters escaped; lower-case \u00xx.
#include <QByteArray>
#include <QJsonValue>

namespace gw {

QByteArray canonicalJson(const QJsonValue &value);
// A string as canonicalJson writes it, appended to `out` (no QJsonValue made).
void appendCanonicalString(const QString &s, QByteArray &out);

} // namespace gw
