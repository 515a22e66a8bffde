// Card data hygiene: after card payments (plain, idempotent, public, failing validation), a dump
// of every table and the server's log hold no full card number and no CVV; responses only ever
// carry the network and the last four digits.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QRegularExpression>
#include <QTest>

using namespace gw;

namespace {
struct Card
{
    const char *number; // as typed
    const char *digits; // as stored nowhere
    const char *cvv;
};
// CVVs chosen so that they cannot be mistaken for parts of amounts or the last four digits.
const Card kCards[] = {
    {"4111 1111 1111 1111", "4111111111111111", "739"},
    {"5555-5555-5555-4444", "5555555555554444", "862"},
    {"378282246310005", "378282246310005", "9517"},
    {"6074820000000009", "6074820000000009", "648"},
};
} // namespace

class TestApiHygiene : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    // Every row of every table as text, bytea columns decoded too.
    QString dumpEverything()
    {
        QString dump;
        const QStringList tables =
            m_stack.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        for (const QString &t : tables)
            dump +=
                m_stack
                    .sql(QString("SELECT coalesce(string_agg(x::text, E'\\n'), '') FROM \"%1\" x")
                             .arg(t))
                    .join('\n');
        const QStringList bytea =
            m_stack.sql("SELECT table_name || '.' || column_name FROM information_schema.columns"
                        " WHERE table_schema = 'public' AND data_type = 'bytea'");
        for (const QString &c : bytea) {
            const QStringList parts = c.split('.');
            dump += m_stack
                        .sql(QString("SELECT coalesce(string_agg(convert_from(\"%2\", 'UTF8'), "
                                     "E'\\n'), '') FROM \"%1\"")
                                 .arg(parts[0], parts[1]))
                        .join('\n');
        }
        return dump;
    }

    // Random values (ids, uuids, hashes, secrets, timestamps) can hold any short run of digits,
    // e.g. "pay_Ab739…" or "…:54.739+00". They are blanked before searching, so a CVV found
    // afterwards was stored, logged or echoed, never drawn by chance.
    static QString withoutRandomValues(QString text)
    {
        static const QRegularExpression random(
            "(order|pay|rfnd|evt|job|whsec)_[A-Za-z0-9]+"
            "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            "|[0-9a-fA-F]{32,}"
            "|[0-9]{4}-[0-9]{2}-[0-9]{2}[ "
            "T][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}(:[0-9]{2})?)?");
        return text.replace(random, "_");
    }

    static bool containsToken(const QString &haystack, const QString &digits)
    {
        return withoutRandomValues(haystack).contains(
            QRegularExpression("(?<![0-9])" + digits + "(?![0-9])"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server, {{"QT_LOGGING_RULES", "gw.*.debug=true"}}),
                 QString());
    }

    void noCardDataAnywhere()
    {
        test::HttpClient c(m_server.baseUrl());
        test::HttpClient publicClient(m_server.baseUrl());
        publicClient.setCredentials(test::HttpClient::kTestKey, {});
        c.put("/api/v1/webhooks/config",
              {{"url", "http://127.0.0.1:9/hook"}}); // events get jobs and payloads
        QByteArray responses;
        int n = 0;
        for (const Card &card : kCards) {
            const QJsonObject cardJson{{"number", card.number},
                                       {"expiry_month", "12"},
                                       {"expiry_year", "2099"},
                                       {"cvv", card.cvv},
                                       {"holder_name", "Card Holder"}};
            for (int variant = 0; variant < 3; ++variant) {
                const QString order =
                    c.post("/api/v1/orders", {{"amount", 4242}}).json().value("id").toString();
                const QJsonObject body{{"order_id", order}, {"method", "card"}, {"card", cardJson}};
                test::HttpResponse r;
                if (variant == 0)
                    r = c.post("/api/v1/payments", body);
                else if (variant == 1)
                    r = c.post("/api/v1/payments", body,
                               {{"Idempotency-Key", QByteArray::number(++n)}});
                else
                    r = publicClient.post("/api/v1/payments/public", body,
                                          {{"Idempotency-Key", QByteArray::number(++n)}});
                QVERIFY2(r.status == 201, r.body.constData());
                QCOMPARE(r.json().value("card_last4").toString(),
                         QString(QByteArray(card.digits).right(4)));
                responses += r.body;
                responses += c.get("/api/v1/payments/" + r.json().value("id").toString()).body;
            }
            // A rejected card (expired) must not leave traces either.
            QJsonObject expired = cardJson;
            expired["expiry_year"] = "2001";
            const QString order =
                c.post("/api/v1/orders", {{"amount", 4242}}).json().value("id").toString();
            responses += c.post("/api/v1/payments",
                                {{"order_id", order}, {"method", "card"}, {"card", expired}},
                                {{"Idempotency-Key", QByteArray::number(++n)}})
                             .body;
        }
        responses += c.get("/api/v1/payments?limit=100").body;
        responses += c.get("/api/v1/webhooks?limit=100").body;

        const QString dump = dumpEverything();
        QVERIFY(dump.contains("mastercard")); // the dump really holds the payments
        // Stored responses (bytea, decoded) and webhook payloads are in the dump as JSON.
        QVERIFY(dump.count("\"card_last4\"") >= 2 * 4 + 4 * 3);
        const QString log = m_server.process->output();
        for (const Card &card : kCards) {
            for (const QString &where :
                 {QString("database"), QString("responses"), QString("server log")}) {
                const QString text = where == "database"    ? dump
                                     : where == "responses" ? QString::fromUtf8(responses)
                                                            : log;
                QVERIFY2(!containsToken(text, card.digits),
                         qPrintable(where + " holds a card number"));
                QVERIFY2(!text.contains(card.number),
                         qPrintable(where + " holds a card number as typed"));
                QVERIFY2(!containsToken(text, card.cvv), qPrintable(where + " holds a CVV"));
            }
        }
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiHygiene)
#include "tst_api_hygiene.moc"
