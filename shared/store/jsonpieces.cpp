#include "store/jsonpieces.h"

#include "core/canonicaljson.h"
#include "store/eventbatch.h"

namespace gw::store {

std::optional<JsonPieces> aroundEmptyObject(const QByteArray &text)
{
    if (!text.endsWith("{}}"))
        return std::nullopt;
    return JsonPieces{text.left(text.size() - 3), text.right(1)};
}

std::optional<std::pair<qsizetype, qsizetype>>
valueSpan(const QByteArray &text, const QJsonObject &object, const QString &key)
{
    // After `"key":`: canonical JSON escapes every `"` inside strings, so a key with its quotes
    // and colon appears nowhere else.
    const QByteArray name = canonicalJson(key) + ':';
    const QByteArray needle = name + canonicalJson(object.value(key));
    const qsizetype at = text.indexOf(needle);
    if (at < 0 || text.indexOf(needle, at + 1) >= 0)
        return std::nullopt;
    return std::pair{at + name.size(), at + needle.size()};
}

std::optional<JsonPieces> aroundValue(const QJsonObject &object, const QString &key)
{
    const QByteArray text = canonicalJson(object);
    const auto span = valueSpan(text, object, key);
    if (!span)
        return std::nullopt;
    return JsonPieces{text.left(span->first), text.mid(span->second)};
}

std::optional<JsonPieces> eventPieces(const QString &eventId, EventType type,
                                      const JsonPieces &data)
{
    const auto envelope = aroundEmptyObject(eventPayload(eventId, type, {}).toUtf8());
    if (!envelope)
        return std::nullopt;
    return JsonPieces{envelope->first + data.first, data.second + envelope->second};
}

} // namespace gw::store
