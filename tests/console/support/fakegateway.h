#pragma once
// FakeGateway: the REST API as the console uses it, in this process. One merchant's payments,
// refunds, webhook deliveries and webhook configuration live in memory and are answered in the
// contract's shapes: objects through core's toJson, lists through core's ListQuery and pageJson,
// statistics through core's StatsQuery and Stats, errors through ApiError. Answers arrive through
// the event loop, as a network reply would. What the worker does (settling refunds, delivering
// webhooks) happens only when the test says so, so a page suite needs no PostgreSQL, Redis or
// server; one console suite (tst_mainwindow) still runs against the real stack.
#include "console/apiclient.h"
#include "core/payment.h"
#include "core/refund.h"
#include "core/webhooklog.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace gw::test {

class FakeGateway : public console::ApiClient
{
    Q_OBJECT
public:
    // Where the fake claims to be; nothing listens there.
    static QUrl url() { return QUrl(QStringLiteral("http://gateway.invalid:8000")); }

    explicit FakeGateway(QObject *parent = nullptr);

    // A key and secret the fake accepts besides the test merchant's (HttpClient::kTestKey).
    void addMerchant(const QString &key, const QString &secret);
    void connectAsTestMerchant();

    // The merchant's data, made as a test needs it. A payment gets its own order unless given one.
    Payment &addPayment(qint64 amount, PaymentMethod method,
                        PaymentStatus status = PaymentStatus::Success,
                        const QDateTime &createdAt = QDateTime::currentDateTimeUtc(),
                        const QString &orderId = {});
    WebhookLog &addDelivery(const QString &event, DeliveryStatus status,
                            const QDateTime &createdAt = QDateTime::currentDateTimeUtc());
    // What the worker does: every pending refund processed, its payment's amount_refunded grown.
    void processRefunds();
    // One delivery attempt answered with this status and body, as the worker records it: success
    // on 2xx, failed once the last attempt of the retry schedule failed, else pending.
    void attemptDelivery(const QString &id, int responseCode, const QString &responseBody);

    const Payment *payment(const QString &id) const;
    QList<Refund> refundsOf(const QString &paymentId) const;
    const WebhookLog *delivery(const QString &id) const;
    QList<Payment> payments() const { return m_payments; }
    QString webhookUrl() const { return m_webhookUrl; }
    QString webhookSecret() const { return m_webhookSecret; }

    // The answer to one request, at once: what a test compares a page with.
    console::ApiResponse answer(const console::ApiRequest &request);

protected:
    void transmit(const console::ApiRequest &request, Callback finished) override;

private:
    console::ApiResponse route(const console::ApiRequest &request);
    console::ApiResponse paymentRoute(const console::ApiRequest &request, const QString &rest);
    console::ApiResponse webhookRoute(const console::ApiRequest &request, const QString &rest);
    console::ApiResponse listPayments(const QUrlQuery &query);
    console::ApiResponse listRefunds(const QUrlQuery &query, const QString &paymentId);
    console::ApiResponse listDeliveries(const QUrlQuery &query);
    console::ApiResponse capture(Payment &payment, const QJsonObject &body);
    console::ApiResponse refund(Payment &payment, const QJsonObject &body);
    console::ApiResponse setWebhookUrl(const QJsonObject &body);
    console::ApiResponse sendTestEvent();
    console::ApiResponse stats(const QUrlQuery &query) const;
    QJsonObject webhookConfig(bool withSecret) const;
    Payment *findPayment(const QString &id);
    WebhookLog *findDelivery(const QString &id);

    QHash<QString, QString> m_merchants; // key → secret
    QList<Payment> m_payments;
    QList<Refund> m_refunds;
    QList<WebhookLog> m_deliveries;
    QString m_webhookUrl;
    QString m_webhookSecret = QStringLiteral("whsec_test_abc123");
};

} // namespace gw::test
