#include "console/paymentsmodel.h"
#include "console/apifields.h"
#include "console/money.h"
#include "core/enums.h"

namespace gw::console {

namespace f = api::field;

PaymentsModel::PaymentsModel(ApiClient *api, QObject *parent)
    : JsonTableModel(api, api::payments(), parent)
{
    setSortKeys({{Created, api::field::createdAt},
                 {Amount, api::field::amount},
                 {Status, api::field::status}});
}

int PaymentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PaymentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("Payment");
    case Created:
        return tr("Created");
    case Amount:
        return tr("Amount");
    case Method:
        return tr("Method");
    case Status:
        return tr("Status");
    case Captured:
        return tr("Captured");
    case Refunded:
        return tr("Refunded");
    case OrderId:
        return tr("Order");
    case ColumnCount:
        break;
    }
    return {};
}

QString PaymentsModel::methodText(const QJsonObject &p)
{
    const QString method = p.value(f::method).toString();
    const auto known = fromString<PaymentMethod>(method);
    if (!known)
        return method; // a method this console does not know, shown as the API sent it
    if (*known == PaymentMethod::Card)
        return QStringLiteral("card: %1 ••%2")
            .arg(p.value(f::cardNetwork).toString(), p.value(f::cardLast4).toString());
    return QStringLiteral("upi: ") + p.value(f::vpa).toString();
}

QVariant PaymentsModel::cell(const QJsonObject &p, int column, int role) const
{
    const QString currency = p.value(f::currency).toString();
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case Id:
            return p.value(f::id).toString();
        case Created:
            return timeText(p.value(f::createdAt));
        case Amount:
            return Money::format(p.value(f::amount).toInteger(), currency);
        case Method:
            return methodText(p);
        case Status:
            return p.value(f::status).toString();
        case Captured:
            return p.value(f::captured).toBool() ? tr("yes") : tr("no");
        case Refunded: {
            const qint64 refunded = p.value(f::amountRefunded).toInteger();
            return refunded ? Money::format(refunded, currency) : QString();
        }
        case OrderId:
            return p.value(f::orderId).toString();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == SortRole) {
        switch (Column(column)) {
        case Created:
            return p.value(f::createdAt).toString();
        case Amount:
            return p.value(f::amount).toInteger();
        case Refunded:
            return p.value(f::amountRefunded).toInteger();
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && column == Status)
        return statusColor(p.value(f::status).toString());
    if (role == Qt::TextAlignmentRole && (column == Amount || column == Refunded))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Status &&
        !p.value(f::errorDescription).toString().isEmpty())
        return p.value(f::errorDescription).toString();
    return {};
}

} // namespace gw::console
