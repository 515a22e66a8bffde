// Every table model of the console under QAbstractItemModelTester while it loads data from the
// API (FakeGateway, in process), pages through it, filters it and refreshes in place; and the
// values it shows.
#include "console/apifields.h"
#include "console/attemptsmodel.h"
#include "console/deliveriesmodel.h"
#include "console/money.h"
#include "console/overviewmodel.h"
#include "console/paymentsmodel.h"
#include "console/refundsmodel.h"
#include "fakegateway.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gw;
using namespace gw::console;

namespace {
constexpr auto kReport = QAbstractItemModelTester::FailureReportingMode::QtTest;
}

class TestModels : public QObject
{
    Q_OBJECT
    test::FakeGateway m_api;
    QStringList m_payments; // newest last
    QString m_refund;

private Q_SLOTS:
    void initTestCase()
    {
        m_api.connectAsTestMerchant();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int age = 3;
        for (const auto &[amount, method] :
             {std::pair{10000, PaymentMethod::Upi}, std::pair{20000, PaymentMethod::Card},
              std::pair{30000, PaymentMethod::Upi}})
            m_payments
                << m_api.addPayment(amount, method, PaymentStatus::Success, now.addSecs(-age--)).id;
        const auto refund = m_api.answer(
            {"POST", api::paymentRefunds(m_payments.at(2)), {}, {{api::field::amount, 5000}}});
        QCOMPARE(refund.status, 201);
        m_refund = refund.body.value(api::field::id).toString();
        // payment.created/pending/success for three payments and the refund's event, each
        // delivered at the first attempt.
        QStringList deliveries;
        for (int i = 0; i < 3; ++i)
            for (const char *event : {"payment.created", "payment.pending", "payment.success"})
                deliveries
                    << m_api.addDelivery(QString::fromLatin1(event), DeliveryStatus::Pending).id;
        deliveries
            << m_api.addDelivery(QStringLiteral("refund.created"), DeliveryStatus::Pending).id;
        for (const QString &id : std::as_const(deliveries))
            m_api.attemptDelivery(id, 200, QStringLiteral("{\"ok\":true}"));
    }

    void paymentsModel()
    {
        PaymentsModel model(&m_api);
        QAbstractItemModelTester tester(&model, kReport);
        model.setPageSize(2);
        QSignalSpy loaded(&model, &JsonTableModel::loaded);
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(model.total(), 3);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(PaymentsModel::ColumnCount));
        // Newest first.
        QCOMPARE(model.index(0, PaymentsModel::Id).data().toString(), m_payments.at(2));
        QCOMPARE(model.index(0, PaymentsModel::Amount).data().toString(),
                 QStringLiteral("₹300.00"));
        QCOMPARE(model.index(0, PaymentsModel::Amount).data(JsonTableModel::SortRole).toLongLong(),
                 30000);
        QCOMPARE(model.index(0, PaymentsModel::Status).data().toString(),
                 QStringLiteral("success"));
        QCOMPARE(model.index(0, PaymentsModel::Method).data().toString(),
                 QStringLiteral("upi: shopper@okbank"));
        QCOMPARE(model.index(1, PaymentsModel::Method).data().toString(),
                 QStringLiteral("card: visa ••1111"));
        QCOMPARE(model.headerData(PaymentsModel::Amount, Qt::Horizontal).toString(),
                 QStringLiteral("Amount"));

        QVERIFY(model.hasNextPage());
        model.nextPage();
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(model.offset(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, PaymentsModel::Id).data().toString(), m_payments.at(0));
        QVERIFY(!model.hasNextPage());

        model.setFilter(QStringLiteral("method"), QStringLiteral("card"));
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(model.offset(), 0);
        QCOMPARE(model.total(), 1);
        QCOMPARE(model.index(0, PaymentsModel::Id).data().toString(), m_payments.at(1));

