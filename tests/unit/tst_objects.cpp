// The JSON of the domain objects without a server (SPEC.md "Objects and ids"): which fields each
// object has, which are null until set, a payment's method-specific fields, a delivery log's
// detail with its attempts. The enums' strings have their own suite, tst_enums.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/enums.h"
#include "core/order.h"
#include "core/payment.h"
#include "core/refund.h"
#include "core/webhooklog.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;

Q_DECLARE_METATYPE(gw::PaymentMethod)

namespace {
const QDateTime kAt = QDateTime::fromString("2026-12-07T10:17:42.250Z", Qt::ISODateWithMs);

QStringList keys(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}
} // namespace

class TestObjects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paymentFieldsFollowTheMethod_data()
    {
        QTest::addColumn<PaymentMethod>("method");
        QTest::addColumn<QStringList>("only");    // fields of this method
        QTest::addColumn<QStringList>("without"); // fields of the other method
        QTest::addRow("upi") << PaymentMethod::Upi << QStringList{"vpa"}
                             << QStringList{"card_network", "card_last4"};
        QTest::addRow("card") << PaymentMethod::Card << QStringList{"card_network", "card_last4"}
                              << QStringList{"vpa"};
    }

    void paymentFieldsFollowTheMethod()
    {
        QFETCH(PaymentMethod, method);
        QFETCH(QStringList, only);
        QFETCH(QStringList, without);
        Payment p;
        p.id = "pay_0123456789abcdef";
        p.orderId = "order_0123456789abcdef";
        p.amount = 50000;
        p.method = method;
        p.vpa = "shopper@okbank";
        p.cardNetwork = "visa";
        p.cardLast4 = "1111";
        p.createdAt = p.updatedAt = kAt;
        const QJsonObject json = p.toJson();
        QStringList expected{"id",
                             "order_id",
                             "amount",
                             "currency",
                             "method",
                             "status",
                             "captured",
                             "amount_refunded",
                             "error_code",
                             "created_at",
                             "error_description",
                             "updated_at",
                             "livemode"};
        expected << only;
        expected.sort();
        QCOMPARE(keys(json), expected);
        for (const QString &field : std::as_const(without))
            QVERIFY2(!json.contains(field), qPrintable(field));
        QCOMPARE(json.value("status").toString(), "pending");
        QCOMPARE(json.value("currency").toString(), "INR");
        QCOMPARE(json.value("amount").toInteger(), 50000);
        QCOMPARE(json.value("created_at").toString(), "2026-12-07T10:17:42.250Z");
        // No error yet: null, not an empty string.
        QVERIFY(json.value("error_code").isNull());
        QVERIFY(json.value("error_description").isNull());
        QVERIFY(!json.contains("merchant_id")); // a payment is only ever shown to its merchant
    }

    void refundIsProcessedOnlyWithATime()
    {
        Refund r;
        r.id = "rfnd_0123456789abcdef";
        r.paymentId = "pay_0123456789abcdef";
        r.amount = 12050;
        r.createdAt = kAt;
        QJsonObject json = r.toJson();
        QCOMPARE(keys(json), (QStringList{"amount", "created_at", "id", "livemode", "payment_id",
                                          "processed_at", "reason", "status"}));
        QCOMPARE(json.value("status").toString(), "pending");
        QVERIFY(json.value("processed_at").isNull());
        QVERIFY(json.value("reason").isNull());
        r.status = RefundStatus::Processed;
        r.processedAt = kAt.addSecs(4);
        r.reason = "damaged item";
        json = r.toJson();
        QCOMPARE(json.value("processed_at").toString(), "2026-12-07T10:17:46.250Z");
        QCOMPARE(json.value("reason").toString(), "damaged item");
    }

    void orderAndItsLivePayment()
    {
        Order o;
        o.id = "order_0123456789abcdef";
        o.merchantId = "550e8400-e29b-41d4-a716-446655440000";
        o.amount = 30000;
        o.createdAt = kAt;
        QVERIFY(o.toJson().value("receipt").isNull());
        QCOMPARE(o.toJson().value("status").toString(), "created");
        QVERIFY(publicOrderJson(o, std::nullopt).value("live_payment").isNull());
        const QJsonObject live =
            publicOrderJson(o, LivePayment{"pay_0123456789abcdef", PaymentStatus::Success})
                .value("live_payment")
                .toObject();
        QCOMPARE(live, (QJsonObject{{"id", "pay_0123456789abcdef"}, {"status", "success"}}));
        QVERIFY((LivePayment{"pay_x", PaymentStatus::Success}.paid()));
        QVERIFY(!(LivePayment{"pay_x", PaymentStatus::Pending}.paid()));
    }

    void deliveryLogAndItsDetail()
    {
        WebhookLog log;
        log.id = "6f1c2d3e-0000-4000-8000-000000000001";
        log.eventId = "evt_0123456789abcdef";
        log.event = "webhook.test";
        log.status = DeliveryStatus::Failed;
        log.attempts = 2;
        log.createdAt = kAt;
        log.payload = R"({"event":"webhook.test"})";
        log.attemptList = {{1, kAt, 500, "no", {}, 12},
                           {2, kAt.addSecs(5), 0, {}, "timed out", -1}};
        const QJsonObject entry = log.toJson();
        QVERIFY(!entry.contains("payload") && !entry.contains("attempt_log"));
        QVERIFY(entry.value("response_code").isNull()); // 0: no response yet
        QVERIFY(entry.value("next_retry_at").isNull());

        const QJsonObject detail = log.toDetailJson();
        // The payload is shown as the JSON object it is, not as a string.
        QCOMPARE(detail.value("payload").toObject().value("event").toString(), "webhook.test");
        const QJsonArray attempts = detail.value("attempt_log").toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).toObject().value("response_code").toInt(), 500);
        QCOMPARE(attempts.at(0).toObject().value("duration_ms").toInt(), 12);
        QVERIFY(attempts.at(1).toObject().value("response_code").isNull());
        QVERIFY(attempts.at(1).toObject().value("duration_ms").isNull());
        QCOMPARE(attempts.at(1).toObject().value("error").toString(), "timed out");

        log.payload = "not json";
        QCOMPARE(log.toDetailJson().value("payload").toString(), "not json");
    }
};

QTEST_MAIN(TestObjects)
#include "tst_objects.moc"
