#include "console/overviewpage.h"
#include "console/overviewmodel.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::console {

namespace {
// Cards in groups: payments, refunds, processing.
const QList<QList<OverviewModel::Metric>> kGroups = {
    {OverviewModel::Payments, OverviewModel::Volume, OverviewModel::SuccessRate,
     OverviewModel::Successful, OverviewModel::Failed, OverviewModel::Pending},
    {OverviewModel::Refunds, OverviewModel::RefundedAmount, OverviewModel::PendingRefunds},
    {OverviewModel::QueuePending, OverviewModel::QueueProcessing, OverviewModel::QueueCompleted,
     OverviewModel::QueueFailed, OverviewModel::Worker, OverviewModel::ApiHealth},
};
constexpr int kColumns = 3;
} // namespace

OverviewPage::OverviewPage(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_model(new OverviewModel(api, this)), m_timer(new QTimer(this)),
      m_updated(new QLabel(this))
{
    m_values.resize(OverviewModel::MetricCount);
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<h2>Overview</h2>"), this));
    header->addStretch();
    m_updated->setObjectName(QStringLiteral("overviewUpdated"));
    header->addWidget(m_updated);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    header->addWidget(refreshButton);
    layout->addLayout(header);

    const QStringList titles = {tr("Payments"), tr("Refunds"), tr("Processing")};
    for (int g = 0; g < kGroups.size(); ++g) {
        layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(titles.at(g)), this));
        auto *grid = new QGridLayout;
        const auto &metrics = kGroups.at(g);
        for (int i = 0; i < metrics.size(); ++i) {
            auto *card = new QFrame(this);
            card->setFrameShape(QFrame::StyledPanel);
            card->setAutoFillBackground(true);
            card->setBackgroundRole(QPalette::Base);
            auto *cardLayout = new QVBoxLayout(card);
            auto *name = new QLabel(OverviewModel::metricName(metrics.at(i)), card);
            name->setEnabled(false);
            auto *value = new QLabel(card);
            value->setObjectName(QStringLiteral("metric_%1").arg(int(metrics.at(i))));
            QFont f = value->font();
            f.setPointSizeF(f.pointSizeF() * 1.6);
            f.setBold(true);
            value->setFont(f);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            cardLayout->addWidget(name);
            cardLayout->addWidget(value);
            grid->addWidget(card, i / kColumns, i % kColumns);
            m_values[metrics.at(i)] = value;
            updateCard(metrics.at(i));
        }
        layout->addLayout(grid);
    }
    layout->addStretch();

    connect(m_model, &OverviewModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    updateCard(row);
            });
    connect(m_model, &OverviewModel::refreshed, this, [this] {
        m_updated->setText(
            tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    });
    connect(m_model, &OverviewModel::refreshFailed, this,
            [this](const QString &why) { m_updated->setText(why); });
    connect(refreshButton, &QPushButton::clicked, this, &OverviewPage::refresh);
    connect(m_timer, &QTimer::timeout, this, &OverviewPage::refresh);
    m_timer->setInterval(3000);
}

void OverviewPage::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

void OverviewPage::refresh()
{
    m_model->refresh();
}

void OverviewPage::updateCard(int row)
{
    if (QLabel *label = m_values.value(row)) {
        const QModelIndex index = m_model->index(row, OverviewModel::Value);
        label->setText(index.data().toString());
        const QVariant color = index.data(Qt::ForegroundRole);
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText,
                   color.isValid() ? color.value<QColor>() : palette().color(QPalette::WindowText));
        label->setPalette(p);
    }
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace gw::console
