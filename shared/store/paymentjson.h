#pragma once
// A payment's canonical JSON, canonicalJson(payment.toJson()) byte for byte, written without a
// QJsonObject: the worker writes one per event, hundreds per batch. The text between the values
// is cut once per method from Payment::toJson itself (a stand-in payment whose every value is
// written differently), so the field names and their order stay in one place.
#include "core/payment.h"
#include "store/jsonpieces.h"

#include <QByteArray>

namespace gw::store {

QByteArray paymentJson(const Payment &p);

// A payment event's data, {"payment":…}, cut around the payment (made once).
const std::optional<JsonPieces> &paymentDataPieces();

// The data of a payment's event: {"payment":…} as canonicalJson writes it.
QByteArray paymentEventData(const Payment &p);

} // namespace gw::store
