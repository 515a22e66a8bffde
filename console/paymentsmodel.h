#pragma once
// PaymentsModel: one page of GET /payments, filterable by status, method and date range.
#include "console/jsontablemodel.h"

namespace gw::console {

class PaymentsModel : public JsonTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Created, Amount, Refunded, Status, Captured, Method, OrderId, ColumnCount };
    Q_ENUM(Column)

    explicit PaymentsModel(ApiClient *api, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "upi: name@bank" or "card: visa ••4242".
    static QString methodText(const QJsonObject &payment);

protected:
    QVariant cell(const QJsonObject &row, int column, int role) const override;
};

} // namespace gw::console
