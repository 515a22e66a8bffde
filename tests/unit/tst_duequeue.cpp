// The worker's queue of jobs waiting for their moment, without Redis: whatever is due leaves in
// one batch, earliest first and in arrival order among equals; what is not due stays until it is
// (or until takeAll on shutdown).
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "worker/duequeue.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace gw;
using namespace gw::worker;

namespace {
queue::QueuedJob job(const QByteArray &entryId)
{
    return queue::QueuedJob{entryId, {}};
}

QByteArrayList entryIds(const QList<DueQueue::Item> &items)
{
    QByteArrayList ids;
    for (const DueQueue::Item &i : items)
        ids << i.job.entryId;
    return ids;
}
} // namespace

class TestDueQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dueLeavesInOrder_data()
    {
        QTest::addColumn<QByteArrayList>("added"); // entry ids, in the order they are added
        QTest::addColumn<QList<int>>("agesMs");    // how long ago each was due
        QTest::addColumn<QByteArrayList>("batch"); // the one batch that leaves
        QTest::addRow("one") << QByteArrayList{"1-0"} << QList<int>{0} << QByteArrayList{"1-0"};
        QTest::addRow("earliest first")
            << QByteArrayList{"1-0", "2-0", "3-0"} << QList<int>{10, 3000, 200}
            << QByteArrayList{"2-0", "3-0", "1-0"};
        QTest::addRow("equal dues keep their arrival order")
            << QByteArrayList{"1-0", "2-0", "3-0", "4-0"} << QList<int>{50, 50, 900, 50}
            << QByteArrayList{"3-0", "1-0", "2-0", "4-0"};
    }

    void dueLeavesInOrder()
    {
        QFETCH(QByteArrayList, added);
        QFETCH(QList<int>, agesMs);
        QFETCH(QByteArrayList, batch);
        DueQueue queue;
        QSignalSpy due(&queue, &DueQueue::due);
        // A fixed moment in the past: every job is due now, and its due time is exact.
        const qint64 now = QDateTime::currentMSecsSinceEpoch() - 10'000;
        for (qsizetype i = 0; i < added.size(); ++i)
            queue.add(job(added.at(i)), now - agesMs.at(i));
        QCOMPARE(queue.size(), added.size());
        QVERIFY(due.wait(10'000));
        QCOMPARE(due.count(), 1);
        QCOMPARE(entryIds(due.at(0).at(0).value<QList<DueQueue::Item>>()), batch);
        QCOMPARE(queue.size(), 0);
    }

    void notYetDueStays()
    {
        DueQueue queue;
        QSignalSpy due(&queue, &DueQueue::due);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        queue.add(job("later-0"), now + 3'600'000, 0.25);
        queue.add(job("now-0"), now - 1, 0.5);
        QVERIFY(due.wait(10'000));
        const auto items = due.at(0).at(0).value<QList<DueQueue::Item>>();
        QCOMPARE(entryIds(items), QByteArrayList{"now-0"});
        QCOMPARE(items.at(0).draw, 0.5); // the draw travels with its job
        QCOMPARE(queue.size(), 1);

        // Shutdown takes what waits; nothing leaves afterwards.
        const QList<queue::QueuedJob> rest = queue.takeAll();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.at(0).entryId, QByteArray("later-0"));
        QCOMPARE(queue.size(), 0);
        queue.add(job("after-0"), now - 1);
        QVERIFY(due.wait(10'000));
        QCOMPARE(entryIds(due.at(1).at(0).value<QList<DueQueue::Item>>()),
                 QByteArrayList{"after-0"});
    }
};

QTEST_MAIN(TestDueQueue)
#include "tst_duequeue.moc"
