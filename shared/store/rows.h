#pragma once
// Row ↔ object mapping for the domain tables, shared by every store class: select with the
// column list, map with the function, so each column order lives in one place.
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

Order orderFromRow(const QSqlQuery &q);
Payment paymentFromRow(const QSqlQuery &q);
Refund refundFromRow(const QSqlQuery &q);

} // namespace gw::store
