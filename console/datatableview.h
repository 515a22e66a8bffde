#pragma once
// DataTableView: the console's table look and behaviour in one place: whole-row single selection,
// a header click that sorts (a JsonTableModel on the server, across every page; other models
// locally on JsonTableModel::SortRole), columns sized to their contents with the last one taking
// the rest, keyboard-first (no editing, Home/End/PgUp/PgDn as usual).
#include <QTableView>

class QSortFilterProxyModel;

namespace gw::console {

class DataTableView : public QTableView
{
    Q_OBJECT
public:
    explicit DataTableView(QWidget *parent = nullptr);

    // Shows `source` through a proxy owned by this view, with `column` as the sort indicator (for
    // a JsonTableModel the server's default order, newest first, is what the indicator shows).
    void setSourceModel(QAbstractItemModel *source, int sortColumn,
                        Qt::SortOrder order = Qt::DescendingOrder);
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    // The source row of the current index, or -1.
    int currentSourceRow() const;
    // Makes the source row current and selected; false when the row does not exist.
    bool selectSourceRow(int row);

private:
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace gw::console
