#pragma once
// A PostgreSQL array literal ('{"a","b"}') for binding a list to `= ANY(?::text[])`: one
// parameter instead of one per element, so a batch is one statement.
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <array>
#include <cstddef>
#include <optional>

namespace gw::store {

inline void appendPgArrayElement(const QString &e, QString &out)
{
    out += QLatin1Char('"');
    for (const QChar c : e) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('"'))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('"');
}

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
        appendPgArrayElement(items.at(i), out);
    }
    return out + QLatin1Char('}');
}

// The same with NULL elements (nullopt), for a column of a batch's rows bound as a typed array
// (`unnest(?::int[], ?::text[], …)`).
inline QString pgArrayWithNulls(const QList<std::optional<QString>> &items)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        if (items.at(i))
            appendPgArrayElement(*items.at(i), out);
        else
            out += QLatin1String("NULL");
    }
    return out + QLatin1Char('}');
}

// A batch's rows as its statement takes them: one array parameter per column, row k of each
// array from drafts[k]. rowOf(draft) gives the draft's row (a std::array<QString, N>).
template <std::size_t N, typename Draft, typename RowOf>
QVariantList columnArrays(const QList<const Draft *> &drafts, RowOf rowOf)
{
    std::array<QStringList, N> columns;
    for (const Draft *d : drafts) {
        const std::array<QString, N> row = rowOf(*d);
        for (std::size_t c = 0; c < N; ++c)
            columns[c].append(row[c]);
    }
    QVariantList values;
    for (const QStringList &column : columns)
        values.append(pgArray(column));
    return values;
}

} // namespace gw::store
