#include "admin/adminoutput.h"

#include "core/jsontime.h"

#include <QJsonArray>

namespace gw::admin {

namespace {
QString mode(bool livemode)
{
    return livemode ? QStringLiteral("live") : QStringLiteral("test");
}

QString when(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject keyJson(const store::AccountKey &k)
{
    return {{QStringLiteral("merchant_id"), k.merchantId},
            {QStringLiteral("key"), k.apiKey},
            {QStringLiteral("livemode"), k.livemode},
            {QStringLiteral("webhook_url"), nullIfEmpty(k.webhookUrl)},
            {QStringLiteral("previous_secret_expires_at"), isoTime(k.previousSecretExpiresAt)}};
}
} // namespace

QJsonObject accountJson(const store::Account &a)
{
    QJsonArray keys;
    for (const auto &k : a.keys)
        keys.append(keyJson(k));
    return {{QStringLiteral("id"), a.id},
            {QStringLiteral("name"), a.name},
            {QStringLiteral("email"), a.email},
            {QStringLiteral("active"), a.active},
            {QStringLiteral("created_at"), isoTime(a.createdAt)},
            {QStringLiteral("rate_limit"),
             a.ratePerSecond > 0
                 ? QJsonValue(QJsonObject{{QStringLiteral("per_second"), a.ratePerSecond},
                                          {QStringLiteral("burst"), a.rateBurst}})
                 : QJsonValue()},
            {QStringLiteral("keys"), keys}};
}

QJsonObject createdJson(const store::CreatedAccount &created)
{
    QJsonObject o = accountJson(created.account);
    QJsonArray keys = o.value(QStringLiteral("keys")).toArray();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QJsonObject k = keys[i].toObject();
        for (const auto &c : created.keys)
            if (c.apiKey == k.value(QStringLiteral("key")).toString()) {
                k.insert(QStringLiteral("secret"), c.apiSecret);
                k.insert(QStringLiteral("webhook_secret"), c.webhookSecret);
            }
        keys[i] = k;
    }
    o.insert(QStringLiteral("keys"), keys);
    return o;
}

QJsonObject rotatedJson(const store::RotatedKey &r)
{
    return {{QStringLiteral("key"), r.apiKey},
            {QStringLiteral("secret"), r.apiSecret},
            {QStringLiteral("previous_secret_expires_at"), isoTime(r.previousSecretExpiresAt)}};
}

QString accountLine(const store::Account &a)
{
    QStringList keys;
    for (const auto &k : a.keys)
        keys << k.apiKey;
    return QStringLiteral("%1  %2  %3  %4  %5")
        .arg(a.id, a.active ? QStringLiteral("active  ") : QStringLiteral("inactive"),
             keys.join(QLatin1Char(' ')), a.email, a.name);
}

QString accountText(const store::Account &a)
{
    QString s =
        QStringLiteral("merchant %1\n  name     %2\n  email    %3\n  status   %4\n  created  %5\n")
            .arg(a.id, a.name, a.email,
                 a.active ? QStringLiteral("active") : QStringLiteral("inactive"),
                 when(a.createdAt));
    s += a.ratePerSecond > 0 ? QStringLiteral("  rate     %1/s per key, bursts of %2\n")
                                   .arg(a.ratePerSecond)
                                   .arg(a.rateBurst)
                             : QStringLiteral("  rate     unlimited\n");
    for (const auto &k : a.keys) {
        s += QStringLiteral("  %1 key %2  (merchant_id %3)\n")
                 .arg(mode(k.livemode), k.apiKey, k.merchantId);
        if (!k.webhookUrl.isEmpty())
            s += QStringLiteral("    webhook url %1\n").arg(k.webhookUrl);
        if (k.previousSecretExpiresAt.isValid())
            s += QStringLiteral("    previous secret valid until %1\n")
                     .arg(when(k.previousSecretExpiresAt));
    }
    return s;
}

QString createdText(const store::CreatedAccount &created)
{
    QString s =
        accountText(created.account) +
        QStringLiteral("\nCredentials (shown only now; the API secrets are stored hashed):\n");
    for (const auto &k : created.keys)
        s += QStringLiteral("  %1  X-Api-Key: %2  X-Api-Secret: %3  webhook secret: %4\n")
                 .arg(mode(k.livemode), k.apiKey, k.apiSecret, k.webhookSecret);
    return s;
}

QString rotatedText(const store::RotatedKey &r)
{
    QString s =
        QStringLiteral("key %1\n  new secret %2 (shown only now)\n").arg(r.apiKey, r.apiSecret);
    if (r.previousSecretExpiresAt.isValid())
        s += QStringLiteral("  the previous secret is accepted until %1\n")
                 .arg(when(r.previousSecretExpiresAt));
    else
        s += QStringLiteral("  the previous secret is refused from now on\n");
    return s;
}

QJsonObject duplicateJson(const DuplicatePayment &p)
{
    return {{QStringLiteral("payment_id"), p.paymentId},
            {QStringLiteral("order_id"), p.orderId},
            {QStringLiteral("duplicate_of"), p.duplicateOf},
            {QStringLiteral("amount"), p.amount},
            {QStringLiteral("amount_refunded"), p.amountRefunded},
            {QStringLiteral("merchant_id"), p.merchantId}};
}

QString duplicateLine(const DuplicatePayment &p)
{
    return QStringLiteral("%1  order %2  paid again after %3  amount %4, refunded %5  merchant %6")
        .arg(p.paymentId, p.orderId, p.duplicateOf)
        .arg(p.amount)
        .arg(p.amountRefunded)
        .arg(p.merchantId);
}

QJsonObject violationJson(const store::Violation &v)
{
    return {{QStringLiteral("invariant"), v.invariant},
            {QStringLiteral("subject"), v.subject},
            {QStringLiteral("detail"), v.detail}};
}

QString violationLine(const store::Violation &v)
{
    return QStringLiteral("%1: %2: %3").arg(v.invariant, v.subject, v.detail);
}

} // namespace gw::admin
