// The overview against the API (FakeGateway, in process): with 5,200 payments (more than the old
// 5,000-row cap) its numbers equal the counts of the payments made, the range selector changes
// what GET /api/v1/stats is asked, and every chart series is the API's answer for that same query,
// bucket by bucket.
#include "console/apifields.h"
#include "console/money.h"
#include "console/overviewcharts.h"
#include "console/overviewmodel.h"
#include "console/overviewpage.h"
#include "fakegateway.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace gw;
using namespace gw::console;

class TestOverview : public QObject
{
    Q_OBJECT
    test::FakeGateway m_api;
    std::unique_ptr<OverviewPage> m_page;

    // The count (or, with `amount`, the sum) of the payments made in the last day that `matches`.
    qint64 lastDay(const std::function<bool(const Payment &)> &matches, bool amount = false) const
    {
        const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
        qint64 n = 0;
        for (const Payment &p : m_api.payments())
            if (p.createdAt >= dayAgo && matches(p))
                n += amount ? p.amount : 1;
        return n;
    }

    QLineSeries *line(const QString &chart, const QString &name)
    {
        for (QAbstractSeries *s : m_page->charts()->chart(chart)->series())
            if (s->objectName() == name)
                return qobject_cast<QLineSeries *>(s);
        return nullptr;
    }

    // Runs one refresh with the page's current range, then returns the API's answer to the same
    // query.
    QJsonObject refreshedAnswer()
    {
        OverviewModel *model = m_page->model();
        if (!QTest::qWaitFor([model] { return !model->isRefreshing(); }, 20000))
            return {};
        QSignalSpy changed(model, &OverviewModel::statsChanged);
        m_page->refresh();
        if (!QTest::qWaitFor([&changed] { return changed.count() > 0; }, 20000))
            return {};
        return m_api.answer({"GET", api::stats(), model->statsQuery(), {}}).body;
    }

    // Every chart series against the API's series for the same query.
    void compareCharts(const QJsonObject &api)
    {
        const QJsonArray series = api.value(QStringLiteral("series")).toArray();
        QVERIFY(!series.isEmpty());
        QChart *payments = m_page->charts()->chart(QStringLiteral("payments"));
        QMap<QString, QAreaSeries *> areas;
        for (QAbstractSeries *s : payments->series())
            areas.insert(s->objectName(), qobject_cast<QAreaSeries *>(s));
        QLineSeries *volume = line(QStringLiteral("volume"), QStringLiteral("volume"));
        QLineSeries *hooksOk = line(QStringLiteral("webhooks"), QStringLiteral("webhooks.success"));
        QLineSeries *hooksFailed =
            line(QStringLiteral("webhooks"), QStringLiteral("webhooks.failed"));
        QLineSeries *rate = line(QStringLiteral("successRate"), QStringLiteral("successRate"));
        QCOMPARE(volume->count(), 2 * series.size());
        int rated = 0;
        for (qsizetype i = 0; i < series.size(); ++i) {
            const QJsonObject b = series.at(i).toObject();
            const QJsonObject p = b.value(QStringLiteral("payments")).toObject();
            const qint64 start = QDateTime::fromString(b.value(QStringLiteral("start")).toString(),
                                                       Qt::ISODateWithMs)
                                     .toMSecsSinceEpoch();
            for (const QString &status :
                 {QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("pending")}) {
                QAreaSeries *area = areas.value(QStringLiteral("payments.") + status);
                QVERIFY(area);
                const double lower = area->lowerSeries() ? area->lowerSeries()->at(2 * i).y() : 0.0;
                QCOMPARE(area->upperSeries()->at(2 * i).x(), double(start));
                QCOMPARE(qint64(area->upperSeries()->at(2 * i).y() - lower),
                         p.value(status).toInteger());
            }
            QCOMPARE(volume->at(2 * i).y(),
                     double(b.value(QStringLiteral("volume")).toInteger()) / 100.0);
            const QJsonObject w = b.value(QStringLiteral("webhooks")).toObject();
            QCOMPARE(qint64(hooksOk->at(2 * i).y()),
                     w.value(QStringLiteral("success")).toInteger());
            QCOMPARE(qint64(hooksFailed->at(2 * i).y()),
                     w.value(QStringLiteral("failed")).toInteger());
            if (b.value(QStringLiteral("success_rate")).isDouble()) {
                QVERIFY(rated < rate->count());
                QCOMPARE(rate->at(rated++).y(),
                         100.0 * b.value(QStringLiteral("success_rate")).toDouble());
            }
        }
        QCOMPARE(rate->count(), rated);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // 5,200 payments over the last 50 minutes, and 40 a few days ago (in the week, not the
        // day).
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QList<PaymentStatus> statuses{PaymentStatus::Success, PaymentStatus::Success,
                                            PaymentStatus::Failed, PaymentStatus::Pending,
                                            PaymentStatus::Success};
        for (int i = 1; i <= 5240; ++i)
            m_api.addPayment(100 + i % 900, PaymentMethod::Upi, statuses.at(i % 5),
                             i > 5200 ? now.addDays(-3) : now.addSecs(-(i % 3000)));
        const QList<DeliveryStatus> hookStatuses{DeliveryStatus::Success, DeliveryStatus::Failed,
                                                 DeliveryStatus::Success};
        for (int i = 1; i <= 700; ++i)
            m_api.addDelivery(QStringLiteral("payment.success"), hookStatuses.at(i % 3),
                              now.addSecs(-(i % 3000)));
        QCOMPARE(m_api.payments().size(), 5240);
        m_api.connectAsTestMerchant();
        m_page = std::make_unique<OverviewPage>(&m_api);
        m_page->setRefreshInterval(3600000); // the test refreshes when it wants to
        m_page->resize(1280, 900);
        m_page->show();
    }

