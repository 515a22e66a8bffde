// Idempotency and races: replays byte for byte, 422 for a reused key, 409 for one in flight,
// 24 h expiry; 50 concurrent creates with one key make one payment; 30 concurrent refunds that
// together exceed the payment never over-refund; concurrent captures capture once.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/parallelposts.h"
#include "support/paymentoutcome.h"
#include "support/teststack.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace gw;

namespace {
using Sent = test::ParallelAnswer;

// Sends every request at once, each on its own connection, and waits for all the answers.
QList<Sent> inParallel(const QString &base, const QByteArray &path, const QList<QByteArray> &bodies,
                       const QByteArray &idempotencyKey = {})
{
    test::ParallelPosts posts{{base}, QString::fromUtf8(path)};
    if (!idempotencyKey.isEmpty())
        posts.key = [idempotencyKey](int) { return idempotencyKey; };
    return test::postInParallel(posts, bodies);
}
} // namespace

class TestApiConcurrency : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    QString successfulPayment(qint64 amount)
    {
        const QString id =
            test::HttpClient(m_server.baseUrl())
                .post("/api/v1/payments", {{"order_id", test::newOrder(m_server.baseUrl(), amount)},
                                           {"method", "upi"},
                                           {"vpa", "a@b"}})
                .json()
                .value("id")
                .toString();
        // Empty when the worker's outcome could not be written: the caller's request fails.
        return test::completePayment(m_stack, id).isEmpty() ? id : QString();
    }

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

