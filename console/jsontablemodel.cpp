#include "console/jsontablemodel.h"
#include "console/apiclient.h"
#include "console/apifields.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace gw::console {

JsonTableModel::JsonTableModel(ApiClient *api, QString path, QObject *parent)
    : QAbstractTableModel(parent), m_api(api), m_path(std::move(path))
{
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    if (role == IdRole)
        return row.value(api::field::id).toString();
    if (role == SortRole) {
        const QVariant v = cell(row, index.column(), SortRole);
        return v.isValid() ? v : cell(row, index.column(), Qt::DisplayRole);
    }
    return cell(row, index.column(), role);
}

QJsonObject JsonTableModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

int JsonTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).value(api::field::id).toString() == id)
            return i;
    return -1;
}

void JsonTableModel::setFilter(const QString &name, const QString &value)
{
    if (m_filters.value(name) == value)
        return;
    if (value.isEmpty())
        m_filters.remove(name);
    else
        m_filters.insert(name, value);
    m_offset = 0;
    refresh();
}

void JsonTableModel::setFilters(const QMap<QString, QString> &filters)
{
    QMap<QString, QString> cleaned;
    for (auto it = filters.cbegin(); it != filters.cend(); ++it)
        if (!it.value().isEmpty())
            cleaned.insert(it.key(), it.value());
    if (cleaned == m_filters && m_loaded)
        return;
    m_filters = cleaned;
    m_offset = 0;
    refresh();
}

void JsonTableModel::sort(int column, Qt::SortOrder order)
{
    if (!canSort(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    m_offset = 0;
    if (m_generation > 0) // the view's initial indicator is not a reason to load
        refresh();
}

void JsonTableModel::nextPage()
{
    if (!hasNextPage())
        return;
    m_offset += m_limit;
    refresh();
}

void JsonTableModel::previousPage()
{
    if (!hasPreviousPage())
        return;
    m_offset = qMax(0, m_offset - m_limit);
    refresh();
}

void JsonTableModel::firstPage()
{
    m_offset = 0;
    refresh();
}

void JsonTableModel::refresh()
{
    QUrlQuery query;
    query.addQueryItem(api::field::limit, QString::number(m_limit));
    query.addQueryItem(api::field::offset, QString::number(m_offset));
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
        query.addQueryItem(it.key(), it.value());
    if (m_sortColumn >= 0) {
        query.addQueryItem(api::field::sort, sortKey(m_sortColumn));
        query.addQueryItem(api::field::order,
                           m_sortOrder == Qt::AscendingOrder ? api::field::asc : api::field::desc);
    }
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_api->get(m_path, query, this, [this, generation](const ApiResponse &r) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!r.ok()) {
            m_error = r.errorDescription;
            Q_EMIT loadFailed(m_error);
            return;
        }
        m_error.clear();
        m_total = r.body.value(api::field::total).toInt();
        QList<QJsonObject> rows;
        const QJsonArray data = r.body.value(api::field::data).toArray();
        rows.reserve(data.size());
        for (const QJsonValue &v : data)
            rows.append(v.toObject());
        apply(rows);
        m_loaded = true;
        Q_EMIT loaded();
    });
}

void JsonTableModel::apply(const QList<QJsonObject> &rows)
{
    bool sameIds = rows.size() == m_rows.size();
    for (int i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows.at(i).value(api::field::id) == m_rows.at(i).value(api::field::id);
    if (!sameIds) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i) == m_rows.at(i))
            continue;
        m_rows[i] = rows.at(i);
        Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
    }
}

} // namespace gw::console

#include <QColor>
#include <QDateTime>

namespace gw::console {

QString JsonTableModel::timeText(const QJsonValue &iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : QString();
}

QVariant JsonTableModel::statusColor(const QString &status)
{
    if (status == QStringLiteral("success") || status == QStringLiteral("processed"))
        return QColor(0x1b, 0x7f, 0x3a);
    if (status == QStringLiteral("failed"))
        return QColor(0xc0, 0x1c, 0x28);
    if (status == QStringLiteral("pending"))
        return QColor(0xb5, 0x6d, 0x00);
    return {};
}

} // namespace gw::console
