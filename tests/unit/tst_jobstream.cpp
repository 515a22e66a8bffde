// Reading the job stream's entries without Redis: XREADGROUP's [[id, [field, value, …]], …] into
// jobs, whatever the field order; an entry that is not a whole job is skipped, not guessed (the
// job kinds' names both ways are in tst_enums).
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "queue/jobstream.h"

#include <QTest>

using namespace gw;
using namespace gw::queue;

namespace {
QVariant entry(const QByteArray &id, const QByteArrayList &fields)
{
    QVariantList flat;
    for (const QByteArray &f : fields)
        flat << f;
    return QVariantList{id, flat};
}

// "entry id: kind id subject" per parsed job.
QStringList described(const QList<QueuedJob> &jobs)
{
    QStringList out;
    for (const QueuedJob &q : jobs)
        out << QString::fromLatin1(q.entryId) + ": " + stringOf(q.job.kind) + ' ' + q.job.id + ' ' +
                   q.job.subjectId;
    return out;
}
} // namespace

class TestJobStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsed_data()
    {
        QTest::addColumn<QVariantList>("entries");
        QTest::addColumn<QStringList>("jobs");
        QTest::addRow("one payment")
            << QVariantList{entry("1-0", {"id", "job_a", "kind", "payment", "subject", "pay_a"})}
            << QStringList{"1-0: payment job_a pay_a"};
        QTest::addRow("any field order, extra fields ignored")
            << QVariantList{entry(
                   "2-0", {"subject", "rfnd_b", "attempt", "3", "kind", "refund", "id", "job_b"})}
            << QStringList{"2-0: refund job_b rfnd_b"};
        QTest::addRow("a webhook's subject is its log's uuid")
            << QVariantList{entry("3-1", {"id", "job_c", "kind", "webhook", "subject",
                                          "6f1c2d3e-0000-4000-8000-000000000001"})}
            << QStringList{"3-1: webhook job_c 6f1c2d3e-0000-4000-8000-000000000001"};
        QTest::addRow("malformed ones skipped, the rest kept")
            << QVariantList{entry("4-0", {"kind", "payment", "subject", "pay_x"}), // no id
                            entry("4-1", {"id", "job_y", "kind", "payment"}),      // no subject
                            entry("4-2", {"id", "job_z", "kind", "refund_v2", "subject", "r"}),
                            entry("4-3", {"id", "job_ok", "kind", "payment", "subject", "pay_ok"}),
                            entry("4-4", {"id", "job_odd", "kind", "payment", "subject"}),
                            QVariantList{"4-5"}, // no field list at all
                            QVariant()}
            << QStringList{"4-3: payment job_ok pay_ok"};
        QTest::addRow("nothing") << QVariantList{} << QStringList{};
    }

    void parsed()
    {
        QFETCH(QVariantList, entries);
        QFETCH(QStringList, jobs);
        QCOMPARE(described(parseEntries(entries)), jobs);
    }
};

QTEST_MAIN(TestJobStream)
#include "tst_jobstream.moc"