        // A refresh with the same rows keeps them (no reset): the tester checks dataChanged.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QTRY_COMPARE(loaded.count(), 4);
        QCOMPARE(reset.count(), 0);
    }

    void paymentsModelReportsApiErrors()
    {
        test::FakeGateway wrong;
        wrong.setConnection(test::FakeGateway::url(), QStringLiteral("key_test_abc123"),
                            QStringLiteral("nope"));
        PaymentsModel model(&wrong);
        QAbstractItemModelTester tester(&model, kReport);
        QSignalSpy failed(&model, &JsonTableModel::loadFailed);
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Invalid API credentials"));
        QCOMPARE(model.rowCount(), 0);
    }

    void refundsModelFollowsTheStatus()
    {
        RefundsModel model(&m_api);
        QAbstractItemModelTester tester(&model, kReport);
        QSignalSpy loaded(&model, &JsonTableModel::loaded);
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RefundsModel::Id).data().toString(), m_refund);
        QCOMPARE(model.index(0, RefundsModel::PaymentId).data().toString(), m_payments.at(2));
        QCOMPARE(model.index(0, RefundsModel::Amount).data().toString(), QStringLiteral("₹50.00"));
        QCOMPARE(model.index(0, RefundsModel::Status).data().toString(), QStringLiteral("pending"));
        QVERIFY(model.anyPending());
        // pending → processed (the worker's part) through in-place refreshes
        m_api.processRefunds();
        QTRY_VERIFY_WITH_TIMEOUT(
            (model.refresh(),
             model.index(0, RefundsModel::Status).data().toString() == QStringLiteral("processed")),
            30000);
        QVERIFY(!model.anyPending());
        QVERIFY(!model.index(0, RefundsModel::Processed).data().toString().isEmpty());
    }

    void deliveriesAndAttemptsModels()
    {
        DeliveriesModel model(&m_api);
        QAbstractItemModelTester tester(&model, kReport);
        // payment.created/pending/success for three payments and refund events, delivered to the
        // receiver
        QTRY_VERIFY_WITH_TIMEOUT(
            (model.refresh(), model.total() >= 9 && model.rowCount() > 0 &&
                                  model.index(0, DeliveriesModel::Status).data().toString() ==
                                      QStringLiteral("success")),
            30000);
        QCOMPARE(model.index(0, DeliveriesModel::Attempts).data().toInt(), 1);
        QCOMPARE(model.index(0, DeliveriesModel::ResponseCode).data().toString(),
                 QStringLiteral("200"));

        model.setFilter(QStringLiteral("status"), QStringLiteral("failed"));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        model.setFilter(QStringLiteral("status"), QString());
        QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);

        const QString id = model.rowObject(0).value(QStringLiteral("id")).toString();
        const auto detail = m_api.answer({"GET", api::webhook(id), {}, {}});
        QCOMPARE(detail.status, 200);
        AttemptsModel attempts;
        QAbstractItemModelTester attemptsTester(&attempts, kReport);
        attempts.setDelivery(detail.body);
        QCOMPARE(attempts.rowCount(), 1);
        QCOMPARE(attempts.index(0, AttemptsModel::Number).data().toInt(), 1);
        QCOMPARE(attempts.index(0, AttemptsModel::ResponseCode).data().toString(),
                 QStringLiteral("200"));
        QVERIFY(attempts.index(0, AttemptsModel::Response)
                    .data()
                    .toString()
                    .contains(QStringLiteral("ok")));
        attempts.clear();
        QCOMPARE(attempts.rowCount(), 0);
    }

    void overviewModel()
    {
        OverviewModel model(&m_api);
        QAbstractItemModelTester tester(&model, kReport);
        QSignalSpy refreshed(&model, &OverviewModel::refreshed);
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);
        QCOMPARE(model.rowCount(), int(OverviewModel::MetricCount));
        QCOMPARE(model.value(OverviewModel::Payments), QStringLiteral("3"));
        QCOMPARE(model.value(OverviewModel::Successful), QStringLiteral("3"));
        QCOMPARE(model.value(OverviewModel::Volume), Money::format(60000));
        QCOMPARE(model.value(OverviewModel::SuccessRate), QStringLiteral("100.0 %"));
        QCOMPARE(model.value(OverviewModel::Refunds), QStringLiteral("1"));
        QCOMPARE(model.value(OverviewModel::Worker), QStringLiteral("running"));
        QCOMPARE(model.index(OverviewModel::Payments, OverviewModel::Name).data().toString(),
                 QStringLiteral("Payments"));
        // A second refresh changes nothing structural.
        model.refresh();
        QTRY_COMPARE(refreshed.count(), 2);
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
