// The one error type without a server: every code's contract name, the error body's shape (field
// and payment_id only when there is one), and the sentences answered from several places.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/apierror.h"

#include <QTest>

Q_DECLARE_METATYPE(gw::ErrorCode)
Q_DECLARE_METATYPE(gw::ApiError)

using namespace gw;

class TestApiError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codeNames_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("name");
        QTest::addRow("authentication") << ErrorCode::Authentication << "AUTHENTICATION_ERROR";
        QTest::addRow("bad request") << ErrorCode::BadRequest << "BAD_REQUEST_ERROR";
        QTest::addRow("not found") << ErrorCode::NotFound << "NOT_FOUND_ERROR";
        QTest::addRow("invalid vpa") << ErrorCode::InvalidVpa << "INVALID_VPA";
        QTest::addRow("invalid card") << ErrorCode::InvalidCard << "INVALID_CARD";
        QTest::addRow("expired card") << ErrorCode::ExpiredCard << "EXPIRED_CARD";
        QTest::addRow("idempotency in flight")
            << ErrorCode::IdempotencyInFlight << "IDEMPOTENCY_ERROR";
        QTest::addRow("idempotency mismatch")
            << ErrorCode::IdempotencyMismatch << "IDEMPOTENCY_ERROR";
        QTest::addRow("payload too large") << ErrorCode::PayloadTooLarge << "PAYLOAD_TOO_LARGE";
        QTest::addRow("headers too large") << ErrorCode::HeadersTooLarge << "HEADERS_TOO_LARGE";
        QTest::addRow("request timeout") << ErrorCode::RequestTimeout << "REQUEST_TIMEOUT";
        QTest::addRow("rate limited") << ErrorCode::RateLimited << "RATE_LIMITED";
        QTest::addRow("server error") << ErrorCode::ServerError << "SERVER_ERROR";
        QTest::addRow("unavailable") << ErrorCode::ServiceUnavailable << "SERVICE_UNAVAILABLE";
    }

    void codeNames()
    {
        QFETCH(ErrorCode, code);
        QFETCH(QString, name);
        const ApiError e{code, "why", {}};
        QCOMPARE(e.codeName(), name);
        QCOMPARE(e.toJson().value("error").toObject().value("code").toString(), name);
    }

    void body_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<QJsonObject>("inner");
        QTest::addRow("description only")
            << ApiError::notFound("Refund not found")
            << QJsonObject{{"code", "NOT_FOUND_ERROR"}, {"description", "Refund not found"}};
        QTest::addRow("with its field")
            << ApiError::badRequest("amount must be a positive integer", "amount")
            << QJsonObject{{"code", "BAD_REQUEST_ERROR"},
                           {"description", "amount must be a positive integer"},
                           {"field", "amount"}};
        QTest::addRow("an order already paid names its payment")
            << ApiError::orderHasLivePayment("pay_0123456789abcdef", true)
            << QJsonObject{{"code", "BAD_REQUEST_ERROR"},
                           {"description", "Order already paid"},
                           {"payment_id", "pay_0123456789abcdef"}};
        QTest::addRow("a payment in progress names it too")
            << ApiError::orderHasLivePayment("pay_0123456789abcdef", false)
            << QJsonObject{{"code", "BAD_REQUEST_ERROR"},
                           {"description", "A payment for this order is already in progress"},
                           {"payment_id", "pay_0123456789abcdef"}};
        QTest::addRow("unavailable")
            << ApiError::unavailable("The job queue is unreachable")
            << QJsonObject{{"code", "SERVICE_UNAVAILABLE"},
                           {"description", "The job queue is unreachable"}};
    }

    void body()
    {
        QFETCH(ApiError, error);
        QFETCH(QJsonObject, inner);
        QCOMPARE(error.toJson(), (QJsonObject{{"error", inner}}));
    }

    void namedNotFounds_data()
    {
        QTest::addColumn<ApiError>("error");
        QTest::addColumn<QString>("description");
        QTest::addRow("payment") << ApiError::paymentNotFound() << "Payment not found";
        QTest::addRow("order") << ApiError::orderNotFound() << "Order not found";
        QTest::addRow("webhook log") << ApiError::webhookLogNotFound() << "Webhook log not found";
        QTest::addRow("route") << ApiError::noSuchRoute() << "No such route";
    }

    void namedNotFounds()
    {
        QFETCH(ApiError, error);
        QFETCH(QString, description);
        QCOMPARE(error.code, ErrorCode::NotFound);
        QCOMPARE(error.description, description);
        QVERIFY(error.field.isEmpty() && error.paymentId.isEmpty());
    }
};

QTEST_MAIN(TestApiError)
#include "tst_apierror.moc"
