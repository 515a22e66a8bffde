// DNS rebinding (issue 11): the webhook sender resolves a host once, judges every answer with the
// address policy and connects to the address it judged, with the original Host header. The
// resolver here answers as a rebinding DNS server does (a public address first, loopback after),
// and the only sockets are on loopback: a receiver that doubles as an HTTP proxy shows which
// address the sender asked for without any packet leaving the machine.
#include "support/webhookreceiver.h"
#include "worker/webhooksender.h"

#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>

using namespace gw;

namespace {

class RebindingResolver : public worker::HostResolver
{
public:
    explicit RebindingResolver(QList<QList<QHostAddress>> answers) : m_answers(std::move(answers))
    {
    }
    int calls = 0;
    void lookup(const QString &, QObject *context, LookupCallback done) override
    {
        const auto answer = m_answers.value(qMin<qsizetype>(calls, m_answers.size() - 1));
        ++calls;
        QMetaObject::invokeMethod(
            context, [done = std::move(done), answer] { done(answer, {}); }, Qt::QueuedConnection);
    }

private:
    QList<QList<QHostAddress>> m_answers;
};

worker::DeliveryWork work(const QString &url)
{
    worker::DeliveryWork w;
    w.entryId = "1-0";
    w.delivery.job = JobRef{QStringLiteral("job_AAAAAAAAAAAAAAAA"), JobKind::Webhook,
                            QStringLiteral("00000000-0000-4000-8000-000000000001")};
    w.delivery.merchantId = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
    w.delivery.eventId = QStringLiteral("evt_AAAAAAAAAAAAAAAA");
    w.delivery.payload = R"({"id":"evt_AAAAAAAAAAAAAAAA","event":"webhook.test"})";
    w.delivery.url = url;
    w.delivery.secret = "whsec_test_abc123";
    return w;
}

// The outcome of delivering one attempt with `config` and `resolver`.
store::AttemptOutcome deliverOne(const Config &config, std::shared_ptr<RebindingResolver> resolver,
                                 const QString &url)
{
    worker::WorkerSettings settings;
    settings.webhookTimeoutMs = 3000;
    worker::WebhookSender sender(config, settings, resolver);
    QSignalSpy spy(&sender, &worker::WebhookSender::attempted);
    sender.deliver({work(url)});
    if (!spy.wait(5000))
        return {};
    return spy.first().first().value<QList<worker::AttemptWork>>().first().outcome;
}

} // namespace

class TestWebhookRebinding : public QObject
{
    Q_OBJECT
    test::WebhookReceiver m_receiver;
    Config m_strict; // outside test mode: only public addresses

private Q_SLOTS:
    void initTestCase()
    {
        worker::registerWorkItemTypes();
        QVERIFY(m_receiver.listen());
    }

    void init() { m_receiver.requests.clear(); }
    void cleanup() { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); }

    void connectsToTheAddressItChecked()
    {
        // Every request goes through the loopback "proxy", which records the target it was asked
        // for. Were the name looked up again (as Qt would), the second answer would be loopback.
        QNetworkProxy::setApplicationProxy(QNetworkProxy(
            QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_receiver.port()));
        auto resolver = std::make_shared<RebindingResolver>(QList<QList<QHostAddress>>{
            {QHostAddress(QStringLiteral("93.184.216.34"))}, {QHostAddress::LocalHost}});
        const auto outcome =
            deliverOne(m_strict, resolver, QStringLiteral("http://hooks.rebind.test:8080/hook"));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(resolver->calls, 1);
        QCOMPARE(m_receiver.requests.size(), 1);
        QCOMPARE(m_receiver.requests.first().path, QByteArray("http://93.184.216.34:8080/hook"));
        QCOMPARE(m_receiver.requests.first().headers.value("host"),
                 QByteArray("hooks.rebind.test:8080"));
    }

    void everyAnswerIsJudged()
    {
        // A public address first and loopback second in one answer: refused, nothing sent.
        auto resolver = std::make_shared<RebindingResolver>(QList<QList<QHostAddress>>{
            {QHostAddress(QStringLiteral("93.184.216.34")), QHostAddress::LocalHost}});
        const auto outcome =
            deliverOne(m_strict, resolver, QStringLiteral("http://hooks.rebind.test/hook"));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QStringLiteral("Refused")) &&
                     outcome.error.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(outcome.error));
        QCOMPARE(resolver->calls, 1);
        QTest::qWait(200); // a request sent anyway would arrive now
        QCOMPARE(m_receiver.requests.size(), 0);
    }

    void connectsDirectlyWithTheOriginalHost()
    {
        // No proxy, a real connection: the name resolves to the receiver's loopback address
        // (allowed in test mode), and the receiver sees the name the merchant configured.
        Config testMode;
        testMode.testMode = true;
        auto resolver = std::make_shared<RebindingResolver>(
            QList<QList<QHostAddress>>{{QHostAddress::LocalHost}});
        const QString url =
            QStringLiteral("http://merchant.example:%1/hook").arg(m_receiver.port());
        const auto outcome = deliverOne(testMode, resolver, url);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(m_receiver.requests.size(), 1);
        QCOMPARE(m_receiver.requests.first().path, QByteArray("/hook"));
        QCOMPARE(m_receiver.requests.first().headers.value("host"),
                 QStringLiteral("merchant.example:%1").arg(m_receiver.port()).toUtf8());
    }

    void refusedAddressFallsBackToTheNextChecked()
    {
        // Nothing listens on 127.0.0.2: the connection is refused and the next address of the
        // same (checked) answer is used, as a name with ::1 and 127.0.0.1 needs.
        Config testMode;
        testMode.testMode = true;
        auto resolver = std::make_shared<RebindingResolver>(QList<QList<QHostAddress>>{
            {QHostAddress(QStringLiteral("127.0.0.2")), QHostAddress::LocalHost}});
        const QString url =
            QStringLiteral("http://merchant.example:%1/hook").arg(m_receiver.port());
        const auto outcome = deliverOne(testMode, resolver, url);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(resolver->calls, 1);
        QCOMPARE(m_receiver.requests.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestWebhookRebinding)
#include "tst_webhookrebinding.moc"
