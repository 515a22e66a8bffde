#include "console/datatableview.h"
#include "console/jsontablemodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace gw::console {

DataTableView::DataTableView(QWidget *parent)
    : QTableView(parent), m_proxy(new QSortFilterProxyModel(this))
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
    setSortingEnabled(true);
    sortByColumn(sortColumn, order);
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
