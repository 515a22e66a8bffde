// A create is answered 201 only once it is on disk. PostgreSQL's WAL writer is frozen (SIGSTOP),
// so that only the commits themselves write the WAL out; creates are answered (group commit:
// several per batch); then PostgreSQL crashes (SIGKILL to every one of its processes, so its WAL
// buffers are gone). After crash recovery every payment answered 201 is there, with its job and
// both events, and the server creates again. A create answered before its commit reached the WAL
// files would be lost: a trial build whose writers committed asynchronously and answered after a
// "flush" that wrote no WAL (SELECT txid_current()) lost all 400 here (bench/README.md).
// The suite runs a PostgreSQL of its own, since it crashes it.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QTest>
#include <csignal>
#include <memory>

using namespace gw;

namespace {
constexpr int kCreates = 400;
// An order has at most one live payment (migration 063): one order per create, and one more for
// the create after recovery.
constexpr int kOrders = kCreates + 1;

QString orderId(int n)
{
    return QStringLiteral("order_%1").arg(n, 16, 10, QLatin1Char('0'));
}

// kCreates UPI creates at once over several managers (each opens up to six connections), so
// that they meet in batches. The ids of those answered 201, and how many were not.
std::pair<QStringList, int> createMany(const QString &base)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 8; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QList<QNetworkReply *> replies;
    for (int i = 0; i < kCreates; ++i) {
        QNetworkRequest r(QUrl(base + "/api/v1/payments"));
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        r.setRawHeader("X-Api-Key", test::HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", test::HttpClient::kTestSecret);
        const QJsonObject body{
            {"order_id", orderId(1 + i)}, {"method", "upi"}, {"vpa", "crash@okbank"}};
        replies << managers[size_t(i) % managers.size()]->post(
            r, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    test::eventually(
        [&] {
            return std::all_of(replies.begin(), replies.end(),
                               [](const QNetworkReply *r) { return r->isFinished(); });
        },
        60000);
    QStringList created;
    int other = 0;
    for (QNetworkReply *reply : replies) {
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
            created << json.value("id").toString();
        else
            ++other;
        reply->deleteLater();
    }
    return {created, other};
}

// The ids as a SQL array literal (they are pay_ and 16 letters or digits).
QString sqlArray(const QStringList &ids)
{
    return "'{" + ids.join(',') + "}'::text[]";
}
} // namespace

class TestPgCrash : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

private slots:
    void initTestCase()
    {
        m_stack.useOwnPostgres();
        QCOMPARE(m_stack.start(), QString());
        m_server = m_stack.startServer();
        QVERIFY(m_server.process);
        m_stack.sql(QStringLiteral("INSERT INTO orders (id, merchant_id, amount) SELECT 'order_' "
                                   "|| lpad(g::text, 16, '0'), "
                                   "'550e8400-e29b-41d4-a716-446655440000', 50000 FROM "
                                   "generate_series(1, %1) g")
                        .arg(kOrders));
    }

    void answeredCreatesSurviveACrash()
    {
        const QStringList walWriter = m_stack.sql(
            QStringLiteral("SELECT pid FROM pg_stat_activity WHERE backend_type = 'walwriter'"));
        QCOMPARE(walWriter.size(), 1);
        const pid_t writer = pid_t(walWriter.first().toLongLong());
        QVERIFY(writer > 0);
        QCOMPARE(::kill(writer, SIGSTOP), 0);
        auto resume = qScopeGuard([writer] { ::kill(writer, SIGCONT); });

        const auto [created, other] = createMany(m_server.baseUrl());
        QCOMPARE(other, 0);
        QCOMPARE(created.size(), kCreates);

        QVERIFY(m_stack.crashPostgres()); // the WAL writer with the rest
        resume.dismiss();
        QCOMPARE(m_stack.restartPostgres(), QString());

        const QString ids = sqlArray(created);
        QCOMPARE(m_stack.sql("SELECT count(*) FROM payments WHERE id = ANY(" + ids + ")"),
                 QStringList{QString::number(kCreates)});
        QCOMPARE(m_stack.sql("SELECT count(*) FROM jobs WHERE kind = 'payment' AND subject_id = "
                             "ANY(" +
                             ids + ")"),
                 QStringList{QString::number(kCreates)});
        QCOMPARE(m_stack.sql("SELECT count(*) FROM webhook_logs WHERE event IN ('payment.created',"
                             " 'payment.pending') AND payload::jsonb #>> '{data,payment,id}' = "
                             "ANY(" +
                             ids + ")"),
                 QStringList{QString::number(2 * kCreates)});
    }

    void theServerCreatesAgainAfterRecovery()
    {
        test::HttpClient client(m_server.baseUrl());
        int status = 0;
        // Its sessions died with PostgreSQL: a create may fail (503) until they reopen.
        QVERIFY(test::eventually(
            [&] {
                status =
                    client
                        .post(QStringLiteral("/api/v1/payments"),
                              {{"order_id", orderId(kOrders)}, {"method", "upi"}, {"vpa", "a@b"}})
                        .status;
                return status == 201;
            },
            15000));
        QVERIFY(m_server.process->isRunning());
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestPgCrash)
#include "tst_pgcrash.moc"
