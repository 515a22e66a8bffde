// Webhooks over https (issue 27's own HTTP client): the sender verifies the receiver's
// certificate against the URL's host, at the address its resolver answered, and keeps the
// connection for the endpoint's next delivery. Certificates are made for the run with the
// openssl command: a CA this process trusts, a certificate from it for merchant.example, and a
// self-signed one for the same name. Every socket is on loopback.
#include "support/webhookreceiver.h"
#include "worker/webhooksender.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;

namespace {

// Every name is 127.0.0.1 (allowed in test mode).
class LoopbackResolver : public worker::HostResolver
{
public:
    void lookup(const QString &, QObject *context, LookupCallback done) override
    {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done({QHostAddress::LocalHost}, {}); },
            Qt::QueuedConnection);
    }
};

worker::DeliveryWork work(const QString &url, int n)
{
    worker::DeliveryWork w;
    w.entryId = QByteArray::number(n) + "-0";
    w.delivery.job = JobRef{QStringLiteral("job_TLS%1").arg(n), JobKind::Webhook,
                            QStringLiteral("00000000-0000-4000-8000-00000000000%1").arg(n)};
    w.delivery.merchantId = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
    w.delivery.eventId = QStringLiteral("evt_TLS%1").arg(n);
    w.delivery.payload = R"({"id":"evt_TLS","event":"webhook.test"})";
    w.delivery.url = url;
    w.delivery.secret = "whsec_test_abc123";
    return w;
}

} // namespace

class TestWebhookTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    test::WebhookReceiver m_trusted;    // merchant.example, from the trusted CA
    test::WebhookReceiver m_selfSigned; // merchant.example, signed by itself
    Config m_config;                    // test mode: loopback allowed
    worker::WorkerSettings m_settings;

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning().noquote() << "openssl" << args.join(u' ') << p.readAll();
            return false;
        }
        return true;
    }
    QSslCertificate certificate(const QString &name)
    {
        return QSslCertificate::fromPath(m_dir.filePath(name)).value(0);
    }
    // The receiver's TLS settings: its certificate and key; it asks the client for none.
    QSslConfiguration serverTls(const QString &certificateFile, const QString &keyFile)
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(certificate(certificateFile));
        conf.setPrivateKey(key(keyFile));
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        return conf;
    }
    QSslKey key(const QString &name)
    {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::ReadOnly);
        return QSslKey(f.readAll(), QSsl::Ec);
    }
    // Delivers `urls` one after another through one sender; the outcomes in order.
    QList<store::AttemptOutcome> deliver(const QStringList &urls)
    {
        worker::WebhookSender sender(m_config, m_settings, std::make_shared<LoopbackResolver>());
        QSignalSpy spy(&sender, &worker::WebhookSender::attempted);
        QList<store::AttemptOutcome> outcomes;
        for (qsizetype i = 0; i < urls.size(); ++i) {
            sender.deliver({work(urls.at(i), int(i) + 1)});
            if (!spy.wait(5000))
                return outcomes;
            outcomes.append(
                spy.takeFirst().first().value<QList<worker::AttemptWork>>().first().outcome);
        }
        return outcomes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        worker::registerWorkItemTypes();
        QVERIFY(m_dir.isValid());
        QVERIFY(QSslSocket::supportsSsl());
        const QStringList ec{
            QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
        QVERIFY(openssl(
            QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
            QStringList{
                QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                QStringLiteral("ca.crt"), QStringLiteral("-days"), QStringLiteral("2"),
                QStringLiteral("-subj"), QStringLiteral("/CN=gateway test CA"),
                QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign")}));
        QVERIFY(
            openssl(QStringList{QStringLiteral("req")} + ec +
                    QStringList{QStringLiteral("-keyout"), QStringLiteral("leaf.key"),
                                QStringLiteral("-out"), QStringLiteral("leaf.csr"),
                                QStringLiteral("-subj"), QStringLiteral("/CN=merchant.example")}));
        QFile ext(m_dir.filePath(QStringLiteral("leaf.ext")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=DNS:merchant.example\nbasicConstraints=CA:FALSE\n"
                  "extendedKeyUsage=serverAuth\n");
        ext.close();
        QVERIFY(openssl(
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             QStringLiteral("leaf.csr"), QStringLiteral("-CA"), QStringLiteral("ca.crt"),
             QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
             QStringLiteral("leaf.ext"), QStringLiteral("-out"), QStringLiteral("leaf.crt")}));
        QVERIFY(openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                        QStringList{QStringLiteral("-keyout"), QStringLiteral("self.key"),
                                    QStringLiteral("-out"), QStringLiteral("self.crt"),
                                    QStringLiteral("-days"), QStringLiteral("2"),
                                    QStringLiteral("-subj"), QStringLiteral("/CN=merchant.example"),
                                    QStringLiteral("-addext"),
                                    QStringLiteral("subjectAltName=DNS:merchant.example")}));
        // The CA joins this process's trust store, as a public CA is in the system's.
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.addCaCertificates({certificate(QStringLiteral("ca.crt"))});
        QSslConfiguration::setDefaultConfiguration(conf);
        QVERIFY(
            m_trusted.listenTls(serverTls(QStringLiteral("leaf.crt"), QStringLiteral("leaf.key"))));
        QVERIFY(m_selfSigned.listenTls(
            serverTls(QStringLiteral("self.crt"), QStringLiteral("self.key"))));
        m_config.testMode = true;
        m_settings.webhookTimeoutMs = 3000;
    }

    void trustedCertificateForTheHostOneConnection()
    {
        // Three deliveries one after another: each verified, all on one kept connection.
        const QString url =
            QStringLiteral("https://merchant.example:%1/hook").arg(m_trusted.port());
        const auto outcomes = deliver({url, url, url});
        QCOMPARE(outcomes.size(), 3);
        for (const auto &o : outcomes) {
            QVERIFY2(o.ok, qPrintable(o.error));
            QCOMPARE(o.responseCode, 200);
        }
        QCOMPARE(m_trusted.requests.size(), 3);
        QCOMPARE(m_trusted.requests.first().headers.value("host"),
                 QStringLiteral("merchant.example:%1").arg(m_trusted.port()).toUtf8());
        QCOMPARE(m_trusted.connections, 1);
    }

    void certificateForAnotherNameIsRefused()
    {
        // The same trusted certificate, but the URL names another host: the handshake fails and
        // nothing is sent.
        const int before = int(m_trusted.requests.size());
        const auto outcomes =
            deliver({QStringLiteral("https://other.example:%1/hook").arg(m_trusted.port())});
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(!outcomes.first().ok);
        QCOMPARE(outcomes.first().responseCode, 0);
        QVERIFY(!outcomes.first().error.isEmpty());
        qInfo().noquote() << "another name:" << outcomes.first().error;
        QCOMPARE(int(m_trusted.requests.size()), before);
    }

    void untrustedCertificateIsRefused()
    {
        const auto outcomes =
            deliver({QStringLiteral("https://merchant.example:%1/hook").arg(m_selfSigned.port())});
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(!outcomes.first().ok);
        QCOMPARE(outcomes.first().responseCode, 0);
        qInfo().noquote() << "self-signed:" << outcomes.first().error;
        QCOMPARE(m_selfSigned.requests.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWebhookTls)
#include "tst_webhooktls.moc"
