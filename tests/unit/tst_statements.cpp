// The store's statements kept as .sql files (shared/store/sql/, store/statements.h): every file
// is compiled in and read whole, without its comments, with the column lists filled in and as
// many `?` as its caller binds values. PostgreSQL runs them in the integration suites.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "store/jobstore.h"
#include "store/rows.h"
#include "store/statements.h"

#include <QDir>
#include <QTest>

using namespace gw;

namespace {
// The values each statement's caller binds: arrays and single values.
const QMap<QString, int> kValues{
    {"payment_batch", 19 + 4},    {"payment_written", 9},   {"refund_batch", 12 + 2},
    {"refund_written", 4},        {"refund_refusals", 2},   {"event_batch", 5},
    {"lock_pending_payments", 1}, {"complete_payments", 3}, {"complete_refunds", 1},
};
} // namespace

class TestStatements : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFileIsKnown()
    {
        QStringList files;
        for (const QString &file : QDir(":/sql").entryList({"*.sql"}, QDir::Files))
            files << file.chopped(4);
        files.sort();
        QCOMPARE(files, kValues.keys());
    }

    void readWhole_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("values");
        for (auto it = kValues.begin(); it != kValues.end(); ++it)
            QTest::addRow("%s", qPrintable(it.key())) << it.key() << it.value();
    }

    void readWhole()
    {
        QFETCH(QString, name);
        QFETCH(int, values);
        const QString sql = store::statement(name);
        QVERIFY(sql.startsWith("WITH ") || sql.startsWith("SELECT "));
        QCOMPARE(sql.count(u'?'), values);
        for (const QString &line : sql.split(u'\n')) {
            QVERIFY2(!line.isEmpty() && line == line.trimmed(), qPrintable(line));
            QVERIFY2(!line.startsWith("--"), qPrintable(line));
        }
        QVERIFY2(!sql.contains(u'{') && !sql.contains(u'}'), qPrintable(sql)); // markers filled
    }

    void columnListsFilledIn()
    {
        QVERIFY(store::statement(u"complete_payments")
                    .contains("RETURNING " + store::paymentColumns() + "),"));
        QVERIFY(store::statement(u"complete_refunds")
                    .contains("RETURNING " + store::refundColumns() + "),"));
    }

    // The completion marks its batch's jobs done with the same UPDATE as JobStore::markDone.
    void jobsDoneFilledIn()
    {
        QVERIFY(store::statement(u"complete_payments")
                    .contains("j AS (" + store::jobsDoneStatement() + ")"));
    }

    void unknownNameIsEmpty()
    {
        QTest::ignoreMessage(QtCriticalMsg, "no statement no_such_statement among the resources");
        QVERIFY(store::statement(u"no_such_statement").isEmpty());
    }
};

QTEST_MAIN(TestStatements)
#include "tst_statements.moc"
