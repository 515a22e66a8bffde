// A list endpoint's query string parsed without a server: limit and offset bounds, filters checked
// against their allowed values, sort and order, and from/to as ISO-8601 or unix seconds. The query
// strings tst_api_badinput used to send over HTTP are rows here.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/listquery.h"

#include <QTest>

using namespace gw;

namespace {
// QVERIFY2 evaluates its message even when the check holds: the error's sentence, or nothing.
template <typename T> QByteArray why(const Result<T> &r)
{
    return r ? QByteArray() : r.error().description.toUtf8();
}
// The filters of the payments list (with dates) and of the refunds list (without).
const QMap<QString, QStringList> kPaymentFilters{{"status", {"pending", "success", "failed"}},
                                                 {"method", {"upi", "card"}}};
const QMap<QString, QStringList> kRefundFilters{{"status", {"pending", "processed"}}};

Result<ListQuery> parse(const QString &query, bool payments = true,
                        const QList<SortKey> &sortable = {SortKey::CreatedAt, SortKey::Amount,
                                                          SortKey::Status})
{
    return ListQuery::parse(QUrlQuery(query), payments ? kPaymentFilters : kRefundFilters, payments,
                            sortable);
}
} // namespace

class TestListQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejected_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("payments"); // false: the refunds list, no from/to
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("description");
        const QString limit = "limit must be an integer between 1 and 100";
        const QString offset = "offset must be an integer between 0 and 1000000000";
        QTest::addRow("limit letters") << "limit=abc" << true << "limit" << limit;
        QTest::addRow("limit exponent") << "limit=1e2" << true << "limit" << limit;
        QTest::addRow("limit zero") << "limit=0" << true << "limit" << limit;
        QTest::addRow("limit 101") << "limit=101" << true << "limit" << limit;
        QTest::addRow("limit empty") << "limit=" << true << "limit" << limit;
        QTest::addRow("offset overflow")
            << "offset=99999999999999999999999" << false << "offset" << offset;
        QTest::addRow("offset negative") << "offset=-1" << true << "offset" << offset;
        QTest::addRow("status injection")
            << "status=%27;DROP%20TABLE%20refunds;--" << false << "status"
            << "status must be one of: pending, processed";
        QTest::addRow("status of another list") << "status=success" << false << "status"
                                                << "status must be one of: pending, processed";
        QTest::addRow("method filter bogus") << "method=cash" << true << "method"
                                             << "method must be one of: upi, card";
        QTest::addRow("method filter empty") << "method=" << true << "method"
                                             << "method must be one of: upi, card";
        QTest::addRow("sort bogus") << "sort=id" << true << "sort"
                                    << "sort must be one of: created_at, amount, status";
        QTest::addRow("order sideways") << "order=up" << true << "order"
                                        << "order must be one of: asc, desc";
        const QString to = "to must be an ISO-8601 time or unix seconds";
        const QString from = "from must be an ISO-8601 time or unix seconds";
        QTest::addRow("to garbage") << "to=2024-13-45" << true << "to" << to;
        QTest::addRow("to words") << "to=yesterday" << true << "to" << to;
        QTest::addRow("from negative seconds") << "from=-1" << true << "from" << from;
        QTest::addRow("from beyond 9999") << "from=253402300800" << true << "from" << from;
    }

    void rejected()
    {
        QFETCH(QString, query);
        QFETCH(bool, payments);
        QFETCH(QString, field);
        QFETCH(QString, description);
        const auto r = parse(query, payments);
        QVERIFY2(!r.ok(), "accepted");
        QCOMPARE(r.error().code, ErrorCode::BadRequest);
        QCOMPARE(r.error().field, field);
        QCOMPARE(r.error().description, description);
    }

    void defaults()
    {
        const auto r = parse({});
        QVERIFY(r.ok());
        QCOMPARE(r->limit, ListQuery::kDefaultLimit);
        QCOMPARE(r->offset, qint64(0));
        QVERIFY(r->filters.isEmpty());
        QVERIFY(!r->from.isValid());
        QVERIFY(!r->to.isValid());
        QCOMPARE(r->sort, SortKey::CreatedAt);
        QVERIFY(!r->ascending);
    }

    void accepted()
    {
        const auto r = parse("limit=100&offset=1000000000&status=failed&method=card&sort=amount&"
                             "order=asc&colour=blue");
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->limit, 100);
        QCOMPARE(r->offset, qint64(1000000000));
        QCOMPARE(r->filter("status"), QString("failed"));
        QCOMPARE(r->filter("method"), QString("card"));
        QCOMPARE(r->filters.size(), 2);
        QCOMPARE(r->sort, SortKey::Amount);
        QVERIFY(r->ascending);
        QCOMPARE(parse("limit=1")->limit, 1);
        QCOMPARE(parse("sort=status&order=desc")->sort, SortKey::Status);
    }

    void datesOnlyWhereTheListHasThem()
    {
        QVERIFY(parse("from=garbage", false).ok());
        QVERIFY(!parse("from=garbage", true).ok());
    }

    void sortOnlyByWhatTheListSorts()
    {
        const auto r = parse("sort=amount", true, {SortKey::CreatedAt});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().field, QString("sort"));
        QCOMPARE(r.error().description, QString("sort must be one of: created_at"));
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("utc");
        const QDateTime t(QDate(2024, 5, 6), QTime(7, 8, 9), Qt::UTC);
        QTest::addRow("unix seconds") << QString::number(t.toSecsSinceEpoch()) << t;
        QTest::addRow("zero") << "0" << QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        QTest::addRow("Z") << "2024-05-06T07:08:09Z" << t;
        QTest::addRow("no zone is UTC") << "2024-05-06T07:08:09" << t;
        QTest::addRow("offset") << "2024-05-06T12:38:09%2B05:30" << t;
        QTest::addRow("milliseconds") << "2024-05-06T07:08:09.250Z" << t.addMSecs(250);
    }

    void times()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, utc);
        const auto r = queryTime(QUrlQuery("from=" + text), "from");
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r.value(), utc);
        QCOMPARE(r->timeSpec(), Qt::UTC);
        QVERIFY(!queryTime(QUrlQuery(), "from")->isValid());
    }

    void sortKeyNames()
    {
        QCOMPARE(sortKeyName(SortKey::CreatedAt), QString("created_at"));
        QCOMPARE(sortKeyName(SortKey::Amount), QString("amount"));
        QCOMPARE(sortKeyName(SortKey::Status), QString("status"));
    }

    void page()
    {
        ListQuery q;
        q.limit = 5;
        q.offset = 10;
        const QJsonObject p = pageJson(QJsonArray{1, 2}, 12, q);
        QCOMPARE(p.value("data").toArray(), (QJsonArray{1, 2}));
        QCOMPARE(p.value("total").toInteger(), 12);
        QCOMPARE(p.value("limit").toInt(), 5);
        QCOMPARE(p.value("offset").toInteger(), 10);
    }
};

QTEST_GUILESS_MAIN(TestListQuery)
#include "tst_listquery.moc"