private Q_SLOTS:
    void initTestCase()
    {
        // More server threads than usual, so that requests really run side by side.
        QCOMPARE(m_stack.startWithServer(m_server, {{"SERVER_THREADS", "16"}}), QString());
    }

    void replayIsByteForByte()
    {
        test::HttpClient c(m_server.baseUrl());
        const QString order = test::newOrder(m_server.baseUrl());
        const QJsonObject body{{"order_id", order}, {"method", "upi"}, {"vpa", "a@b"}};
        const auto first = c.post("/api/v1/payments", body, {{"Idempotency-Key", "pay-1"}});
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("Idempotent-Replayed").isEmpty());
        QTest::qWait(20); // a fresh response would carry a later updated_at
        const auto again = c.post("/api/v1/payments", body, {{"Idempotency-Key", "pay-1"}});
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, first.body);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(one("SELECT count(*) FROM payments WHERE order_id = '" + order + "'"),
                 QString("1"));
        QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'payment'"),
                 one("SELECT count(*) FROM payments"));

        // Other body, other path, other method: 422.
        const auto otherBody =
            c.post("/api/v1/payments", {{"order_id", order}, {"method", "upi"}, {"vpa", "c@d"}},
                   {{"Idempotency-Key", "pay-1"}});
        QCOMPARE(otherBody.status, 422);
        QCOMPARE(otherBody.errorCode(), QString("IDEMPOTENCY_ERROR"));
        const auto otherPath =
            c.post("/api/v1/orders", {{"amount", 100}}, {{"Idempotency-Key", "pay-1"}});
        QCOMPARE(otherPath.status, 422);
        QCOMPARE(one("SELECT count(*) FROM payments WHERE order_id = '" + order + "'"),
                 QString("1"));

        // The key belongs to the merchant: another merchant's same key is a different key.
        m_stack.sql(
            "INSERT INTO merchants (id, name, email, api_key, api_secret, webhook_secret) VALUES"
            " ('11111111-2222-3333-4444-555555555555', 'Other', 'o@example.com', 'key_other', '" +
            m_stack.secretHash("secret_other") + "', 'whsec_o') ON CONFLICT DO NOTHING");
        test::HttpClient other(m_server.baseUrl());
        other.setCredentials("key_other", "secret_other");
        const auto theirs =
            other.post("/api/v1/orders", {{"amount", 100}}, {{"Idempotency-Key", "pay-1"}});
        QCOMPARE(theirs.status, 201);
    }

    void errorsAreReplayedToo()
    {
        test::HttpClient c(m_server.baseUrl());
        const QString pay = successfulPayment(1000);
        const QJsonObject tooMuch{{"amount", 1001}};
        const auto first = c.post("/api/v1/payments/" + pay + "/refunds", tooMuch,
                                  {{"Idempotency-Key", "refund-x"}});
        QCOMPARE(first.status, 400);
        const auto again = c.post("/api/v1/payments/" + pay + "/refunds", tooMuch,
                                  {{"Idempotency-Key", "refund-x"}});
        QCOMPARE(again.status, 400);
        QCOMPARE(again.body, first.body);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(one("SELECT refunds_reserved FROM payments WHERE id = '" + pay + "'"),
                 QString("0"));
    }

    void inFlightKeyIs409()
    {
        // A claim whose request has not finished (as a crashed or slow first request leaves it).
        m_stack.sql("INSERT INTO idempotency_keys (merchant_id, key, request_hash)"
                    " VALUES ('550e8400-e29b-41d4-a716-446655440000', 'busy', 'x')");
        const auto r =
            test::HttpClient(m_server.baseUrl())
                .post("/api/v1/orders", {{"amount", 100}}, {{"Idempotency-Key", "busy"}});
        QCOMPARE(r.status, 422); // another request's hash: mismatch wins
        m_stack.sql("UPDATE idempotency_keys SET request_hash = encode(sha256(convert_to("
                    "'POST /api/v1/orders' || E'\\n' || '{\"amount\":100}', 'UTF8')), 'hex') WHERE "
                    "key = 'busy'");
        const auto same =
            test::HttpClient(m_server.baseUrl())
                .post("/api/v1/orders", {{"amount", 100}}, {{"Idempotency-Key", "busy"}});
        QCOMPARE(same.status, 409);
        QCOMPARE(same.errorCode(), QString("IDEMPOTENCY_ERROR"));
    }

    void keysExpireAfter24Hours()
    {
        test::HttpClient c(m_server.baseUrl());
        const auto first =
            c.post("/api/v1/orders", {{"amount", 555}}, {{"Idempotency-Key", "old"}});
        QCOMPARE(first.status, 201);
        QCOMPARE(one("SELECT extract(epoch FROM expires_at - created_at)::int FROM "
                     "idempotency_keys WHERE key = 'old'"),
                 QString("86400"));
        m_stack.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours',"
                    " expires_at = now() - interval '1 hour' WHERE key = 'old'");
        const auto later =
            c.post("/api/v1/orders", {{"amount", 555}}, {{"Idempotency-Key", "old"}});
        QCOMPARE(later.status, 201);
        QVERIFY(later.header("Idempotent-Replayed").isEmpty());
        QVERIFY(later.json().value("id") != first.json().value("id"));
        const auto replay =
            c.post("/api/v1/orders", {{"amount", 555}}, {{"Idempotency-Key", "old"}});
        QCOMPARE(replay.body, later.body);
    }

    void fiftyConcurrentCreatesMakeOnePayment()
    {
        const QString order = test::newOrder(m_server.baseUrl());
        const QByteArray body =
            QJsonDocument(QJsonObject{{"order_id", order}, {"method", "upi"}, {"vpa", "race@upi"}})
                .toJson(QJsonDocument::Compact);
        const auto answers = inParallel(m_server.baseUrl(), "/api/v1/payments",
                                        QList<QByteArray>(50, body), "race-key");
        QSet<QByteArray> created;
        int replayed = 0;
        for (const Sent &s : answers) {
            QVERIFY2(s.status == 201 || s.status == 409,
                     qPrintable(QString::number(s.status) + QString::fromUtf8(s.body)));
            if (s.status == 201)
                created.insert(s.body);
            replayed += s.replayed == "true";
        }
        QCOMPARE(created.size(), 1); // every 201 is the same payment, byte for byte
        QVERIFY(replayed >= 1);
        QCOMPARE(one("SELECT count(*) FROM payments WHERE order_id = '" + order + "'"),
                 QString("1"));
        QCOMPARE(one("SELECT count(*) FROM jobs j JOIN payments p ON p.id = j.subject_id WHERE "
                     "p.order_id = '" +
                     order + "'"),
                 QString("1"));
    }

    void concurrentRefundsNeverOverRefund()
    {
        const QString pay = successfulPayment(10000);
        // 30 × 500 = 15000 asked for, 10000 available: exactly 20 succeed.
        const QByteArray body =
            QJsonDocument(QJsonObject{{"amount", 500}}).toJson(QJsonDocument::Compact);
        const auto answers =
            inParallel(m_server.baseUrl(), "/api/v1/payments/" + pay.toUtf8() + "/refunds",
                       QList<QByteArray>(30, body));
        int created = 0, refused = 0;
        for (const Sent &s : answers) {
            if (s.status == 201)
                ++created;
            else if (s.status == 400 && s.body.contains("BAD_REQUEST_ERROR"))
                ++refused;
            else
                QFAIL(qPrintable(QString::number(s.status) + QString::fromUtf8(s.body)));
        }
        QCOMPARE(created, 20);
        QCOMPARE(refused, 10);
        QCOMPARE(one("SELECT sum(amount) FROM refunds WHERE payment_id = '" + pay + "'"),
                 QString("10000"));
        QCOMPARE(one("SELECT refunds_reserved FROM payments WHERE id = '" + pay + "'"),
                 QString("10000"));
        QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'refund' AND subject_id IN (SELECT id "
                     "FROM refunds WHERE payment_id = '" +
                     pay + "')"),
                 QString("20"));
    }

    void unevenConcurrentRefunds()
    {
        const QString pay = successfulPayment(10000);
        QList<QByteArray> bodies;
        for (int i = 1; i <= 30; ++i)
            bodies
                << QJsonDocument(QJsonObject{{"amount", 137 * i}}).toJson(QJsonDocument::Compact);
        inParallel(m_server.baseUrl(), "/api/v1/payments/" + pay.toUtf8() + "/refunds", bodies);
        const qint64 refunded =
            one("SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = '" + pay + "'")
                .toLongLong();
        QVERIFY2(refunded <= 10000, qPrintable(QString::number(refunded)));
        QVERIFY(refunded > 10000 - 137 * 30); // nothing smaller than what remains was refused
        QCOMPARE(one("SELECT refunds_reserved FROM payments WHERE id = '" + pay + "'").toLongLong(),
                 refunded);
    }

    void captureTwiceCapturesOnce()
    {
        const QString pay = successfulPayment(2500);
        const auto answers =
            inParallel(m_server.baseUrl(), "/api/v1/payments/" + pay.toUtf8() + "/capture",
                       QList<QByteArray>(10, "{}"));
        int ok = 0;
        for (const Sent &s : answers) {
            QVERIFY2(s.status == 200 || s.status == 400, s.body.constData());
            ok += s.status == 200;
        }
        QCOMPARE(ok, 1);
        const auto again =
            test::HttpClient(m_server.baseUrl()).post("/api/v1/payments/" + pay + "/capture", {});
        QCOMPARE(again.status, 400);
        QCOMPARE(one("SELECT captured FROM payments WHERE id = '" + pay + "'"), QString("true"));
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiConcurrency)
#include "tst_api_concurrency.moc"
