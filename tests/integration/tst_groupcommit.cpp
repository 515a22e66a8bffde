// Group commit of POST /payments and POST /payments/{id}/refunds: creates that meet in one batch
// (one statement, one commit) each get exactly the answer a create of their own would get — the
// payment of their own order, 404 for a missing order, 400 for a paid one — with their job and
// both events written, and a batch that fails as a whole (one poisoned row) fails only that row;
// refunds of one payment go one per batch, so none is refused that fits; and the batches'
// generic plans read only the rows they write for. The writer is held on a lock while the
// requests queue up, so that they really meet in one batch.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "store/connection.h"
#include "store/sql.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/rawsocket.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <memory>

using namespace gw;

namespace {
struct Create
{
    QString orderId;
    QString vpa = "buyer@okbank"; // empty: by card
    int status = 0;               // expected
    QString description = {};
    QString livePayment = {}; // a 400's payment_id
};

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
};

// Sends every POST at once (a path and its JSON body), each on its own connection;
// `whileInFlight` runs once they are sent, before the answers are awaited.
QList<Answer> postAll(const QString &base, const QList<std::pair<QString, QJsonObject>> &posts,
                      const std::function<void()> &whileInFlight)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply *> replies;
    for (const auto &[path, body] : posts) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest r(QUrl(base + path));
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        r.setRawHeader("X-Api-Key", test::HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", test::HttpClient::kTestSecret);
        replies << managers.back()->post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    whileInFlight();
    test::eventually(
        [&] {
            return std::all_of(replies.begin(), replies.end(),
                               [](const QNetworkReply *r) { return r->isFinished(); });
        },
        60000);
    QList<Answer> out;
    for (QNetworkReply *reply : replies) {
        const QByteArray body = reply->readAll();
        out.append({reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), body,
                    QJsonDocument::fromJson(body).object()});
        reply->deleteLater();
    }
    return out;
}

// Every create at once, as postAll.
QList<Answer> createAll(const QString &base, const QList<Create> &creates,
                        const std::function<void()> &whileInFlight)
{
    QList<std::pair<QString, QJsonObject>> posts;
    for (const Create &c : creates) {
        QJsonObject body{{"order_id", c.orderId}, {"method", "upi"}, {"vpa", c.vpa}};
        if (c.vpa.isEmpty()) // a card payment
            body = {{"order_id", c.orderId},
                    {"method", "card"},
                    {"card", QJsonObject{{"number", "4111 1111 1111 1111"},
                                         {"expiry_month", 12},
                                         {"expiry_year", 2099},
                                         {"cvv", "123"}}}};
        posts.append({"/api/v1/payments", body});
    }
    return postAll(base, posts, whileInFlight);
}
} // namespace

// Holds every payment writer on a lock on webhook_logs (taken by a transaction of its own) until
// release(): a create then waits for its batch, and later creates queue behind it.
class WriterHold
{
public:
    explicit WriterHold(test::TestStack &stack) : m_lock(stack.database(), "test-lock")
    {
        m_held = store::begin(m_lock) &&
                 store::exec(m_lock, QStringLiteral("LOCK TABLE webhook_logs IN SHARE MODE"));
    }
    ~WriterHold() { release(); }
    bool held() const { return m_held; }
    void release()
    {
        if (std::exchange(m_held, false))
            store::commit(m_lock);
    }

private:
    store::Connection m_lock;
    bool m_held = false;
};

QByteArray rawRequest(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    QByteArray r = method + " " + path +
                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + test::HttpClient::kTestKey +
                   "\r\nX-Api-Secret: " + test::HttpClient::kTestSecret + "\r\n";
    if (!body.isEmpty())
        r +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n";
    return r + "\r\n" + body;
}

