#pragma once
// A PostgreSQL array literal ('{"a","b"}') for binding a list to `= ANY(?::text[])`: one
// parameter instead of one per element, so a batch is one statement.
#include <QStringList>

namespace gw::store {

inline QString pgArray(const QStringList &items)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        QString e = items.at(i);
        e.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('"'), QStringLiteral("\\\""));
        out += QLatin1Char('"') + e + QLatin1Char('"');
    }
    return out + QLatin1Char('}');
}

} // namespace gw::store
