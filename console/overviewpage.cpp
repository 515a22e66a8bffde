#include "console/overviewpage.h"
#include "console/overviewcharts.h"
#include "console/overviewmodel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::console {

namespace {
// Cards in rows: payments, refunds, processing.
const QList<QList<OverviewModel::Metric>> kGroups = {
    {OverviewModel::Payments, OverviewModel::Volume, OverviewModel::SuccessRate,
     OverviewModel::Successful, OverviewModel::Failed, OverviewModel::Pending},
    {OverviewModel::Refunds, OverviewModel::RefundedAmount, OverviewModel::PendingRefunds},
    {OverviewModel::QueuePending, OverviewModel::QueueProcessing, OverviewModel::QueueCompleted,
     OverviewModel::QueueFailed, OverviewModel::Worker, OverviewModel::ApiHealth},
};
constexpr int kColumns = 6;
} // namespace

OverviewPage::OverviewPage(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_model(new OverviewModel(api, this)),
      m_charts(new OverviewCharts(m_model, this)), m_timer(new QTimer(this)),
      m_updated(new QLabel(this))
{
    m_values.resize(OverviewModel::MetricCount);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(buildRangeBar());
    layout->addWidget(buildCards());
    layout->addWidget(m_charts, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

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
    connect(m_timer, &QTimer::timeout, this, &OverviewPage::refresh);
    m_timer->setInterval(3000);
}

QWidget *OverviewPage::buildRangeBar()
{
    auto *bar = new QWidget(this);
    m_range = new QComboBox(bar);
    m_range->setObjectName(QStringLiteral("rangeSelector"));
    m_range->addItem(tr("Last hour"), OverviewModel::LastHour);
    m_range->addItem(tr("Last day"), OverviewModel::LastDay);
    m_range->addItem(tr("Last week"), OverviewModel::LastWeek);
    m_range->addItem(tr("Custom"), OverviewModel::Custom);
    m_range->setCurrentIndex(m_range->findData(m_model->range()));
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-1), bar);
    m_to = new QDateTimeEdit(now, bar);
    m_from->setObjectName(QStringLiteral("rangeFrom"));
    m_to->setObjectName(QStringLiteral("rangeTo"));
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setCalendarPopup(true);
        e->setVisible(false);
    }
    auto *refreshButton = new QPushButton(tr("&Refresh"), bar);
    refreshButton->setShortcut(QKeySequence::Refresh);
    m_updated->setObjectName(QStringLiteral("overviewUpdated"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<h2>Overview</h2>"), bar));
    layout->addSpacing(12);
    auto *label = new QLabel(tr("R&ange:"), bar);
    label->setBuddy(m_range);
    layout->addWidget(label);
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addStretch();
    layout->addWidget(m_updated);
    layout->addWidget(refreshButton);

    connect(m_range, &QComboBox::currentIndexChanged, this, &OverviewPage::applyRange);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &OverviewPage::applyRange);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &OverviewPage::applyRange);
    connect(refreshButton, &QPushButton::clicked, this, &OverviewPage::refresh);
    return bar;
}

QWidget *OverviewPage::buildCards()
{
    auto *cards = new QWidget(this);
    auto *grid = new QGridLayout(cards);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    for (int g = 0; g < kGroups.size(); ++g) {
        const auto &metrics = kGroups.at(g);
        for (int i = 0; i < metrics.size(); ++i) {
            auto *card = new QFrame(cards);
            card->setFrameShape(QFrame::StyledPanel);
            card->setAutoFillBackground(true);
            card->setBackgroundRole(QPalette::Base);
            auto *cardLayout = new QVBoxLayout(card);
            cardLayout->setContentsMargins(8, 4, 8, 4);
            cardLayout->setSpacing(0);
            auto *name = new QLabel(OverviewModel::metricName(metrics.at(i)), card);
            name->setEnabled(false);
            auto *value = new QLabel(card);
            value->setObjectName(QStringLiteral("metric_%1").arg(int(metrics.at(i))));
            QFont f = value->font();
            f.setPointSizeF(f.pointSizeF() * 1.4);
            f.setBold(true);
            value->setFont(f);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            cardLayout->addWidget(name);
            cardLayout->addWidget(value);
            grid->addWidget(card, g, i % kColumns);
            m_values[metrics.at(i)] = value;
            updateCard(metrics.at(i));
        }
    }
    return cards;
}

void OverviewPage::applyRange()
{
    const auto range = OverviewModel::Range(m_range->currentData().toInt());
    m_from->setVisible(range == OverviewModel::Custom);
    m_to->setVisible(range == OverviewModel::Custom);
    if (range == OverviewModel::Custom)
        m_model->setCustomRange(m_from->dateTime(), m_to->dateTime());
    else
        m_model->setRange(range);
    if (isVisible())
        refresh();
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
