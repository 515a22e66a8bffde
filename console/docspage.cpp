#include "console/docspage.h"
#include "console/apiclient.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace gw::console {

namespace {

QString createOrder(const QString &apiUrl, const QString &key)
{
    return QStringLiteral(
               "curl -X POST %1/api/v1/orders \\\n"
               "  -H \"Content-Type: application/json\" \\\n"
               "  -H \"X-Api-Key: %2\" \\\n"
               "  -H \"X-Api-Secret: $API_SECRET\" \\\n"
               "  -H \"Idempotency-Key: order-ORD-1001\" \\\n"
               "  -d '{\"amount\": 50000, \"currency\": \"INR\", \"receipt\": \"ORD-1001\",\n"
               "       \"notes\": {\"customer\": \"Asha\"}}'\n\n"
               "# 201 "
               "{\"id\":\"order_…\",\"amount\":50000,\"currency\":\"INR\",\"status\":\"created\","
               "…}")
        .arg(apiUrl, key);
}

QString checkoutSdk(const QString &key)
{
    return QStringLiteral("<script src=\"http://localhost:3001/checkout.js\"></script>\n"
                          "<button id=\"pay\">Pay ₹500</button>\n"
                          "<script>\n"
                          "  document.getElementById('pay').onclick = () => {\n"
                          "    const checkout = new PaymentGateway({\n"
                          "      key: '%1',\n"
                          "      orderId: 'order_…',   // created on your server, see above\n"
                          "      onSuccess: (data) => console.log('paid', data.paymentId),\n"
                          "      onFailure: (error) => console.log('failed', error),\n"
                          "      onClose: () => console.log('closed'),\n"
                          "    });\n"
                          "    checkout.open();\n"
                          "  };\n"
                          "</script>")
        .arg(key);
}

QString verifyWebhook()
{
    return QStringLiteral(
        "const crypto = require('crypto');\n\n"
        "// Express: app.post('/webhooks', express.raw({type: 'application/json'}), handler)\n"
        "function verifyWebhook(rawBody, signatureHeader, secret) {\n"
        "  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');\n"
        "  // During a secret rotation the header carries two signatures, space-separated.\n"
        "  return signatureHeader.split(' ').some((sig) =>\n"
        "    sig.length === expected.length &&\n"
        "    crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected)));\n"
        "}\n\n"
        "function handler(req, res) {\n"
        "  if (!verifyWebhook(req.body, req.get('X-Webhook-Signature') || '', "
        "process.env.WEBHOOK_SECRET))\n"
        "    return res.status(401).end();\n"
        "  const event = JSON.parse(req.body);   // {id, event, timestamp, data}\n"
        "  res.status(200).end();                // answer within 5 s, then do the work\n"
        "}\n\n"
        "// Or with the standardwebhooks package:\n"
        "//   new Webhook(secret, {format: 'raw'}).verify(rawBody, req.headers)");
}

} // namespace

DocsPage::DocsPage(ApiClient *api, QWidget *parent) : QWidget(parent), m_api(api)
{
    const QStringList titles = {tr("1. Create an order (your server)"),
                                tr("2. Open the checkout (your web page)"),
                                tr("3. Verify webhook signatures (your server)")};
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(
        new QLabel(tr("<h2>Integration</h2><p>Three steps to take payments. The snippets "
                      "use the API you are connected to; keep the API secret on your "
                      "server.</p>"),
                   content));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int i = 0; i < SnippetCount; ++i) {
        auto *box = new QGroupBox(titles.at(i), content);
        auto *edit = new QPlainTextEdit(box);
        edit->setObjectName(QStringLiteral("snippet_%1").arg(i));
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        auto *copyButton = new QPushButton(tr("&Copy"), box);
        copyButton->setObjectName(QStringLiteral("copy_%1").arg(i));
        auto *row = new QHBoxLayout;
        row->addStretch();
        row->addWidget(copyButton);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(edit);
        boxLayout->addLayout(row);
        contentLayout->addWidget(box);
        m_edits.append(edit);
        connect(copyButton, &QPushButton::clicked, this, [this, i] { copy(Snippet(i)); });
    }
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    updateSnippets();
}

QString DocsPage::snippet(Snippet which) const
{
    return m_edits.at(which)->toPlainText();
}

void DocsPage::copy(Snippet which)
{
    QApplication::clipboard()->setText(snippet(which));
}

void DocsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateSnippets();
}

void DocsPage::updateSnippets()
{
    const QString url = m_api->baseUrl().isEmpty() ? QStringLiteral("http://localhost:8000")
                                                   : m_api->baseUrl().toString();
    const QString key =
        m_api->apiKey().isEmpty() ? QStringLiteral("key_test_abc123") : m_api->apiKey();
    m_edits[CreateOrder]->setPlainText(createOrder(url, key));
    m_edits[CheckoutSdk]->setPlainText(checkoutSdk(key));
    m_edits[VerifyWebhook]->setPlainText(verifyWebhook());
    // Each snippet shown whole: the page scrolls, not the snippets.
    for (QPlainTextEdit *edit : std::as_const(m_edits)) {
        const int lines = edit->toPlainText().count(u'\n') + 1;
        const int frame = 2 * edit->frameWidth() + int(2 * edit->document()->documentMargin());
        edit->setFixedHeight(lines * QFontMetrics(edit->font()).lineSpacing() + frame + 4);
    }
}

} // namespace gw::console
