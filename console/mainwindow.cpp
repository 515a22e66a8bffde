#include "console/mainwindow.h"
#include "console/apiclient.h"
#include "console/connectionpage.h"
#include "console/docspage.h"
#include "console/overviewpage.h"
#include "console/paymentspage.h"
#include "console/refundspage.h"
#include "console/webhookspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

namespace gw::console {

MainWindow::MainWindow(ApiClient *api, QSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_api(api), m_settings(settings), m_nav(new QListWidget(this)),
      m_stack(new QStackedWidget(this)), m_connectionLabel(new QLabel(this)),
      m_busyLabel(new QLabel(this)), m_connection(new ConnectionPage(api, settings, this)),
      m_overview(new OverviewPage(api, this)), m_payments(new PaymentsPage(api, this)),
      m_refunds(new RefundsPage(api, this)), m_webhooks(new WebhooksPage(api, this)),
      m_docs(new DocsPage(api, this))
{
    setWindowTitle(tr("Payment Gateway Console"));
    const QList<QPair<QWidget *, QStyle::StandardPixmap>> pages = {
        {m_connection, QStyle::SP_DriveNetIcon},
        {m_overview, QStyle::SP_ComputerIcon},
        {m_payments, QStyle::SP_FileDialogDetailedView},
        {m_refunds, QStyle::SP_BrowserReload},
        {m_webhooks, QStyle::SP_CommandLink},
        {m_docs, QStyle::SP_FileDialogInfoView},
    };
    const QStringList titles = {tr("Connection"), tr("Overview"), tr("Payments"),
                                tr("Refunds"),    tr("Webhooks"), tr("Docs")};
    for (int i = 0; i < PageCount; ++i) {
        m_stack->addWidget(pages.at(i).first);
        auto *item =
            new QListWidgetItem(style()->standardIcon(pages.at(i).second), titles.at(i), m_nav);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(titles.at(i)).arg(i + 1));
    }
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setIconSize(QSize(22, 22));
    m_nav->setSpacing(2);
    m_nav->setFixedWidth(170);
    m_nav->setCurrentRow(Connection);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    buildMenus();

    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_connection, &ConnectionPage::connected, this, [this] {
        setConnected(true);
        showPage(Overview);
    });
    connect(m_connection, &ConnectionPage::connectionFailed, this, [this] { setConnected(false); });
    connect(m_api, &ApiClient::busyChanged, this,
            [this](bool busy) { m_busyLabel->setText(busy ? tr("Loading…") : QString()); });
    connect(m_api, &ApiClient::requestFailed, this,
            [this](const ApiResponse &r) { statusBar()->showMessage(r.errorDescription, 8000); });
    setConnected(false);
    resize(1360, 860);
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
}

QString MainWindow::pageName(Page page)
{
    static const QStringList names = {QStringLiteral("connection"), QStringLiteral("overview"),
                                      QStringLiteral("payments"),   QStringLiteral("refunds"),
                                      QStringLiteral("webhooks"),   QStringLiteral("docs")};
    return names.value(page);
}

void MainWindow::showPage(Page page)
{
    if (m_nav->item(page)->flags() & Qt::ItemIsEnabled)
        m_nav->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_stack->currentIndex());
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < PageCount; ++i) {
        QAction *action =
            go->addAction(m_nav->item(i)->text(), this, [this, i] { showPage(Page(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About"),
                           tr("<b>Payment Gateway Console</b> %1<p>Operator console for the "
                              "payment gateway's REST "
                              "API.</p><p>Settings: %2</p>")
                               .arg(QApplication::applicationVersion(), m_settings->fileName()));
    });
}

void MainWindow::setConnected(bool connected)
{
    for (int i = Overview; i < PageCount; ++i) {
        QListWidgetItem *item = m_nav->item(i);
        item->setFlags(connected ? item->flags() | Qt::ItemIsEnabled
                                 : item->flags() & ~Qt::ItemIsEnabled);
    }
    m_connectionLabel->setText(
        connected
            ? tr("Connected to %1 as %2").arg(m_api->baseUrl().toDisplayString(), m_api->apiKey())
            : tr("Not connected"));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace gw::console
