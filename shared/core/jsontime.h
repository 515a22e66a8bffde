#pragma once
// Timestamps in objects: ISO-8601 UTC with milliseconds, or null when not set.
#include <QDateTime>
#include <QJsonValue>

namespace gw {

// A valid time's text.
inline QString isoTimeText(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

inline QJsonValue isoTime(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    return isoTimeText(t);
}

inline QJsonValue nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace gw
