#pragma once
// JsonTableModel: a table over one paginated API list ({data, total, limit, offset}). It loads one
// page at a time, asynchronously; filters become query parameters. A refresh that brings back the
// same rows in the same order updates cells in place, so selection and scroll position survive
// live updates. Sorting is the server's (sort/order parameters), so a header click orders the whole
// result, not one page. Subclasses name the columns, say which ones the API sorts by, and turn a
// JSON row into cells.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QMap>

namespace gw::console {

class ApiClient;

class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Raw value for sorting (numbers stay numbers, times stay ISO strings).
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    JsonTableModel(ApiClient *api, QString path, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QJsonObject rowObject(int row) const;
    int rowOf(const QString &id) const;

    // An empty value removes the filter. Changing a filter goes back to the first page.
    void setFilter(const QString &name, const QString &value);
    void setFilters(const QMap<QString, QString> &filters);
    QString filter(const QString &name) const { return m_filters.value(name); }
    // Sorts on the server by the column's key and goes back to the first page; a column the API
    // cannot sort by changes nothing.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canSort(int column) const { return !sortKey(column).isEmpty(); }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void setPageSize(int size) { m_limit = size; }
    int pageSize() const { return m_limit; }
    int offset() const { return m_offset; }
    int total() const { return m_total; }
    bool hasNextPage() const { return m_offset + m_limit < m_total; }
    bool hasPreviousPage() const { return m_offset > 0; }
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_loaded; }
    QString lastError() const { return m_error; }

public Q_SLOTS:
    void refresh();
    void nextPage();
    void previousPage();
    void firstPage();

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &description);

protected:
    // Display, tooltip, colour… for one cell; SortRole falls back to DisplayRole when unset.
    virtual QVariant cell(const QJsonObject &row, int column, int role) const = 0;
    // Which columns the API sorts by, and under which key (created_at, amount, status).
    void setSortKeys(const QMap<int, QString> &keys) { m_sortKeys = keys; }
    QString sortKey(int column) const { return m_sortKeys.value(column); }

public:
    // Shared cell helpers: an ISO time in the operator's local time, a status's colour.
    static QString timeText(const QJsonValue &iso);
    static QVariant statusColor(const QString &status);

private:
    void apply(const QList<QJsonObject> &rows);

    ApiClient *m_api;
    QString m_path;
    QMap<QString, QString> m_filters;
    QList<QJsonObject> m_rows;
    int m_limit = 20;
    int m_offset = 0;
    int m_total = 0;
    QMap<int, QString> m_sortKeys;
    int m_sortColumn = -1; // -1: the API's default, newest first
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    quint64 m_generation = 0; // a reply for an older request is dropped
    bool m_loading = false;
    bool m_loaded = false;
    QString m_error;
};

} // namespace gw::console
