#include "console/datatableview.h"
#include "console/jsontablemodel.h"

#include <QHeaderView>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>

namespace gw::console {

namespace {
// Leaves the rows in the source's order and hands sorting to a JsonTableModel, whose rows come
// sorted from the API; any other model is sorted here.
class SortProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void sort(int column, Qt::SortOrder order) override
    {
        if (auto *server = qobject_cast<JsonTableModel *>(sourceModel()))
            server->sort(column, order);
        else
            QSortFilterProxyModel::sort(column, order);
    }
};
} // namespace

DataTableView::DataTableView(QWidget *parent) : QTableView(parent), m_proxy(new SortProxy(this))
{
    m_proxy->setSortRole(JsonTableModel::SortRole);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
}

void DataTableView::setSourceModel(QAbstractItemModel *source, int sortColumn, Qt::SortOrder order)
{
    m_proxy->setSourceModel(source);
    setModel(m_proxy);
    auto *server = qobject_cast<JsonTableModel *>(source);
    if (!server) {
        setSortingEnabled(true);
        sortByColumn(sortColumn, order);
        return;
    }
    horizontalHeader()->setSortIndicator(sortColumn, order);
    setSortingEnabled(true);
    // A column the API cannot sort by keeps the indicator where the rows' order really is.
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this, server, sortColumn, order](int column, Qt::SortOrder) {
                if (server->canSort(column))
                    return;
                const int current = server->sortColumn() >= 0 ? server->sortColumn() : sortColumn;
                const Qt::SortOrder currentOrder =
                    server->sortColumn() >= 0 ? server->sortOrder() : order;
                QSignalBlocker block(horizontalHeader());
                horizontalHeader()->setSortIndicator(current, currentOrder);
            });
}

int DataTableView::currentSourceRow() const
{
    const QModelIndex index = m_proxy->mapToSource(currentIndex());
    return index.isValid() ? index.row() : -1;
}

bool DataTableView::selectSourceRow(int row)
{
    if (row < 0 || row >= m_proxy->sourceModel()->rowCount())
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_proxy->sourceModel()->index(row, 0));
    if (currentIndex().row() != index.row())
        setCurrentIndex(index);
    selectRow(index.row());
    return true;
}

} // namespace gw::console
