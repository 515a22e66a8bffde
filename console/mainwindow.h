#pragma once
// MainWindow: a sidebar of pages (Ctrl+1…Ctrl+6) beside the current page, and a status bar that
// shows the connection and any API error. Pages other than Connection open once connected.
#include <QMainWindow>

class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;

namespace gw::console {

class ApiClient;
class ConnectionPage;
class DocsPage;
class OverviewPage;
class PaymentsPage;
class RefundsPage;
class WebhooksPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { Connection, Overview, Payments, Refunds, Webhooks, Docs, PageCount };
    Q_ENUM(Page)

    MainWindow(ApiClient *api, QSettings *settings, QWidget *parent = nullptr);

    static QString pageName(Page page); // "overview", used for --page and screenshot files
    void showPage(Page page);
    Page currentPage() const;

    ConnectionPage *connectionPage() const { return m_connection; }
    OverviewPage *overviewPage() const { return m_overview; }
    PaymentsPage *paymentsPage() const { return m_payments; }
    RefundsPage *refundsPage() const { return m_refunds; }
    WebhooksPage *webhooksPage() const { return m_webhooks; }
    DocsPage *docsPage() const { return m_docs; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void setConnected(bool connected);

    ApiClient *m_api;
    QSettings *m_settings;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_connectionLabel;
    QLabel *m_busyLabel;
    ConnectionPage *m_connection;
    OverviewPage *m_overview;
    PaymentsPage *m_payments;
    RefundsPage *m_refunds;
    WebhooksPage *m_webhooks;
    DocsPage *m_docs;
};

} // namespace gw::console
