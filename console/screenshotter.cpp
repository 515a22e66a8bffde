#include "console/screenshotter.h"
#include "console/apiclient.h"
#include "console/apifields.h"
#include "console/connectionpage.h"
#include "console/deliveriesmodel.h"
#include "console/mainwindow.h"
#include "console/paymentsmodel.h"
#include "console/paymentspage.h"
#include "console/webhookspage.h"

#include "console/datatableview.h"
#include <QPixmap>
#include <QTimer>

namespace gw::console {

namespace {
constexpr int kSettleMs = 1500; // after the last reply, for layouts and live refreshes
constexpr int kMaxWaitMs = 15000;
constexpr int kPollMs = 100;
} // namespace

Screenshotter::Screenshotter(MainWindow *window, ApiClient *api, const QDir &dir, QObject *parent)
    : QObject(parent), m_window(window), m_api(api), m_dir(dir)
{
}

void Screenshotter::start()
{
    m_dir.mkpath(QStringLiteral("."));
    // The connection page first, as the operator sees it before connecting; then connect and
    // go through the other pages.
    ConnectionPage *page = m_window->connectionPage();
    connect(page, &ConnectionPage::connected, this, [this] { shoot(MainWindow::Overview); });
    connect(page, &ConnectionPage::connectionFailed, this,
            [this](const QString &why) { Q_EMIT finished(m_written, why); });
    shoot(MainWindow::Connection);
}

void Screenshotter::shoot(int page)
{
    if (page >= MainWindow::PageCount) {
        Q_EMIT finished(m_written, {});
        return;
    }
    m_window->showPage(MainWindow::Page(page));
    whenSettled([this, page] {
        prepare(page);
        whenSettled([this, page] {
            const QString file = m_dir.filePath(
                QStringLiteral("console-%1.png").arg(MainWindow::pageName(MainWindow::Page(page))));
            if (m_window->grab().save(file))
                ++m_written;
            if (page == MainWindow::Connection)
                m_window->connectionPage()->connectToApi(); // continues in the connected() handler
            else
                shoot(page + 1);
        });
    });
}

void Screenshotter::prepare(int page)
{
    // Show a row's details where the page has them: a failed delivery (with its Retry button),
    // a payment that has been refunded.
    const auto firstRow = [](const JsonTableModel *model,
                             const std::function<bool(const QJsonObject &)> &wanted) {
        for (int row = 0; row < model->rowCount(); ++row)
            if (wanted(model->rowObject(row)))
                return model->rowObject(row).value(api::field::id).toString();
        return model->rowCount() ? model->rowObject(0).value(api::field::id).toString() : QString();
    };
    if (page == MainWindow::Payments) {
        PaymentsPage *p = m_window->paymentsPage();
        p->view()->setFocus();
        p->selectPayment(firstRow(p->model(), [](const QJsonObject &o) {
            return o.value(api::field::amountRefunded).toInteger() > 0;
        }));
    } else if (page == MainWindow::Webhooks) {
        WebhooksPage *p = m_window->webhooksPage();
        p->view()->setFocus();
        p->selectDelivery(firstRow(p->model(), [](const QJsonObject &o) {
            return o.value(api::field::status).toString() == api::field::failed;
        }));
    }
}

void Screenshotter::whenSettled(std::function<void()> next, int waitedMs)
{
    // Settled: nothing in flight for kSettleMs, or kMaxWaitMs in all.
    QTimer::singleShot(kPollMs, this, [this, next = std::move(next), waitedMs]() mutable {
        m_quietMs = m_api->requestsInFlight() == 0 ? m_quietMs + kPollMs : 0;
        if (m_quietMs >= kSettleMs || waitedMs >= kMaxWaitMs) {
            m_quietMs = 0;
            next();
            return;
        }
        whenSettled(std::move(next), waitedMs + kPollMs);
    });
}

} // namespace gw::console
