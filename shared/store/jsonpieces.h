#pragma once
// JSON that PostgreSQL completes in the statement that writes it. The text is made here, canonical
// (canonicalJson), and cut where a value only the database knows goes (a timestamp, an amount);
// the statement (sql/payment_batch.sql, sql/refund_batch.sql) joins the pieces around that value,
// written as the API writes it. One round trip then writes an object and the events that carry
// it, byte for byte what writing the events after reading the object back would write.
#include "core/enums.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

namespace gw::store {

using JsonPieces = std::pair<QByteArray, QByteArray>; // before and after the value

// `text` ({…}) around its empty object value at the end, e.g. '{"payment":' and '}'.
std::optional<JsonPieces> aroundEmptyObject(const QByteArray &text);

// Where the value of the top-level `key` of `object` is in `text`, its canonical JSON: [start,
// end), or nothing when it is not there exactly once.
std::optional<std::pair<qsizetype, qsizetype>>
valueSpan(const QByteArray &text, const QJsonObject &object, const QString &key);

// The canonical JSON of `object` around the value of its top-level `key`.
std::optional<JsonPieces> aroundValue(const QJsonObject &object, const QString &key);

// An event's payload around its data's one member (`data` is {"payment": {}} cut by
// aroundEmptyObject, made once by the caller): head + the member's JSON + tail is exactly
// eventPayload(eventId, type, {{member, value}}).
std::optional<JsonPieces> eventPieces(const QString &eventId, EventType type,
                                      const JsonPieces &data);

// `text` cut around the values at `spans` ([start, end) and what goes there), in text order:
// parts.size() == labels.size() + 1, and the text is parts[0] value[0] parts[1] … parts[n].
template <typename Label> struct CutText
{
    QList<QByteArray> parts;
    QList<Label> labels;
};

template <typename Label>
CutText<Label> cutAtSpans(const QByteArray &text,
                          QList<std::tuple<qsizetype, qsizetype, Label>> spans)
{
    std::sort(spans.begin(), spans.end());
    CutText<Label> cut;
    qsizetype from = 0;
    for (const auto &[start, end, label] : spans) {
        cut.parts.append(text.mid(from, start - from));
        cut.labels.append(label);
        from = end;
    }
    cut.parts.append(text.mid(from));
    return cut;
}

} // namespace gw::store
