// The one map between the enums the code carries and the strings of JSON and SQL (core/enums.h):
// every value both ways, the lists of allowed values, and an unknown string as a clear error.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/enums.h"

#include <QTest>

using namespace gw;

Q_DECLARE_METATYPE(gw::OrderStatus)
Q_DECLARE_METATYPE(gw::PaymentStatus)
Q_DECLARE_METATYPE(gw::PaymentMethod)
Q_DECLARE_METATYPE(gw::RefundStatus)
Q_DECLARE_METATYPE(gw::EventType)
Q_DECLARE_METATYPE(gw::DeliveryStatus)
Q_DECLARE_METATYPE(gw::JobKind)

namespace {
// An enum's table: each of its values and that value's string.
template <typename E> void addColumns()
{
    QTest::addColumn<E>("value");
    QTest::addColumn<QString>("text");
}

// The row's value's string and its string's value.
template <typename E> void checkBothWays()
{
    QFETCH(E, value);
    QFETCH(QString, text);
    QCOMPARE(stringOf(value), text);
    const auto back = fromString<E>(text);
    QVERIFY2(back.ok(), qPrintable(text));
    QCOMPARE(back.value(), value);
}
} // namespace

class TestEnums : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void orderStatus_data()
    {
        addColumns<OrderStatus>();
        QTest::addRow("created") << OrderStatus::Created << "created";
        QTest::addRow("paid") << OrderStatus::Paid << "paid";
    }

    void orderStatus() { checkBothWays<OrderStatus>(); }

    void paymentStatus_data()
    {
        addColumns<PaymentStatus>();
        QTest::addRow("pending") << PaymentStatus::Pending << "pending";
        QTest::addRow("success") << PaymentStatus::Success << "success";
        QTest::addRow("failed") << PaymentStatus::Failed << "failed";
    }

    void paymentStatus() { checkBothWays<PaymentStatus>(); }

    void paymentMethod_data()
    {
        addColumns<PaymentMethod>();
        QTest::addRow("upi") << PaymentMethod::Upi << "upi";
        QTest::addRow("card") << PaymentMethod::Card << "card";
    }

    void paymentMethod() { checkBothWays<PaymentMethod>(); }

    void refundStatus_data()
    {
        addColumns<RefundStatus>();
        QTest::addRow("pending") << RefundStatus::Pending << "pending";
        QTest::addRow("processed") << RefundStatus::Processed << "processed";
    }

    void refundStatus() { checkBothWays<RefundStatus>(); }

    void eventType_data()
    {
        addColumns<EventType>();
        QTest::addRow("payment created") << EventType::PaymentCreated << "payment.created";
        QTest::addRow("payment pending") << EventType::PaymentPending << "payment.pending";
        QTest::addRow("payment success") << EventType::PaymentSuccess << "payment.success";
        QTest::addRow("payment failed") << EventType::PaymentFailed << "payment.failed";
        QTest::addRow("refund created") << EventType::RefundCreated << "refund.created";
        QTest::addRow("refund processed") << EventType::RefundProcessed << "refund.processed";
        QTest::addRow("webhook test") << EventType::WebhookTest << "webhook.test";
    }

    void eventType() { checkBothWays<EventType>(); }

    void deliveryStatus_data()
    {
        addColumns<DeliveryStatus>();
        QTest::addRow("pending") << DeliveryStatus::Pending << "pending";
        QTest::addRow("success") << DeliveryStatus::Success << "success";
        QTest::addRow("failed") << DeliveryStatus::Failed << "failed";
    }

    void deliveryStatus() { checkBothWays<DeliveryStatus>(); }

    // A job's kind, in the jobs table and on the Redis stream.
    void jobKind_data()
    {
        addColumns<JobKind>();
        QTest::addRow("payment") << JobKind::Payment << "payment";
        QTest::addRow("refund") << JobKind::Refund << "refund";
        QTest::addRow("webhook") << JobKind::Webhook << "webhook";
    }

    void jobKind() { checkBothWays<JobKind>(); }

    // The API's lists of allowed values (request validation, list filters, openapi.json).
    void allStringsInOrder()
    {
        QCOMPARE(allStrings<OrderStatus>(), (QStringList{"created", "paid"}));
        QCOMPARE(allStrings<PaymentStatus>(), (QStringList{"pending", "success", "failed"}));
        QCOMPARE(allStrings<PaymentMethod>(), (QStringList{"upi", "card"}));
        QCOMPARE(allStrings<RefundStatus>(), (QStringList{"pending", "processed"}));
        QCOMPARE(allStrings<EventType>().size(), 7);
        QCOMPARE(allStrings<DeliveryStatus>(), (QStringList{"pending", "success", "failed"}));
        QCOMPARE(allStrings<JobKind>(), (QStringList{"payment", "refund", "webhook"}));
    }

    void unknownStrings_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addRow("empty status") << "payment status"
                                      << ""
                                      << "Unknown payment status '' (pending, success or failed)";
        QTest::addRow("order's status as a payment's")
            << "payment status"
            << "paid"
            << "Unknown payment status 'paid' (pending, success or failed)";
        QTest::addRow("payment's status as an order's")
            << "order status"
            << "success"
            << "Unknown order status 'success' (created or paid)";
        QTest::addRow("order status other case") << "order status"
                                                 << "Paid"
                                                 << "Unknown order status 'Paid' (created or paid)";
        QTest::addRow("other case") << "payment method"
                                    << "UPI"
                                    << "Unknown payment method 'UPI' (upi or card)";
        QTest::addRow("padded") << "payment method"
                                << " card"
                                << "Unknown payment method ' card' (upi or card)";
        QTest::addRow("payment's status as a refund's")
            << "refund status"
            << "success"
            << "Unknown refund status 'success' (pending or processed)";
        QTest::addRow("a response's status as a delivery's")
            << "delivery status"
            << "not_sent"
            << "Unknown delivery status 'not_sent' (pending, success or failed)";
        QTest::addRow("job kind other case")
            << "job kind"
            << "PAYMENT"
            << "Unknown job kind 'PAYMENT' (payment, refund or webhook)";
        QTest::addRow("unknown job kind")
            << "job kind"
            << "refund_v2"
            << "Unknown job kind 'refund_v2' (payment, refund or webhook)";
        QTest::addRow("unknown event") << "event type"
                                       << "payment.refunded"
                                       << "Unknown event type 'payment.refunded' (payment.created, "
                                          "payment.pending, payment.success, payment.failed, "
                                          "refund.created, refund.processed or webhook.test)";
        QTest::addRow("event other case") << "event type"
                                          << "Payment.Success"
                                          << "Unknown event type 'Payment.Success' "
                                             "(payment.created, payment.pending, payment.success, "
                                             "payment.failed, refund.created, refund.processed or "
                                             "webhook.test)";
    }

    void unknownStrings()
    {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(QString, error);
        ApiError e;
        if (kind == "order status")
            e = fromString<OrderStatus>(text).error();
        else if (kind == "payment status")
            e = fromString<PaymentStatus>(text).error();
        else if (kind == "payment method")
            e = fromString<PaymentMethod>(text).error();
        else if (kind == "refund status")
            e = fromString<RefundStatus>(text).error();
        else if (kind == "delivery status")
            e = fromString<DeliveryStatus>(text).error();
        else if (kind == "job kind")
            e = fromString<JobKind>(text).error();
        else
            e = fromString<EventType>(text).error();
        QCOMPARE(e.code, ErrorCode::BadRequest);
        QCOMPARE(e.description, error);
    }
};

QTEST_MAIN(TestEnums)
#include "tst_enums.moc"
