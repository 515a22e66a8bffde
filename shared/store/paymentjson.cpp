#include "store/paymentjson.h"

#include "core/canonicaljson.h"
#include "core/jsontime.h"
#include "store/jsonpieces.h"

#include <QJsonObject>

#include <array>
#include <cmath>
#include <tuple>

namespace gw::store {

namespace {
const QString kPayment = QStringLiteral("payment");

// Every value of Payment::toJson.
enum class Field {
    Id,
    OrderId,
    Amount,
    Currency,
    Status,
    Captured,
    AmountRefunded,
    ErrorCode,
    ErrorDescription,
    CreatedAt,
    UpdatedAt,
    Livemode,
    Vpa,
    CardNetwork,
    CardLast4
};

void writeText(const QString &s, QByteArray &out)
{
    appendCanonicalString(s, out);
}

void writeNullable(const QString &s, QByteArray &out)
{
    if (s.isEmpty())
        out.append("null");
    else
        appendCanonicalString(s, out);
}

void writeTime(const QDateTime &t, QByteArray &out)
{
    if (t.isValid())
        appendCanonicalString(isoTimeText(t), out);
    else
        out.append("null");
}

void writeInteger(qint64 n, QByteArray &out)
{
    if (std::fabs(double(n)) < 9007199254740992.0) // as canonicalJson writes an exact integer
        out.append(QByteArray::number(n));
    else
        out.append(canonicalJson(QJsonValue(n)));
}

void writeField(Field f, const Payment &p, QByteArray &out)
{
    switch (f) {
    case Field::Id:
        return writeText(p.id, out);
    case Field::OrderId:
        return writeText(p.orderId, out);
    case Field::Amount:
        return writeInteger(p.amount, out);
    case Field::Currency:
        return writeText(p.currency, out);
    case Field::Status:
        return writeText(stringOf(p.status), out);
    case Field::Captured:
        out.append(p.captured ? "true" : "false");
        return;
    case Field::AmountRefunded:
        return writeInteger(p.amountRefunded, out);
    case Field::ErrorCode:
        return writeNullable(p.errorCode, out);
    case Field::ErrorDescription:
        return writeNullable(p.errorDescription, out);
    case Field::CreatedAt:
        return writeTime(p.createdAt, out);
    case Field::UpdatedAt:
        return writeTime(p.updatedAt, out);
    case Field::Livemode:
        out.append(p.livemode ? "true" : "false");
        return;
    case Field::Vpa:
        return writeText(p.vpa, out);
    case Field::CardNetwork:
        return writeText(p.cardNetwork, out);
    case Field::CardLast4:
        return writeText(p.cardLast4, out);
    }
}

// parts.size() == fields.size() + 1; the text is parts[0] field[0] parts[1] … parts[n].
struct Template
{
    QList<QByteArray> parts;
    QList<Field> fields;
    bool ok = false;
};

// The template's text with `p`'s values, appended to `out`.
void fill(const Template &t, const Payment &p, QByteArray &out)
{
    for (qsizetype i = 0; i < t.fields.size(); ++i) {
        out += t.parts[i];
        writeField(t.fields[i], p, out);
    }
    out += t.parts.last();
}

Template makeTemplate(PaymentMethod method)
{
    const bool upi = method == PaymentMethod::Upi;
    Payment p; // each value written unlike any other value or key
    p.id = QStringLiteral("#id");
    p.orderId = QStringLiteral("#order");
    p.amount = 900000000000001;
    p.currency = QStringLiteral("#currency");
    p.method = method;
    p.vpa = upi ? QStringLiteral("#vpa") : QString();
    p.cardNetwork = upi ? QString() : QStringLiteral("#network");
    p.cardLast4 = upi ? QString() : QStringLiteral("#last4");
    p.status = PaymentStatus::Failed;
    p.captured = true;
    p.amountRefunded = 900000000000002;
    p.errorCode = QStringLiteral("#code");
    p.errorDescription = QStringLiteral("#description");
    p.createdAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    p.updatedAt = QDateTime::fromMSecsSinceEpoch(1, Qt::UTC);
    p.livemode = false;
    QList<Field> fields{Field::Id,
                        Field::OrderId,
                        Field::Amount,
                        Field::Currency,
                        Field::Status,
                        Field::Captured,
                        Field::AmountRefunded,
                        Field::ErrorCode,
                        Field::ErrorDescription,
                        Field::CreatedAt,
                        Field::UpdatedAt,
                        Field::Livemode};
    if (upi)
        fields.append(Field::Vpa);
    else
        fields.append({Field::CardNetwork, Field::CardLast4});
    const QByteArray text = canonicalJson(p.toJson());
    QList<std::tuple<qsizetype, qsizetype, Field>> spans;
    for (const Field f : fields) {
        QByteArray value;
        writeField(f, p, value);
        // After a colon: a value, never a key nor a part of a string.
        const QByteArray needle = ':' + value;
        const qsizetype at = text.indexOf(needle);
        if (at < 0 || text.indexOf(needle, at + 1) >= 0)
            return {};
        spans.append({at + 1, at + needle.size(), f});
    }
    auto cut = cutAtSpans(text, std::move(spans));
    Template t;
    t.parts = std::move(cut.parts);
    t.fields = std::move(cut.labels);
    // Nothing else varies: every value of the stand-in was cut out, and it joins back.
    QByteArray joined;
    fill(t, p, joined);
    t.ok = joined == text;
    return t;
}

const Template &paymentTemplate(PaymentMethod method)
{
    static const std::array<Template, 2> all{makeTemplate(PaymentMethod::Upi),
                                             makeTemplate(PaymentMethod::Card)};
    return all[method == PaymentMethod::Upi ? 0 : 1];
}
} // namespace

QByteArray paymentJson(const Payment &p)
{
    const Template &t = paymentTemplate(p.method);
    if (!t.ok)
        return canonicalJson(p.toJson());
    QByteArray out;
    out.reserve(512);
    fill(t, p, out);
    return out;
}

const std::optional<JsonPieces> &paymentDataPieces()
{
    static const auto data =
        aroundEmptyObject(canonicalJson(QJsonObject{{kPayment, QJsonObject{}}}));
    return data;
}

QByteArray paymentEventData(const Payment &p)
{
    const auto &data = paymentDataPieces();
    if (!data)
        return canonicalJson(QJsonObject{{kPayment, p.toJson()}});
    return data->first + paymentJson(p) + data->second;
}

} // namespace gw::store