    void numbersEqualTheDatabase()
    {
        OverviewModel *model = m_page->model();
        QCOMPARE(model->range(), OverviewModel::LastDay);
        const QJsonObject api = refreshedAnswer();
        QVERIFY(!api.isEmpty());
        QCOMPARE(model->value(OverviewModel::Payments),
                 QLocale().toString(lastDay([](const Payment &) { return true; })));
        QCOMPARE(model->value(OverviewModel::Payments), QLocale().toString(5200));
        for (const auto &[metric, status] :
             {std::pair{OverviewModel::Successful, PaymentStatus::Success},
              std::pair{OverviewModel::Failed, PaymentStatus::Failed},
              std::pair{OverviewModel::Pending, PaymentStatus::Pending}})
            QCOMPARE(model->value(metric),
                     QLocale().toString(
                         lastDay([s = status](const Payment &p) { return p.status == s; })));
        const auto success = [](const Payment &p) { return p.status == PaymentStatus::Success; };
        QCOMPARE(model->value(OverviewModel::Volume), Money::format(lastDay(success, true)));
        auto *card = m_page->findChild<QLabel *>(
            QStringLiteral("metric_%1").arg(int(OverviewModel::Payments)));
        QCOMPARE(card->text(), model->value(OverviewModel::Payments));
        compareCharts(api);
    }

    void rangeSelectorDrivesTheQuery()
    {
        auto *range = m_page->findChild<QComboBox *>(QStringLiteral("rangeSelector"));
        range->setCurrentIndex(range->findData(OverviewModel::LastHour));
        QJsonObject api = refreshedAnswer();
        QCOMPARE(api.value(QStringLiteral("bucket")).toString(), QStringLiteral("minute"));
        const qsizetype minutes = api.value(QStringLiteral("series")).toArray().size();
        QVERIFY2(minutes == 60 || minutes == 61, qPrintable(QString::number(minutes)));
        compareCharts(api);

        range->setCurrentIndex(range->findData(OverviewModel::LastWeek));
        api = refreshedAnswer();
        QCOMPARE(api.value(QStringLiteral("bucket")).toString(), QStringLiteral("hour"));
        QCOMPARE(m_page->model()->value(OverviewModel::Payments), QLocale().toString(5240));
        compareCharts(api);

        // Custom: the two date-time fields appear, and their range is what the API is asked.
        auto *from = m_page->findChild<QDateTimeEdit *>(QStringLiteral("rangeFrom"));
        auto *to = m_page->findChild<QDateTimeEdit *>(QStringLiteral("rangeTo"));
        QVERIFY(from->isHidden());
        range->setCurrentIndex(range->findData(OverviewModel::Custom));
        QVERIFY(!from->isHidden() && !to->isHidden());
        QDateTime end = QDateTime::currentDateTime();
        end = QDateTime(end.date(), QTime(end.time().hour(), end.time().minute())).addSecs(120);
        to->setDateTime(end);
        from->setDateTime(end.addSecs(-4 * 3600));
        api = refreshedAnswer();
        QCOMPARE(api.value(QStringLiteral("bucket")).toString(), QStringLiteral("minute"));
        QCOMPARE(
            QDateTime::fromString(api.value(QStringLiteral("from")).toString(), Qt::ISODateWithMs),
            end.addSecs(-4 * 3600).toUTC());
        QCOMPARE(m_page->model()->value(OverviewModel::Payments), QLocale().toString(5200));
        compareCharts(api);
    }

    void queueDepthIsSampledAtEachRefresh()
    {
        const qsizetype before = m_page->model()->queueSamples().size();
        QVERIFY(before >= 3);
        refreshedAnswer();
        QCOMPARE(m_page->model()->queueSamples().size(), before + 1);
        QCOMPARE(line(QStringLiteral("queue"), QStringLiteral("queue.queued"))->count(),
                 int(before + 1));
    }

    void cleanupTestCase() { m_page.reset(); }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
