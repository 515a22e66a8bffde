#pragma once
// AttemptsModel: every delivery attempt of one webhook log (from GET /webhooks/{id}), oldest first.
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace gw::console {

class AttemptsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Time, ResponseCode, Duration, Response, ColumnCount };
    Q_ENUM(Column)

    using QAbstractTableModel::QAbstractTableModel;

    // Takes the attempts of a delivery log's detail; a detail without an attempt list still
    // shows its last attempt.
    void setDelivery(const QJsonObject &detail);
    void clear();
    QJsonObject attempt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<QJsonObject> m_attempts;
};

} // namespace gw::console
