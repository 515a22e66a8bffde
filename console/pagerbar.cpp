#include "console/pagerbar.h"
#include "console/jsontablemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>

namespace gw::console {

PagerBar::PagerBar(JsonTableModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_label(new QLabel(this)),
      m_previous(
          new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Previous"), this)),
      m_next(new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"), this))
{
    m_previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_previous->setToolTip(tr("Previous page (Alt+Left)"));
    m_next->setToolTip(tr("Next page (Alt+Right)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addStretch();
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    connect(m_previous, &QPushButton::clicked, m_model, &JsonTableModel::previousPage);
    connect(m_next, &QPushButton::clicked, m_model, &JsonTableModel::nextPage);
    connect(m_model, &JsonTableModel::loaded, this, &PagerBar::update);
    update();
}

QString PagerBar::text() const
{
    return m_label->text();
}

void PagerBar::update()
{
    const QLocale locale;
    const int shown = m_model->rowCount();
    if (m_model->total() == 0 || shown == 0)
        m_label->setText(m_model->hasLoaded() ? tr("Nothing to show") : QString());
    else
        m_label->setText(tr("%1–%2 of %3")
                             .arg(locale.toString(m_model->offset() + 1),
                                  locale.toString(m_model->offset() + shown),
                                  locale.toString(m_model->total())));
    m_previous->setEnabled(m_model->hasPreviousPage());
    m_next->setEnabled(m_model->hasNextPage());
}

} // namespace gw::console
