#include "console/refundspage.h"
#include "console/datatableview.h"
#include "console/pagerbar.h"
#include "console/refundsmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::console {

RefundsPage::RefundsPage(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_model(new RefundsModel(api, this)), m_view(new DataTableView(this)),
      m_message(new QLabel(this)), m_timer(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("refundsView"));
    m_view->setSourceModel(m_model, RefundsModel::Created);
    m_message->setStyleSheet(QStringLiteral("color: #c01c28;"));
    m_message->setWordWrap(true);

    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<h2>Refunds</h2>"), this));
    header->addStretch();
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    header->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(
        new QLabel(tr("A refund is <i>pending</i> until the worker processes it, then "
                      "<i>processed</i>; this table follows it live."),
                   this));
    layout->addWidget(m_view, 1);
    layout->addWidget(new PagerBar(m_model, this));
    layout->addWidget(m_message);

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RefundsPage::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &RefundsPage::refresh);
    connect(m_model, &JsonTableModel::loaded, this, [this] {
        m_message->clear();
        scheduleNext();
    });
    connect(m_model, &JsonTableModel::loadFailed, this, [this](const QString &why) {
        m_message->setText(why);
        scheduleNext();
    });
}

void RefundsPage::setRefreshIntervals(int pendingMs, int idleMs)
{
    m_pendingMs = pendingMs;
    m_idleMs = idleMs;
}

void RefundsPage::refresh()
{
    m_model->refresh();
}

void RefundsPage::scheduleNext()
{
    if (isVisible())
        m_timer->start(m_model->anyPending() ? m_pendingMs : m_idleMs);
}

void RefundsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void RefundsPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace gw::console
