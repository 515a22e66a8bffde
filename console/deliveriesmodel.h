#pragma once
// DeliveriesModel: one page of the webhook delivery log (GET /webhooks), filterable by status.
#include "console/jsontablemodel.h"

namespace gw::console {

class DeliveriesModel : public JsonTableModel
{
    Q_OBJECT
public:
    enum Column {
        Event,
        Status,
        Attempts,
        ResponseCode,
        LastAttempt,
        NextRetry,
        Created,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit DeliveriesModel(ApiClient *api, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QVariant cell(const QJsonObject &row, int column, int role) const override;
};

} // namespace gw::console
