// The one place that turns an error code into an HTTP status: every code, its SPEC.md status.
#include "server/http/reply.h"

#include <QTest>

Q_DECLARE_METATYPE(gw::ErrorCode)

using namespace gw;
using gw::http::HttpStatus;

class TestHttpStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyCode_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<HttpStatus>("status");
        QTest::addRow("authentication") << ErrorCode::Authentication << HttpStatus::Unauthorized;
        QTest::addRow("bad request") << ErrorCode::BadRequest << HttpStatus::BadRequest;
        QTest::addRow("not found") << ErrorCode::NotFound << HttpStatus::NotFound;
        QTest::addRow("invalid vpa") << ErrorCode::InvalidVpa << HttpStatus::BadRequest;
        QTest::addRow("invalid card") << ErrorCode::InvalidCard << HttpStatus::BadRequest;
        QTest::addRow("expired card") << ErrorCode::ExpiredCard << HttpStatus::BadRequest;
        QTest::addRow("idempotency in flight")
            << ErrorCode::IdempotencyInFlight << HttpStatus::Conflict;
        QTest::addRow("idempotency mismatch")
            << ErrorCode::IdempotencyMismatch << HttpStatus::UnprocessableEntity;
        QTest::addRow("payload too large")
            << ErrorCode::PayloadTooLarge << HttpStatus::PayloadTooLarge;
        QTest::addRow("headers too large")
            << ErrorCode::HeadersTooLarge << HttpStatus::RequestHeaderFieldsTooLarge;
        QTest::addRow("request timeout") << ErrorCode::RequestTimeout << HttpStatus::RequestTimeout;
        QTest::addRow("rate limited") << ErrorCode::RateLimited << HttpStatus::TooManyRequests;
        QTest::addRow("server error") << ErrorCode::ServerError << HttpStatus::InternalServerError;
        QTest::addRow("service unavailable")
            << ErrorCode::ServiceUnavailable << HttpStatus::ServiceUnavailable;
    }

    void everyCode()
    {
        QFETCH(ErrorCode, code);
        QFETCH(HttpStatus, status);
        QCOMPARE(http::httpStatus(code), status);
    }
};

QTEST_GUILESS_MAIN(TestHttpStatus)
#include "tst_httpstatus.moc"
