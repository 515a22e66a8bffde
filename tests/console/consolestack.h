#pragma once
// ConsoleStack: what every console suite starts with: the test stack with the real API server and
// worker, an ApiClient connected as the test merchant, and shortcuts that create orders and
// payments through the API the way a merchant would.
#include "console/apiclient.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QTest>
#include <memory>

namespace gw::test {

class ConsoleStack
{
public:
    ~ConsoleStack() { stop(); }

    // Empty on success, else what failed.
    QString start(const QMap<QString, QString> &overrides = {})
    {
        if (QString e = stack.startWithServer(server, overrides); !e.isEmpty())
            return e;
        worker = stack.startWorker(overrides);
        if (!worker.process || !worker.process->isRunning())
            return QStringLiteral("worker did not start: ") +
                   (worker.process ? worker.process->output() : QString());
        http = std::make_unique<HttpClient>(server.baseUrl());
        return {};
    }

    void stop()
    {
        if (worker.process)
            worker.process->terminate();
        if (server.process)
            server.process->terminate();
        stack.stop(); // the money's invariants are checked here (TestStack::stop)
    }

    void connect(console::ApiClient &api) const
    {
        api.setConnection(QUrl(server.baseUrl()), QString::fromLatin1(HttpClient::kTestKey),
                          QString::fromLatin1(HttpClient::kTestSecret));
    }

    QString createOrder(qint64 amount)
    {
        const auto r =
            http->post(QStringLiteral("/api/v1/orders"),
                       {{QStringLiteral("amount"), amount},
                        {QStringLiteral("currency"), QStringLiteral("INR")},
                        {QStringLiteral("receipt"), QStringLiteral("rcpt-%1").arg(++m_receipts)}});
        return r.status == 201 ? r.json().value(QStringLiteral("id")).toString() : QString();
    }

    // A payment on a new order; empty when the API refused it.
    QString createPayment(qint64 amount, const QString &method = QStringLiteral("upi"))
    {
        const QString order = createOrder(amount);
        return order.isEmpty() ? QString() : payOrder(order, method);
    }

    // A payment of this order; empty when the API refused it.
    QString payOrder(const QString &order, const QString &method = QStringLiteral("upi"))
    {
        QJsonObject body{{QStringLiteral("order_id"), order}, {QStringLiteral("method"), method}};
        if (method == QStringLiteral("upi"))
            body.insert(QStringLiteral("vpa"), QStringLiteral("shopper@okbank"));
        else
            body.insert(
                QStringLiteral("card"),
                QJsonObject{{QStringLiteral("number"), QStringLiteral("4111 1111 1111 1111")},
                            {QStringLiteral("expiry_month"), QStringLiteral("12")},
                            {QStringLiteral("expiry_year"), QStringLiteral("2034")},
                            {QStringLiteral("cvv"), QStringLiteral("123")},
                            {QStringLiteral("holder_name"), QStringLiteral("Asha Rao")}});
        const auto r = http->post(QStringLiteral("/api/v1/payments"), body);
        return r.status == 201 ? r.json().value(QStringLiteral("id")).toString() : QString();
    }

    QString paymentStatus(const QString &id)
    {
        return http->get(QStringLiteral("/api/v1/payments/") + id)
            .json()
            .value(QStringLiteral("status"))
            .toString();
    }

    // Waits (processing events) until the payment has this status.
    bool waitForPayment(const QString &id, const QString &status, int timeoutMs = 20000)
    {
        return eventually([&] { return paymentStatus(id) == status; }, timeoutMs);
    }

    TestStack stack;
    RunningService server;
    RunningService worker;
    std::unique_ptr<HttpClient> http;

private:
    int m_receipts = 0;
};

} // namespace gw::test
