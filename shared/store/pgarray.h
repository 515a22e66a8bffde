#pragma once
// A PostgreSQL array literal ('{"a","b"}') for binding a list to `= ANY(?::text[])`: one
// parameter instead of one per element, so a batch is one statement.
#include <QStringList>

namespace gw::store {

inline QString pgArray(const QStringList &items)
{
    qsizetype size = 2;
    for (const QString &e : items)
        size += e.size() + 3;
    QString out;
    out.reserve(size);
    out += QLatin1Char('{');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        out += QLatin1Char('"');
        for (const QChar c : items.at(i)) {
            if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
                out += QLatin1Char('\\');
            out += c;
        }
        out += QLatin1Char('"');
    }
    return out + QLatin1Char('}');
}

} // namespace gw::store
