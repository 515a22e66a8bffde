// Object ids: prefix + 16 characters of [A-Za-z0-9], unpredictable and evenly spread.
#include "core/ids.h"

#include <QSet>
#include <QTest>

using namespace gw;

class TestIds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shape_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("prefix");
        QTest::addRow("order") << ids::order() << "order_";
        QTest::addRow("payment") << ids::payment() << "pay_";
        QTest::addRow("refund") << ids::refund() << "rfnd_";
        QTest::addRow("event") << ids::event() << "evt_";
        QTest::addRow("job") << ids::job() << "job_";
    }

    void shape()
    {
        QFETCH(QString, id);
        QFETCH(QString, prefix);
        QCOMPARE(id.size(), prefix.size() + 16);
        QVERIFY(ids::isValid(id, prefix));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addRow("good") << "pay_AbCdEfGh12345678" << true;
        QTest::addRow("short") << "pay_AbCdEfGh1234567" << false;
        QTest::addRow("long") << "pay_AbCdEfGh123456789" << false;
        QTest::addRow("symbol") << "pay_AbCdEfGh1234567-" << false;
        QTest::addRow("wrong prefix") << "ord_AbCdEfGh12345678" << false;
        QTest::addRow("unicode") << QStringLiteral("pay_AbCdEfGh1234567é") << false;
    }

    void validation()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(ids::isValid(id, u"pay_"), valid);
    }

    void unique()
    {
        QSet<QString> seen;
        for (int i = 0; i < 20000; ++i)
            seen.insert(ids::payment());
        QCOMPARE(seen.size(), 20000);
    }

    void everyCharacterAppears()
    {
        // 62 symbols over 16,000 draws: a biased or truncated alphabet would leave some out.
        QSet<QChar> chars;
        for (int i = 0; i < 1000; ++i)
            for (QChar c : ids::make(u""))
                chars.insert(c);
        QCOMPARE(chars.size(), 62);
    }
};

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
