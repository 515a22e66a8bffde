// The checkout in a real browser: starts PostgreSQL, Redis, the API, a worker and checkout-web,
// then runs each case of tests/browser/cases in Chromium through node and playwright-core. The
// checkout is reached as http://localhost:<port>; the merchant pages come from 127.0.0.1 origins
// that node serves, so every cross-origin rule is exercised. Screenshots go to
// tests/browser/artifacts.
#include "support/teststack.h"

#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace gw;

class TestBrowser : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    test::RunningService m_worker;
    test::RunningService m_web;
    QString m_apiUrl;
    QString m_checkoutUrl;

    // Runs one case; returns node's output when it failed, an empty string when it passed.
    QString runCase(const QString &name)
    {
        QProcess node;
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.setWorkingDirectory(test::TestStack::sourceDir() + QStringLiteral("/tests/browser"));
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GW_API_URL"), m_apiUrl);
        env.insert(QStringLiteral("GW_CHECKOUT_URL"), m_checkoutUrl);
        node.setProcessEnvironment(env);
        node.start(QStringLiteral("node"), {QStringLiteral("run.mjs"), name});
        if (!node.waitForStarted(10000))
            return QStringLiteral("node did not start: ") + node.errorString();
        const bool finished = node.waitForFinished(150000);
        const QString output = QString::fromUtf8(node.readAll());
        std::fprintf(stdout, "%s", qPrintable(output));
        std::fflush(stdout);
        if (!finished) {
            node.kill();
            node.waitForFinished(5000);
            return QStringLiteral("node did not finish in 150 s:\n") + output;
        }
        if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0)
            return output.isEmpty() ? QStringLiteral("node exited with %1").arg(node.exitCode())
                                    : output;
        return {};
    }

    QString serverLogs() const
    {
        QString logs;
        for (const auto *s : {&m_server, &m_worker, &m_web})
            if (s->process)
                logs += s->process->output().right(3000) + QLatin1Char('\n');
        return logs;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral("/usr/bin/chromium")),
                 "chromium is missing: run scripts/install-deps");
        QVERIFY2(QFileInfo::exists(test::TestStack::sourceDir() +
                                   QStringLiteral("/tests/node/node_modules/playwright-core")),
                 "playwright-core is missing: run scripts/install-deps");
        QCOMPARE(m_stack.start(), QString());

        // The API must allow the checkout's origin before checkout-web runs, so its port is chosen
        // here.
        const quint16 checkoutPort = freePort();
        m_checkoutUrl = QStringLiteral("http://localhost:%1").arg(checkoutPort);
        m_server = m_stack.startServer({{QStringLiteral("CHECKOUT_PUBLIC_URL"), m_checkoutUrl}});
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
        m_apiUrl = m_server.baseUrl();
        m_worker = m_stack.startWorker();
        QVERIFY2(m_worker.process && m_worker.process->isRunning(),
                 qPrintable(m_worker.process->output()));
        m_web =
            m_stack.startBinary(QStringLiteral("checkout-web/checkout-web"),
                                {{QStringLiteral("CHECKOUT_PORT"), QString::number(checkoutPort)},
                                 {QStringLiteral("CHECKOUT_PUBLIC_URL"), m_checkoutUrl},
                                 {QStringLiteral("API_PUBLIC_URL"), m_apiUrl}});
        QVERIFY2(m_web.port == checkoutPort, qPrintable(m_web.process->output()));
    }

    void browser_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"path-traversal", "close-button", "escape", "forged-message",
                                 "upi-success", "card-success", "auto-close", "validation",
                                 "order-not-found", "screens", "demo", "api-docs"})
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }

    void browser()
    {
        QFETCH(QString, name);
        const QString failure = runCase(name);
        QVERIFY2(failure.isEmpty(),
                 qPrintable(failure + QStringLiteral("\n--- process logs ---\n") + serverLogs()));
    }

    // The worker decides outcomes and how long they take, so these cases each swap in a worker
    // of their own: the live-payment case opens more tabs while one payment is pending (20 s per
    // payment); the failure case needs TEST_PAYMENT_SUCCESS=false.
    void withWorker_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("value");
        QTest::addRow("live-payment") << "live-payment"
                                      << "TEST_PROCESSING_DELAY"
                                      << "20000";
        QTest::addRow("failed-payment") << "failed-payment"
                                        << "TEST_PAYMENT_SUCCESS"
                                        << "false";
    }

    void withWorker()
    {
        QFETCH(QString, name);
        QFETCH(QString, setting);
        QFETCH(QString, value);
        m_worker.process->terminate();
        m_worker = m_stack.startWorker({{setting, value}});
        QVERIFY2(m_worker.process && m_worker.process->isRunning(),
                 qPrintable(m_worker.process->output()));
        const QString failure = runCase(name);
        QVERIFY2(failure.isEmpty(),
                 qPrintable(failure + QStringLiteral("\n--- process logs ---\n") + serverLogs()));
    }

    void cleanupTestCase()
    {
        for (auto *s : {&m_web, &m_worker, &m_server})
            if (s->process)
                s->process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestBrowser)
#include "tst_browser.moc"
