#pragma once
// RefundsModel: one page of GET /refunds; the page refreshes it while refunds are pending.
#include "console/jsontablemodel.h"

namespace gw::console {

class RefundsModel : public JsonTableModel
{
    Q_OBJECT
public:
    enum Column { Id, PaymentId, Amount, Status, Reason, Created, Processed, ColumnCount };
    Q_ENUM(Column)

    explicit RefundsModel(ApiClient *api, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool anyPending() const;

protected:
    QVariant cell(const QJsonObject &row, int column, int role) const override;
};

} // namespace gw::console
