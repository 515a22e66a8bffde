// GET /api/v1/stats without a server: the query's defaults and refusals, the buckets a range is
// cut into (fixed intervals from 2000-01-01 UTC, the origin the store's date_bin uses), and the
// answer's totals and success rates.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/stats.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;

namespace {
const QDateTime kNow = QDateTime::fromString("2026-12-07T10:17:42.250Z", Qt::ISODateWithMs);

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}
} // namespace

class TestStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsed_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QString>("bucket");
        QTest::addRow("defaults: the last day by hour") << "" << kNow.addDays(-1) << kNow << "hour";
        QTest::addRow("minute buckets over a given range")
            << "from=2026-12-07T09:00:00Z&to=2026-12-07T10:00:00Z&bucket=minute"
            << utc("2026-12-07T09:00:00Z") << utc("2026-12-07T10:00:00Z") << "minute";
        QTest::addRow("unix seconds, day buckets")
            << "from=1796083200&to=1796688000&bucket=day" << utc("2026-12-01T00:00:00Z")
            << utc("2026-12-08T00:00:00Z") << "day";
        QTest::addRow("only from: up to now")
            << "from=2026-12-07T00:00:00Z" << utc("2026-12-07T00:00:00Z") << kNow << "hour";
        QTest::addRow("only to: the day before it")
            << "to=2026-12-06T00:00:00Z" << utc("2026-12-05T00:00:00Z")
            << utc("2026-12-06T00:00:00Z") << "hour";
        QTest::addRow("a week of minutes is the most")
            << "from=2026-11-30T10:00:00Z&to=2026-12-07T09:59:00Z&bucket=minute"
            << utc("2026-11-30T10:00:00Z") << utc("2026-12-07T09:59:00Z") << "minute";
    }

    void parsed()
    {
        QFETCH(QString, query);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QString, bucket);
        const auto q = StatsQuery::parse(QUrlQuery(query), kNow);
        QVERIFY2(q.ok(), q ? "" : qPrintable(q.error().description));
        QCOMPARE(q->from, from);
        QCOMPARE(q->to, to);
        QCOMPARE(q->bucket, bucket);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("description");
        QTest::addRow("bucket of seconds") << "bucket=second"
                                           << "bucket"
                                           << "bucket must be one of: minute, hour, day";
        QTest::addRow("from after to") << "from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z"
                                       << "from"
                                       << "from must be before to";
        QTest::addRow("from equal to") << "from=1796688000&to=1796688000"
                                       << "from"
                                       << "from must be before to";
        QTest::addRow("to garbage") << "to=soon"
                                    << "to"
                                    << "to must be an ISO-8601 time or unix seconds";
        QTest::addRow("more than a week of minutes")
            << "from=2026-11-01T00:00:00Z&to=2026-12-07T00:00:00Z&bucket=minute"
            << "bucket"
            << "bucket minute cuts this range into more than 10080 buckets; choose a longer "
               "bucket or a shorter range";
    }

    void rejected()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        QFETCH(QString, description);
        const auto q = StatsQuery::parse(QUrlQuery(query), kNow);
        QVERIFY2(!q.ok(), "accepted");
        QCOMPARE(q.error().code, ErrorCode::BadRequest);
        QCOMPARE(q.error().field, field);
        QCOMPARE(q.error().description, description);
    }

    void bucketOf_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QDateTime>("start");
        QTest::addRow("minute") << "minute" << utc("2026-12-07T10:17:42.250Z")
                                << utc("2026-12-07T10:17:00Z");
        QTest::addRow("minute, on its start")
            << "minute" << utc("2026-12-07T10:17:00Z") << utc("2026-12-07T10:17:00Z");
        QTest::addRow("hour") << "hour" << utc("2026-12-07T10:59:59Z")
                              << utc("2026-12-07T10:00:00Z");
        QTest::addRow("day, in UTC whatever the zone")
            << "day" << QDateTime::fromString("2026-12-07T02:00:00+05:30", Qt::ISODate)
            << utc("2026-12-06T00:00:00Z");
        QTest::addRow("before the origin")
            << "hour" << utc("1999-12-31T23:30:00Z") << utc("1999-12-31T23:00:00Z");
    }

    void bucketOf()
    {
        QFETCH(QString, bucket);
        QFETCH(QDateTime, time);
        QFETCH(QDateTime, start);
        StatsQuery q;
        q.bucket = bucket;
        QCOMPARE(q.bucketOf(time.toSecsSinceEpoch()), start.toSecsSinceEpoch());
    }

    void emptySeriesCoversTheRange_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<QDateTime>("first");
        // An hour not on a minute's start touches 61 minutes.
        QTest::addRow("an hour of minutes, off the minute") << "bucket=minute&from="
                                                               "2026-12-07T09:17:42Z&to=2026-12-"
                                                               "07T10:17:42Z"
                                                            << 61 << utc("2026-12-07T09:17:00Z");
        QTest::addRow("an hour of minutes, on the minute")
            << "bucket=minute&from=2026-12-07T09:00:00Z&to=2026-12-07T10:00:00Z" << 60
            << utc("2026-12-07T09:00:00Z");
        QTest::addRow("a day of hours") << "from=2026-12-06T10:17:42Z&to=2026-12-07T10:17:42Z" << 25
                                        << utc("2026-12-06T10:00:00Z");
        QTest::addRow("a week of days")
            << "bucket=day&from=1796083200&to=1796688000" << 7 << utc("2026-12-01T00:00:00Z");
    }

    void emptySeriesCoversTheRange()
    {
        QFETCH(QString, query);
        QFETCH(int, buckets);
        QFETCH(QDateTime, first);
        const auto q = StatsQuery::parse(QUrlQuery(query), kNow);
        QVERIFY(q.ok());
        const QList<StatsBucket> series = emptySeries(q.value());
        QCOMPARE(series.size(), buckets);
        QCOMPARE(series.constFirst().start, first);
        for (qsizetype i = 1; i < series.size(); ++i)
            QCOMPARE(series.at(i - 1).start.secsTo(series.at(i).start), q->bucketSeconds());
        QVERIFY(series.constLast().start < q->to);
        QVERIFY(series.constLast().start.addSecs(q->bucketSeconds()) >= q->to);
    }

    void answerAddsTheBucketsUp()
    {
        Stats s;
        s.query =
            StatsQuery::parse(QUrlQuery("from=2026-12-07T09:00:00Z&to=2026-12-07T12:00:00Z"), kNow)
                .value();
        s.series = emptySeries(s.query);
        QCOMPARE(s.series.size(), 3);
        s.series[0].success = 3;
        s.series[0].failed = 1;
        s.series[0].upi = 4;
        s.series[0].volume = 30000;
        s.series[2].pending = 2;
        s.series[2].card = 2;
        s.series[2].webhooksFailed = 5;
        s.refundsPending = 1;
        s.refundsProcessed = 2;
        s.refundedAmount = 700;
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value("bucket").toString(), "hour");
        QCOMPARE(json.value("from").toString(), "2026-12-07T09:00:00.000Z");
        const QJsonObject totals = json.value("totals").toObject();
        QCOMPARE(totals.value("payments").toInteger(), 6);
        QCOMPARE(totals.value("payments_by_status").toObject().value("pending").toInteger(), 2);
        QCOMPARE(totals.value("payments_by_method").toObject().value("card").toInteger(), 2);
        QCOMPARE(totals.value("volume").toInteger(), 30000);
        QCOMPARE(totals.value("success_rate").toDouble(), 0.75);
        QCOMPARE(totals.value("refunds").toInteger(), 3);
        QCOMPARE(totals.value("refunded_amount").toInteger(), 700);
        QCOMPARE(totals.value("webhooks_by_status").toObject().value("failed").toInteger(), 5);
        QVERIFY(totals.value("jobs").isNull()); // Redis unreachable: no queue figures
        const QJsonArray series = json.value("series").toArray();
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.at(0).toObject().value("success_rate").toDouble(), 0.75);
        // Nothing decided in a bucket (none, or only pending): no rate rather than 0 or 100 %.
        QVERIFY(series.at(1).toObject().value("success_rate").isNull());
        QVERIFY(series.at(2).toObject().value("success_rate").isNull());
        QCOMPARE(series.at(2).toObject().value("start").toString(), "2026-12-07T11:00:00.000Z");
    }
};

QTEST_MAIN(TestStats)
#include "tst_stats.moc"
