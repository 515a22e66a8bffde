// The one place that turns an error code into an HTTP status: every code, its SPEC.md status.
#include "server/http/reply.h"

#include <QTest>

Q_DECLARE_METATYPE(gw::ErrorCode)

using namespace gw;
using Status = http::Status;

class TestHttpStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyCode_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<Status>("status");
        QTest::addRow("authentication") << ErrorCode::Authentication << Status::Unauthorized;
        QTest::addRow("bad request") << ErrorCode::BadRequest << Status::BadRequest;
        QTest::addRow("not found") << ErrorCode::NotFound << Status::NotFound;
        QTest::addRow("invalid vpa") << ErrorCode::InvalidVpa << Status::BadRequest;
        QTest::addRow("invalid card") << ErrorCode::InvalidCard << Status::BadRequest;
        QTest::addRow("expired card") << ErrorCode::ExpiredCard << Status::BadRequest;
        QTest::addRow("idempotency in flight")
            << ErrorCode::IdempotencyInFlight << Status::Conflict;
        QTest::addRow("idempotency mismatch")
            << ErrorCode::IdempotencyMismatch << Status::UnprocessableEntity;
        QTest::addRow("payload too large") << ErrorCode::PayloadTooLarge << Status::PayloadTooLarge;
        QTest::addRow("headers too large")
            << ErrorCode::HeadersTooLarge << Status::RequestHeaderFieldsTooLarge;
        QTest::addRow("request timeout") << ErrorCode::RequestTimeout << Status::RequestTimeout;
        QTest::addRow("rate limited") << ErrorCode::RateLimited << Status::TooManyRequests;
        QTest::addRow("server error") << ErrorCode::ServerError << Status::InternalServerError;
        QTest::addRow("service unavailable")
            << ErrorCode::ServiceUnavailable << Status::ServiceUnavailable;
    }

    void everyCode()
    {
        QFETCH(ErrorCode, code);
        QFETCH(Status, status);
        QCOMPARE(http::httpStatus(code), status);
    }
};

QTEST_GUILESS_MAIN(TestHttpStatus)
#include "tst_httpstatus.moc"
