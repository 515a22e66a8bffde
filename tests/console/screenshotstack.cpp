// console-screenshot-stack: the driver behind scripts/console-screenshots. It starts a private
// stack (TestStack: PostgreSQL, Redis, the API server and worker), seeds it through the API the
// way merchants and shoppers would (successful, failed and pending payments, processed and pending
// refunds, delivered and failed webhooks to a receiver in this process), then runs
// gateway-console --screenshot-dir against it and exits with the console's status.
//   console-screenshot-stack OUTPUT_DIR
#include "consolestack.h"
#include "webhookreceiver.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

using namespace gw;

namespace {

void say(const QString &text)
{
    std::printf("console-screenshot-stack: %s\n", qPrintable(text));
    std::fflush(stdout);
}

int failedDeliveries(test::ConsoleStack &s)
{
    return s.http->get(QStringLiteral("/api/v1/webhooks?status=failed&limit=1"))
        .json()
        .value(QStringLiteral("total"))
        .toInt();
}

bool refund(test::ConsoleStack &s, const QString &payment, qint64 amount, const QString &reason)
{
    return s.http
               ->post(QStringLiteral("/api/v1/payments/%1/refunds").arg(payment),
                      {{QStringLiteral("amount"), amount}, {QStringLiteral("reason"), reason}})
               .status == 201;
}

QString seed(test::ConsoleStack &s, test::WebhookReceiver &receiver)
{
    const auto put = s.http->put(QStringLiteral("/api/v1/webhooks/config"),
                                 {{QStringLiteral("url"), receiver.url()}});
    if (put.status != 200)
        return QStringLiteral("webhook config: HTTP %1").arg(put.status);

    // Successful payments, a few captured and refunded.
    QStringList ok;
    const QList<std::pair<qint64, const char *>> good = {
        {125000, "upi"}, {49900, "card"},  {250000, "upi"}, {89900, "card"},
        {15000, "upi"},  {320000, "card"}, {74900, "upi"},  {199900, "card"}};
    for (const auto &[amount, method] : good)
        ok << s.createPayment(amount, QString::fromLatin1(method));
    for (const QString &p : std::as_const(ok))
        if (p.isEmpty() || !s.waitForPayment(p, QStringLiteral("success")))
            return QStringLiteral("a payment did not succeed");
    for (int i : {0, 2, 5})
        s.http->post(QStringLiteral("/api/v1/payments/%1/capture").arg(ok.at(i)), {});
    if (!refund(s, ok.at(1), 49900, QStringLiteral("customer request")) ||
        !refund(s, ok.at(2), 50000, QStringLiteral("damaged item")))
        return QStringLiteral("refunds were refused");

    // Failed payments, whose payment.failed webhooks the receiver refuses until they fail for good.
    s.worker.process->terminate();
    s.worker =
        s.stack.startWorker({{QStringLiteral("TEST_PAYMENT_SUCCESS"), QStringLiteral("false")},
                             {QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("300")}});
    QStringList bad = {s.createPayment(59900, QStringLiteral("card")),
                       s.createPayment(9900, QStringLiteral("upi"))};
    for (const QString &p : std::as_const(bad))
        if (p.isEmpty() || !s.waitForPayment(p, QStringLiteral("failed")))
            return QStringLiteral("a payment did not fail");

    // A worker that takes its time, so that one payment and one refund stay pending on screen.
    s.worker.process->terminate();
    s.worker =
        s.stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("600000")}});
    s.createPayment(42000, QStringLiteral("upi"));
    refund(s, ok.at(3), 20000, QStringLiteral("partial: one item returned"));
    s.http->post(QStringLiteral("/api/v1/webhooks/test"), {});

    say(QStringLiteral(
        "waiting for the refused webhooks to use up their retries (about a minute)"));
    if (test::eventually([&s] { return failedDeliveries(s) >= 2; }, 90000))
        return {};
    return QStringLiteral("no webhook delivery failed; the log: ") +
           QString::fromUtf8(s.http->get(QStringLiteral("/api/v1/webhooks?limit=100")).body) +
           QStringLiteral("\nworker output:\n") + s.worker.process->output().right(3000);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: console-screenshot-stack OUTPUT_DIR\n");
        return 2;
    }
    test::WebhookReceiver receiver(200);
    receiver.setRule([](const test::ReceivedWebhook &hook) {
        return hook.body.contains("\"payment.failed\"") ? 500 : 200;
    });
    if (!receiver.listen())
        return 1;
    test::ConsoleStack stack;
    say(QStringLiteral("starting the stack"));
    if (const QString e = stack.start(); !e.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(e));
        return 1;
    }
    say(QStringLiteral("seeding through the API at ") + stack.server.baseUrl());
    if (const QString e = seed(stack, receiver); !e.isEmpty()) {
        std::fprintf(stderr, "seeding failed: %s\n", qPrintable(e));
        return 1;
    }

    QTemporaryDir home;
    QProcess console;
    console.setProcessChannelMode(QProcess::ForwardedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GATEWAY_API_SECRET"),
               QString::fromLatin1(test::HttpClient::kTestSecret));
    console.setProcessEnvironment(env);
    QObject::connect(&console, &QProcess::finished, &app,
                     [](int code, QProcess::ExitStatus status) {
                         QCoreApplication::exit(status == QProcess::NormalExit ? code : 1);
                     });
    QObject::connect(&console, &QProcess::errorOccurred, &app,
                     [](QProcess::ProcessError) { QCoreApplication::exit(1); });
    say(QStringLiteral("running the console"));
    console.start(test::TestStack::buildDir() + QStringLiteral("/console/gateway-console"),
                  {QStringLiteral("--api-url"), stack.server.baseUrl(), QStringLiteral("--api-key"),
                   QString::fromLatin1(test::HttpClient::kTestKey), QStringLiteral("--settings"),
                   home.filePath(QStringLiteral("console.ini")), QStringLiteral("--screenshot-dir"),
                   args.at(1)});
    const int code = app.exec();
    stack.stop();
    return code;
}