class TestGroupCommit : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    test::RunningService m_oneThread; // SERVER_THREADS=1: everything on one event loop

    // Until `server`'s /metrics says that `n` creates or refunds are with its writer, unanswered
    // (gateway_writer_pending): they have all reached it and queue behind the held one.
    bool writerHolds(const test::RunningService &server, int n)
    {
        static const QRegularExpression gauge("^gateway_writer_pending (\\d+)$",
                                              QRegularExpression::MultilineOption);
        return test::eventually(
            [&] {
                const auto m = gauge.match(
                    QString::fromUtf8(test::HttpClient(server.baseUrl()).get("/metrics").body));
                return m.hasMatch() && m.captured(1).toInt() == n;
            },
            20000);
    }

    bool writerWaits()
    {
        return test::eventually([&] {
            return one("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                       " 'gw-writer' AND wait_event_type = 'Lock'") != "0";
        });
    }

    QByteArray createBody(const QString &orderId)
    {
        return QJsonDocument(QJsonObject{{"order_id", orderId}, {"method", "upi"}, {"vpa", "a@b"}})
            .toJson(QJsonDocument::Compact);
    }

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

    // Rows inserted in `table` so far, as the statistics say (m_stack.readsOf for rows read).
    qint64 insertsOf(const QString &table)
    {
        return one("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = '" + table + "'")
            .toLongLong();
    }

    // 20,000 orders of 50000 paise, order_0000000000000001 on, of the test merchant (returned)
    // and in `status`.
    QString manyOrders(const QString &status)
    {
        const QString merchant = one("SELECT merchant_id FROM orders WHERE id = '" +
                                     test::newOrder(m_server.baseUrl(), 100) + "'");
        m_stack.sql("INSERT INTO orders (id, merchant_id, amount, status) SELECT 'order_' ||"
                    " lpad(g::text, 16, '0'), '" +
                    merchant + "', 50000, '" + status + "' FROM generate_series(1, 20000) g");
        return merchant;
    }

    // Ten orders of distinct amounts (so that a swapped answer shows), one of them paid, and two
    // order ids that do not exist; `poison` adds creates whose rows the database refuses.
    QList<Create> mixedCreates(bool poison)
    {
        QList<Create> creates;
        for (int i = 0; i < 10; ++i)
            creates.append(
                {test::newOrder(m_server.baseUrl(), 10000 + 100 * i), "buyer@okbank", 201});
        // Paid by an earlier payment.
        const auto paid = test::HttpClient(m_server.baseUrl())
                              .post("/api/v1/payments", {{"order_id", creates[3].orderId},
                                                         {"method", "upi"},
                                                         {"vpa", "first@okbank"}});
        creates[3].livePayment = paid.json().value("id").toString();
        m_stack.sql("UPDATE payments SET status = 'success' WHERE id = '" + creates[3].livePayment +
                    "'");
        m_stack.sql("UPDATE orders SET status = 'paid' WHERE id = '" + creates[3].orderId + "'");
        creates[3].status = 400;
        creates[3].description = "Order already paid";
        creates[6].vpa.clear(); // by card
        creates.insert(5, {"order_AAAAAAAAAAAAAAAA", "buyer@okbank", 404, "Order not found"});
        creates.append({"order_BBBBBBBBBBBBBBBB", "buyer@okbank", 404, "Order not found"});
        if (poison) // three of them, so that one meets others even if two queue late
            for (qsizetype at : {2, 7, 11})
                creates.insert(at, {creates[0].orderId, "poison@okbank", 500});
        return creates;
    }

    // Runs the creates while the only writer is stuck on a lock on webhook_logs with a first
    // create, so that they queue up behind it and go out together once the lock is released.
    QList<Answer> createTogether(const QList<Create> &creates)
    {
        store::Connection lock(m_stack.database(), QStringLiteral("test-lock"));
        if (!store::begin(lock) ||
            !store::exec(lock, QStringLiteral("LOCK TABLE webhook_logs IN SHARE MODE")))
            return {};
        QNetworkAccessManager nam;
        QNetworkRequest r(QUrl(m_server.baseUrl() + "/api/v1/payments"));
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        r.setRawHeader("X-Api-Key", test::HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", test::HttpClient::kTestSecret);
        const QJsonObject first{{"order_id", test::newOrder(m_server.baseUrl(), 999)},
                                {"method", "upi"},
                                {"vpa", "a@b"}};
        QNetworkReply *blocker = nam.post(r, QJsonDocument(first).toJson(QJsonDocument::Compact));
        const bool held = test::eventually([&] {
            return one("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                       " 'gw-writer' AND wait_event_type = 'Lock'") == "1";
        });
        const QList<Answer> answers = createAll(m_server.baseUrl(), creates, [&] {
            const bool queued = writerHolds(m_server, int(creates.size()) + 1); // and the first
            store::commit(lock);
            QVERIFY(queued);
        });
        test::eventually([&] { return blocker->isFinished(); });
        const int blockerStatus =
            blocker->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete blocker;
        if (!held || blockerStatus != 201)
            return {};
        return answers;
    }

    void verifyAnswers(const QList<Create> &creates, const QList<Answer> &answers)
    {
        QCOMPARE(answers.size(), creates.size());
        for (qsizetype i = 0; i < creates.size(); ++i) {
            const Create &c = creates[i];
            const Answer &a = answers[i];
            QCOMPARE(a.status, c.status);
            if (c.status == 201) {
                const QString id = a.json.value("id").toString();
                QCOMPARE(a.json.value("order_id").toString(), c.orderId);
                QCOMPARE(a.json.value("vpa").toString(), c.vpa);
                QCOMPARE(a.json.value("card_last4").toString(),
                         c.vpa.isEmpty() ? QString("1111") : QString());
                QCOMPARE(a.json.value("status").toString(), QString("pending"));
                // Written as every other answer is: compact, keys in order.
                QCOMPARE(a.body, QJsonDocument(a.json).toJson(QJsonDocument::Compact));
                QCOMPARE(a.json,
                         test::HttpClient(m_server.baseUrl()).get("/api/v1/payments/" + id).json());
                QCOMPARE(QString::number(a.json.value("amount").toInteger()),
                         one("SELECT amount FROM orders WHERE id = '" + c.orderId + "'"));
                QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'payment' AND subject_id = '" +
                             id + "'"),
                         QString("1"));
                // Both events, each carrying exactly the payment the request was answered with.
                const QStringList payloads =
                    m_stack.sql("SELECT payload FROM webhook_logs WHERE payload::jsonb #>> "
                                "'{data,payment,id}' = '" +
                                id + "' ORDER BY event");
                QCOMPARE(payloads.size(), 2);
                for (const QString &p : payloads) {
                    const QJsonObject event = QJsonDocument::fromJson(p.toUtf8()).object();
                    QCOMPARE(event.value("data").toObject().value("payment").toObject(), a.json);
                }
            } else {
                const QJsonObject error = a.json.value("error").toObject();
                QVERIFY(!error.isEmpty());
                if (!c.description.isEmpty())
                    QCOMPARE(error.value("description").toString(), c.description);
                QCOMPARE(error.value("payment_id").toString(), c.livePayment);
            }
        }
        // Nothing half-written: every payment has its job and two events, nothing else does.
        QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'payment'"),
                 one("SELECT count(*) FROM payments"));
        QCOMPARE(one("SELECT count(*) FROM webhook_logs"),
                 one("SELECT 2 * count(*) FROM payments"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(
            m_stack.startWithServer(m_server, {{"SERVER_THREADS", "32"}, {"PAYMENT_WRITERS", "1"}}),
            QString());
        m_oneThread = m_stack.startServer({{"SERVER_THREADS", "1"}, {"PAYMENT_WRITERS", "1"}});
        QVERIFY2(m_oneThread.port, qPrintable(m_oneThread.process->output()));
    }

    void init() { QCOMPARE(m_stack.resetData(), QString()); }

    void eachCreateInABatchGetsItsOwnAnswer()
    {
        const QList<Create> creates = mixedCreates(false);
        const QList<Answer> answers = createTogether(creates);
        verifyAnswers(creates, answers);
        // They met: payments of one batch share their transaction's created_at.
        const qsizetype created = std::count_if(creates.begin(), creates.end(),
                                                [](const Create &c) { return c.status == 201; });
        QVERIFY(one("SELECT count(DISTINCT created_at) FROM payments WHERE amount <> 999")
                    .toLongLong() < created);
    }

    void aFailingBatchFailsOnlyItsBadRow()
    {
        m_stack.sql("CREATE OR REPLACE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN IF NEW.vpa = 'poison@okbank' THEN RAISE EXCEPTION 'poisoned row';"
                    " END IF; RETURN NEW; END $$;"
                    " CREATE TRIGGER poison BEFORE INSERT ON payments"
                    " FOR EACH ROW EXECUTE FUNCTION poison()");
        const QList<Create> creates = mixedCreates(true);
        const QList<Answer> answers = createTogether(creates);
        m_stack.sql("DROP TRIGGER poison ON payments");
        verifyAnswers(creates, answers);
        for (qsizetype i = 0; i < creates.size(); ++i)
            if (creates[i].status == 500)
                QCOMPARE(answers[i].json.value("error").toObject().value("code").toString(),
                         QString("SERVER_ERROR"));
        // The poisoned row failed a real batch, which was then written row by row.
        QVERIFY2(!m_server.process
                      ->waitForOutput(QRegularExpression("a batch of \\d+ payments failed"), 5000)
                      .isEmpty(),
                 qPrintable(m_server.process->output().right(2000)));
    }

    // Two creates of one order meet in one batch: the first is written, the second is refused
    // naming it (at most one live payment per order), and the batch's other creates are written
    // as usual, by the batch's one statement (no retry row by row).
    void twoCreatesOfOneOrderInOneBatch()
    {
        QList<Create> creates;
        for (int i = 0; i < 4; ++i)
            creates.append(
                {test::newOrder(m_server.baseUrl(), 40000 + 100 * i), "buyer@okbank", 201});
        creates.insert(2, {creates[1].orderId, "again@okbank", 400});
        const qsizetype failedBefore = m_server.process->output().count("payments failed");
        const QList<Answer> answers = createTogether(creates);
        QCOMPARE(answers.size(), creates.size());
        // Which of the two the writer took first is the order they reached it in.
        const qsizetype won = answers[1].status == 201 ? 1 : 2;
        const qsizetype lost = 3 - won;
        creates[won].status = 201;
        creates[lost].status = 400;
        creates[lost].description = "A payment for this order is already in progress";
        creates[lost].livePayment = answers[won].json.value("id").toString();
        verifyAnswers(creates, answers);
        QCOMPARE(m_server.process->output().count("payments failed"), failedBefore);
        // They met: payments of one batch share their transaction's created_at.
        QVERIFY(one("SELECT count(DISTINCT created_at) FROM payments WHERE amount <> 999")
                    .toLongLong() < 4);
    }

    // A create waiting for its batch does not hold its server thread: with one thread, creates
    // on other connections queue up too, and other requests are answered meanwhile.
    void aWaitingCreateLeavesItsThreadServing()
    {
        WriterHold hold(m_stack);
        QVERIFY(hold.held());
        QList<Create> creates;
        for (int i = 0; i < 5; ++i)
            creates.append({test::newOrder(m_server.baseUrl(), 20000 + i), "buyer@okbank", 201});
        QList<Answer> answers = createAll(m_oneThread.baseUrl(), creates, [&] {
            QVERIFY(writerWaits());
            QVERIFY(writerHolds(m_oneThread, int(creates.size())));
            const auto list = test::HttpClient(m_oneThread.baseUrl()).get("/api/v1/orders?limit=1");
            QCOMPARE(list.status, 200);
            QCOMPARE(one("SELECT count(*) FROM payments"), QString("0"));
            hold.release();
        });
        verifyAnswers(creates, answers);
    }

    // Answers leave in the order of the requests: a request pipelined behind a waiting create
    // is read only once the create has been answered.
    void answersLeaveInRequestOrder()
    {
        WriterHold hold(m_stack);
        QVERIFY(hold.held());
        test::RawSocket socket(m_oneThread.port);
        QVERIFY2(socket.isOpen(), qPrintable(socket.error()));
        QVERIFY(socket.sendAll(rawRequest("POST", "/api/v1/payments",
                                          createBody(test::newOrder(m_server.baseUrl(), 31000))) +
                               rawRequest("GET", "/api/v1/orders?limit=1", {})));
        QVERIFY(writerWaits());
        QTest::qWait(300); // a GET answered out of order would be answered now
        hold.release();
        const QByteArray got = socket.readToEnd(2000); // the server keeps the connection open
        QVERIFY2(got.startsWith("HTTP/1.1 201"), got.left(200).constData());
        QVERIFY2(got.indexOf("HTTP/1.1 200") > 0, got.constData());
        QCOMPARE(got.count("HTTP/1.1 "), 2);
    }

    // A client that goes while its create waits: the create still commits (its answer is
    // dropped with the connection), and the thread goes on serving.
    void aClientGoneWhileItsCreateWaits()
    {
        WriterHold hold(m_stack);
        QVERIFY(hold.held());
        const QString orderId = test::newOrder(m_server.baseUrl(), 32000);
        {
            test::RawSocket socket(m_oneThread.port);
            QVERIFY(socket.sendAll(rawRequest("POST", "/api/v1/payments", createBody(orderId))));
            QVERIFY(writerWaits());
        }                  // closed
        QTest::qWait(300); // for the close to reach the server (nothing outside it shows that)
        hold.release();
        QVERIFY(test::eventually([&] {
            return one("SELECT count(*) FROM payments WHERE order_id = '" + orderId + "'") == "1";
        }));
        const auto r =
            test::HttpClient(m_oneThread.baseUrl())
                .post("/api/v1/payments", {{"order_id", test::newOrder(m_server.baseUrl(), 33000)},
                                           {"method", "upi"},
                                           {"vpa", "after@okbank"}});
        QCOMPARE(r.status, 201);
    }

    // Refunds without an Idempotency-Key go through the same writers: refunds of several
    // payments meet in one statement, and a payment's later refunds wait for later batches, each
    // reserved against what the one before left: four refunds of 15,000 on 50,000 make three
    // refunds and one 400 that says what is left. (One statement reserves for one refund of a
    // payment only; two of them in it would refuse one that fits.)
    void refundsMeetInABatchOnePerPayment()
    {
        test::HttpClient c(m_server.baseUrl());
        QStringList pays;
        for (int i = 0; i < 4; ++i) {
            const auto pay =
                c.post("/api/v1/payments", {{"order_id", test::newOrder(m_server.baseUrl(), 50000)},
                                            {"method", "upi"},
                                            {"vpa", "r@okbank"}});
            QCOMPARE(pay.status, 201);
            pays.append(pay.json().value("id").toString());
        }
        m_stack.sql("UPDATE payments SET status = 'success'");
        QList<std::pair<QString, QJsonObject>> posts;
        for (int k = 0; k < 4; ++k)
            posts.append({"/api/v1/payments/" + pays[0] + "/refunds", {{"amount", 15000}}});
        for (int i = 1; i < 4; ++i)
            posts.append({"/api/v1/payments/" + pays[i] + "/refunds", {{"amount", 1000 + i}}});
        WriterHold hold(m_stack);
        QVERIFY(hold.held());
        const QList<Answer> answers = postAll(m_server.baseUrl(), posts, [&] {
            QVERIFY(writerWaits());
            QVERIFY(writerHolds(m_server, int(posts.size())));
            hold.release();
        });
        QCOMPARE(answers.size(), posts.size());
        QStringList refused;
        for (qsizetype k = 0; k < answers.size(); ++k) {
            if (answers[k].status == 201) {
                QCOMPARE(answers[k].json.value("payment_id").toString(),
                         posts[k].first.section('/', 4, 4));
                QCOMPARE(answers[k].json.value("amount").toInteger(),
                         posts[k].second.value("amount").toInteger());
                continue;
            }
            QCOMPARE(answers[k].status, 400);
            QVERIFY(k < 4);
            refused.append(
                answers[k].json.value("error").toObject().value("description").toString());
        }
        QCOMPARE(refused, QStringList{"Refund amount exceeds the amount available to refund "
                                      "(5000)"});
        QCOMPARE(one("SELECT refunds_reserved || '/' || (SELECT sum(amount) FROM refunds WHERE"
                     " payment_id = '" +
                     pays[0] + "') FROM payments WHERE id = '" + pays[0] + "'"),
                 QString("45000/45000"));
        QCOMPARE(one("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id"
                     " WHERE p.refunds_reserved = r.amount AND r.amount BETWEEN 1001 AND 1003"),
                 QString("3"));
        // Each refund has its job and its event, and some met in one batch (one transaction,
        // one created_at).
        QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'refund'"), QString("6"));
        QCOMPARE(one("SELECT count(*) FROM webhook_logs WHERE event = 'refund.created'"),
                 QString("6"));
        QVERIFY(one("SELECT count(DISTINCT created_at) FROM refunds").toInt() < 6);
    }

    // The writers run the batch on a generic plan (store::PlanSession), which the planner chose
    // once, without the batch's values. Every order it reads must be looked up by its key: a plan
    // that reached the orders through another index read every unpaid order of the merchant for
    // each create (bench/README, "Where the server's CPU went"), unseen in a small table. So among
    // 20,000 unpaid orders, a batch of creates may read only a few order rows per create.
    void theBatchReadsOnlyTheOrdersItPays()
    {
        manyOrders("created");
        m_stack.sql("ANALYZE orders");
        const qint64 readBefore = m_stack.readsOf("orders");
        const qint64 paymentsBefore = insertsOf("payments");
        QList<Create> creates;
        for (int i = 1; i <= 12; ++i)
            creates.append(
                {QString("order_%1").arg(i * 1000, 16, 10, QChar('0')), "buyer@okbank", 201});
        const QList<Answer> answers = createTogether(creates);
        verifyAnswers(creates, answers);
        const qint64 written = creates.size() + 1; // and createTogether's first create
        // A backend reports its counters when it has been idle for up to ten seconds.
        QVERIFY2(test::eventually([&] { return insertsOf("payments") - paymentsBefore >= written; },
                                  20000),
                 "the writer's statistics were not reported");
        const qint64 read = m_stack.readsOf("orders") - readBefore;
        // By key, a create reads its order three times (the INSERT, the answer's lookup, the
        // foreign-key check), and other backends may report a few reads of their own meanwhile;
        // a plan that walks the merchant's unpaid orders reads 20,000 per create.
        QVERIFY2(read <= 20 * written,
                 qPrintable(QString("%1 order rows or index entries read for %2 creates")
                                .arg(read)
                                .arg(written)));
    }

    // The same for refunds: among 20,000 successful payments, a batch of refunds reads only the
    // payments it refunds, each by its key (a plan that joined them by scanning payments would
    // read 20,000 per batch).
    void theRefundBatchReadsOnlyThePaymentsItRefunds()
    {
        const QString merchant = manyOrders("paid");
        m_stack.sql("INSERT INTO payments (id, order_id, merchant_id, amount, currency, method,"
                    " vpa, status) SELECT 'pay_' || lpad(g::text, 16, '0'), 'order_' ||"
                    " lpad(g::text, 16, '0'), '" +
                    merchant +
                    "', 50000, 'INR', 'upi', 'r@okbank', 'success'"
                    " FROM generate_series(1, 20000) g");
        m_stack.sql("ANALYZE payments");
        const qint64 readBefore = m_stack.readsOf("payments");
        const qint64 refundsBefore = insertsOf("refunds");
        QList<std::pair<QString, QJsonObject>> posts;
        for (int i = 1; i <= 12; ++i)
            posts.append(
                {QString("/api/v1/payments/pay_%1/refunds").arg(i * 1000, 16, 10, QChar('0')),
                 {{"amount", 100}}});
        WriterHold hold(m_stack);
        QVERIFY(hold.held());
        const QList<Answer> answers = postAll(m_server.baseUrl(), posts, [&] {
            QVERIFY(writerWaits());
            QVERIFY(writerHolds(m_server, int(posts.size())));
            hold.release();
        });
        for (const Answer &a : answers)
            QVERIFY2(a.status == 201, a.body.constData());
        QVERIFY2(test::eventually(
                     [&] { return insertsOf("refunds") - refundsBefore >= posts.size(); }, 20000),
                 "the writer's statistics were not reported");
        const qint64 read = m_stack.readsOf("payments") - readBefore;
        // By key, a refund reads its payment twice (the reservation, the refund's foreign key).
        QVERIFY2(read <= 20 * posts.size(),
                 qPrintable(QString("%1 payment rows or index entries read for %2 refunds")
                                .arg(read)
                                .arg(posts.size())));
    }

    void serverStillServes()
    {
        const auto r =
            test::HttpClient(m_server.baseUrl())
                .post("/api/v1/payments", {{"order_id", test::newOrder(m_server.baseUrl(), 5000)},
                                           {"method", "upi"},
                                           {"vpa", "after@okbank"}});
        QCOMPARE(r.status, 201);
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
