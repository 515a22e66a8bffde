#include "console/refundsmodel.h"
#include "console/apifields.h"
#include "console/money.h"

namespace gw::console {

namespace f = api::field;

RefundsModel::RefundsModel(ApiClient *api, QObject *parent)
    : JsonTableModel(api, api::refunds(), parent)
{
    setSortKeys({{Created, api::field::createdAt},
                 {Amount, api::field::amount},
                 {Status, api::field::status}});
}

int RefundsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RefundsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Refund");
    case PaymentId:
        return tr("Payment");
    case Amount:
        return tr("Amount");
    case Status:
        return tr("Status");
    case Reason:
        return tr("Reason");
    case Created:
        return tr("Created");
    case Processed:
        return tr("Processed");
    case ColumnCount:
        break;
    }
    return {};
}

bool RefundsModel::anyPending() const
{
    for (int i = 0; i < rowCount(); ++i)
        if (rowObject(i).value(f::status).toString() == f::pending)
            return true;
    return false;
}

QVariant RefundsModel::cell(const QJsonObject &r, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case Id:
            return r.value(f::id).toString();
        case PaymentId:
            return r.value(f::paymentId).toString();
        case Amount:
            return Money::format(r.value(f::amount).toInteger());
        case Status:
            return r.value(f::status).toString();
        case Reason:
            return r.value(f::reason).toString();
        case Created:
            return timeText(r.value(f::createdAt));
        case Processed:
            return timeText(r.value(f::processedAt));
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == SortRole) {
        switch (Column(column)) {
        case Amount:
            return r.value(f::amount).toInteger();
        case Created:
            return r.value(f::createdAt).toString();
        case Processed:
            return r.value(f::processedAt).toString();
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && column == Status)
        return statusColor(r.value(f::status).toString());
    if (role == Qt::TextAlignmentRole && column == Amount)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace gw::console
