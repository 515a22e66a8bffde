#pragma once
// Row ↔ object mapping for the domain tables, shared by every store class: select with the
// column list, map with the function, so each column order lives in one place.
#include "core/enums.h"
#include "core/order.h"
#include "core/payment.h"
#include "core/refund.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QString>

namespace gw::store {

// Column lists for SELECT … / RETURNING …, in the order the mappers read them.
QString orderColumns();
QString paymentColumns();
QString refundColumns();

// A timestamp column as UTC; SQL NULL as an invalid QDateTime.
QDateTime utc(const QVariant &v);

// A column holding one of an enum's strings (core/enums.h). The schema's CHECK constraints allow
// no other, so a string the enum does not know is a server error, never a default.
template <typename E> Result<E> enumColumn(const QVariant &value)
{
    auto e = fromString<E>(value.toString());
    if (!e)
        return ApiError::server(e.error().description);
    return e;
}
template <typename E> Result<E> enumColumn(const QSqlQuery &q, int column)
{
    return enumColumn<E>(q.value(column));
}

Result<Order> orderFromRow(const QSqlQuery &q);
Result<Payment> paymentFromRow(const QSqlQuery &q);
Result<Refund> refundFromRow(const QSqlQuery &q);

} // namespace gw::store
