#include "console/deliverydetailsview.h"
#include "console/apifields.h"
#include "console/attemptsmodel.h"
#include "console/datatableview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw::console {

namespace f = api::field;

DeliveryDetailsView::DeliveryDetailsView(QWidget *parent)
    : QWidget(parent), m_attempts(new AttemptsModel(this)), m_title(new QLabel(this)),
      m_retry(new QPushButton(tr("&Retry delivery"), this)), m_payload(new QPlainTextEdit(this)),
      m_attemptView(new DataTableView(this)), m_response(new QPlainTextEdit(this))
{
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_payload->setObjectName(QStringLiteral("payloadText"));
    m_response->setObjectName(QStringLiteral("attemptResponse"));
    m_attemptView->setObjectName(QStringLiteral("attemptsView"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_payload, m_response}) {
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attemptView->setModel(m_attempts);
    m_attemptView->setMaximumHeight(160);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(new QLabel(tr("Payload:"), this));
    layout->addWidget(m_payload, 2);
    layout->addWidget(new QLabel(tr("Attempts:"), this));
    layout->addWidget(m_attemptView, 1);
    layout->addWidget(new QLabel(tr("Response of the selected attempt:"), this));
    layout->addWidget(m_response, 1);

    connect(m_retry, &QPushButton::clicked, this,
            [this] { Q_EMIT retryRequested(m_delivery.value(f::id).toString()); });
    connect(m_attemptView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showAttempt(current.row()); });
    clear();
}

void DeliveryDetailsView::clear()
{
    m_delivery = {};
    m_title->setText(tr("<i>Select a delivery to see its payload and attempts.</i>"));
    m_payload->clear();
    m_response->clear();
    m_attempts->clear();
    m_retry->setEnabled(false);
}

void DeliveryDetailsView::setDelivery(const QJsonObject &detail)
{
    const bool sameDelivery = detail.value(f::id) == m_delivery.value(f::id);
    const int selectedAttempt = sameDelivery ? m_attemptView->currentIndex().row() : -1;
    m_delivery = detail;
    const QString status = detail.value(f::status).toString();
    m_title->setText(QStringLiteral("<b>%1</b> · %2 · %3")
                         .arg(detail.value(f::event).toString(), status,
                              tr("%n attempt(s)", nullptr, detail.value(f::attempts).toInt())));
    const QJsonValue payload = detail.value(f::payload);
    const QString text =
        payload.isObject()
            ? QString::fromUtf8(QJsonDocument(payload.toObject()).toJson(QJsonDocument::Indented))
        : payload.isString() ? payload.toString()
                             : QString();
    if (m_payload->toPlainText() != text)
        m_payload->setPlainText(text);
    m_attempts->setDelivery(detail);
    const int rows = m_attempts->rowCount();
    const int row = selectedAttempt >= 0 && selectedAttempt < rows ? selectedAttempt : rows - 1;
    if (row >= 0)
        m_attemptView->selectRow(row);
    showAttempt(row);
    m_retry->setEnabled(canRetry());
}

bool DeliveryDetailsView::canRetry() const
{
    return m_delivery.value(f::status).toString() == f::failed;
}

QString DeliveryDetailsView::payloadText() const
{
    return m_payload->toPlainText();
}

QString DeliveryDetailsView::responseText() const
{
    return m_response->toPlainText();
}

void DeliveryDetailsView::showAttempt(int row)
{
    const QJsonObject a = m_attempts->attempt(row);
    if (a.isEmpty()) {
        m_response->setPlainText(row < 0 && !m_delivery.isEmpty() ? tr("Not attempted yet.")
                                                                  : QString());
        return;
    }
    const QJsonValue code = a.value(f::responseCode);
    QString text = code.isDouble() ? tr("HTTP %1").arg(code.toInt()) : tr("No HTTP response");
    if (const QString error = a.value(f::error).toString(); !error.isEmpty() && !code.isDouble())
        text += QStringLiteral(" — ") + error; // e.g. connection refused, timeout
    text += QStringLiteral("\n\n") + a.value(f::responseBody).toString();
    m_response->setPlainText(text);
}

} // namespace gw::console
