#include "console/deliveriesmodel.h"
#include "console/apifields.h"

namespace gw::console {

namespace f = api::field;

DeliveriesModel::DeliveriesModel(ApiClient *api, QObject *parent)
    : JsonTableModel(api, api::webhooks(), parent)
{
    setSortKeys(
        {{Created, api::field::createdAt}, {Status, api::field::status}}); // logs have no amount
}

int DeliveriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Event:
        return tr("Event");
    case Status:
        return tr("Status");
    case Attempts:
        return tr("Attempts");
    case LastAttempt:
        return tr("Last attempt");
    case ResponseCode:
        return tr("Response");
    case NextRetry:
        return tr("Next retry");
    case Created:
        return tr("Created");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DeliveriesModel::cell(const QJsonObject &d, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case Event:
            return d.value(f::event).toString();
        case Status:
            return d.value(f::status).toString();
        case Attempts:
            return d.value(f::attempts).toInt();
        case LastAttempt:
            return timeText(d.value(f::lastAttemptAt));
        case ResponseCode: {
            const QJsonValue code = d.value(f::responseCode);
            return code.isDouble() ? QString::number(code.toInt()) : QString();
        }
        case NextRetry:
            return timeText(d.value(f::nextRetryAt));
        case Created:
            return timeText(d.value(f::createdAt));
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == SortRole) {
        switch (Column(column)) {
        case LastAttempt:
            return d.value(f::lastAttemptAt).toString();
        case NextRetry:
            return d.value(f::nextRetryAt).toString();
        case Created:
            return d.value(f::createdAt).toString();
        case ResponseCode:
            return d.value(f::responseCode).toInt();
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && column == Status)
        return statusColor(d.value(f::status).toString());
    if (role == Qt::TextAlignmentRole && (column == Attempts || column == ResponseCode))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace gw::console
