// The checkout in a real browser: starts PostgreSQL, Redis, the API, a worker and checkout-web,
// then runs each case of tests/browser/cases in one Chromium through node and playwright-core. The
// checkout is reached as http://localhost:<port>; the merchant pages come from 127.0.0.1 origins
// that node serves, so every cross-origin rule is exercised. Screenshots go to
// tests/browser/artifacts.
#include "support/teststack.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTest>
#include <csignal>
#include <memory>

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

    // Node running run.mjs --serve: one Chromium for every case, started with the first.
    std::unique_ptr<QProcess> m_node;

    void startNode()
    {
        m_node = std::make_unique<QProcess>();
        m_node->setProcessChannelMode(QProcess::MergedChannels);
        m_node->setWorkingDirectory(test::TestStack::sourceDir() +
                                    QStringLiteral("/tests/browser"));
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GW_API_URL"), m_apiUrl);
        env.insert(QStringLiteral("GW_CHECKOUT_URL"), m_checkoutUrl);
        m_node->setProcessEnvironment(env);
        m_node->start(QStringLiteral("node"),
                      {QStringLiteral("run.mjs"), QStringLiteral("--serve")});
    }

    void stopNode()
    {
        if (!m_node)
            return;
        m_node->closeWriteChannel(); // run.mjs closes the browser and ends
        if (!m_node->waitForFinished(15000)) {
            m_node->kill();
            m_node->waitForFinished(5000);
        }
        m_node.reset();
    }

    // Runs one case; returns node's output when it failed, an empty string when it passed. A
    // node that ended or hung is reported with the case and started again for the next one.
    QString runCase(const QString &name)
    {
        if (!m_node || m_node->state() == QProcess::NotRunning)
            startNode();
        if (!m_node->waitForStarted(10000))
            return QStringLiteral("node did not start: ") + m_node->errorString();
        const qint64 workerPid = m_worker.process->pid();
        // A case that stopped the worker (live-payment) and failed before it continued it.
        const auto thaw = qScopeGuard([workerPid] { ::kill(pid_t(workerPid), SIGCONT); });
        const QJsonObject request{{QStringLiteral("case"), name},
                                  {QStringLiteral("workerPid"), workerPid}};
        m_node->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
        const QByteArray done = "@@done " + name.toUtf8() + ' ';
        QByteArray output;
        int code = -1;
        QDeadlineTimer deadline(150000);
        while (code < 0) {
            while (code < 0 && m_node->canReadLine()) {
                const QByteArray line = m_node->readLine();
                if (line.startsWith(done))
                    code = line.mid(done.size()).trimmed().toInt();
                else
                    output += line;
            }
            if (code >= 0)
                break;
            if (m_node->state() == QProcess::NotRunning || deadline.hasExpired()) {
                output += m_node->readAll();
                const bool hung = m_node->state() != QProcess::NotRunning;
                m_node->kill();
                m_node->waitForFinished(5000);
                m_node.reset();
                return (hung ? QStringLiteral("node did not finish the case in 150 s:\n")
                             : QStringLiteral("node ended during the case:\n")) +
                       QString::fromUtf8(output);
            }
            m_node->waitForReadyRead(1000);
        }
        std::fprintf(stdout, "%s", output.constData());
        std::fflush(stdout);
        return code == 0 ? QString() : QString::fromUtf8(output);
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
                                 "order-not-found", "screens", "demo", "api-docs", "live-payment"})
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }

    void browser()
    {
        QFETCH(QString, name);
        const QString failure = runCase(name);
        QVERIFY2(failure.isEmpty(),
                 qPrintable(failure + QStringLiteral("\n--- process logs ---\n") + serverLogs()));
    }

    // The worker decides outcomes, so these cases each swap in a worker of their own: the
    // failure case needs TEST_PAYMENT_SUCCESS=false. (The live-payment case keeps a payment
    // pending by stopping the worker, whose pid each case is given.)
    void withWorker_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("value");
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
        stopNode();
        for (auto *s : {&m_web, &m_worker, &m_server})
            if (s->process)
                s->process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestBrowser)
#include "tst_browser.moc"
