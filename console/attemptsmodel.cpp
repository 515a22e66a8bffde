#include "console/attemptsmodel.h"
#include "console/apifields.h"
#include "console/jsontablemodel.h"

#include <QJsonArray>

namespace gw::console {

namespace f = api::field;

void AttemptsModel::setDelivery(const QJsonObject &detail)
{
    QList<QJsonObject> attempts;
    const QJsonValue list = detail.value(f::attemptList);
    if (list.isArray()) {
        for (const QJsonValue &v : list.toArray())
            attempts.append(v.toObject());
    } else if (!detail.value(f::lastAttemptAt).isNull() && detail.contains(f::lastAttemptAt)) {
        attempts.append(QJsonObject{{f::attempt, detail.value(f::attempts)},
                                    {f::attemptedAt, detail.value(f::lastAttemptAt)},
                                    {f::responseCode, detail.value(f::responseCode)},
                                    {f::responseBody, detail.value(f::responseBody)}});
    }
    beginResetModel();
    m_attempts = attempts;
    endResetModel();
}

void AttemptsModel::clear()
{
    beginResetModel();
    m_attempts.clear();
    endResetModel();
}

QJsonObject AttemptsModel::attempt(int row) const
{
    return row >= 0 && row < m_attempts.size() ? m_attempts.at(row) : QJsonObject();
}

int AttemptsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int AttemptsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Number:
        return tr("#");
    case Time:
        return tr("Attempted");
    case ResponseCode:
        return tr("Code");
    case Duration:
        return tr("Time");
    case Response:
        return tr("Response");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AttemptsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &a = m_attempts.at(index.row());
    const QString body = a.value(f::responseBody).toString();
    const QString error = a.value(f::error).toString();
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Number:
            return a.contains(f::attempt) ? a.value(f::attempt).toInt() : index.row() + 1;
        case Time:
            return JsonTableModel::timeText(a.value(f::attemptedAt));
        case ResponseCode: {
            const QJsonValue code = a.value(f::responseCode);
            return code.isDouble() ? QString::number(code.toInt()) : tr("none");
        }
        case Duration:
            return a.contains(f::durationMs) ? tr("%1 ms").arg(a.value(f::durationMs).toInt())
                                             : QString();
        case Response:
            return (body.isEmpty() ? error : body).simplified().left(200);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Response)
        return body.isEmpty() ? error : body;
    if (role == Qt::ForegroundRole && index.column() == ResponseCode) {
        const int code = a.value(f::responseCode).toInt();
        return JsonTableModel::statusColor(code >= 200 && code < 300 ? QStringLiteral("success")
                                                                     : QStringLiteral("failed"));
    }
    return {};
}

} // namespace gw::console
