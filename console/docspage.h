#pragma once
// DocsPage: what a merchant's developer needs to integrate: the create-order request, the
// checkout.js snippet and webhook signature verification, each with a copy button. The snippets
// use the connected API URL and key; the secret stays a placeholder.
#include <QList>
#include <QWidget>

class QPlainTextEdit;

namespace gw::console {

class ApiClient;

class DocsPage : public QWidget
{
    Q_OBJECT
public:
    enum Snippet { CreateOrder, CheckoutSdk, VerifyWebhook, SnippetCount };
    Q_ENUM(Snippet)

    explicit DocsPage(ApiClient *api, QWidget *parent = nullptr);

    QString snippet(Snippet which) const;
    // Copies one snippet to the clipboard (what its button does).
    void copy(Snippet which);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateSnippets();

    ApiClient *m_api;
    QList<QPlainTextEdit *> m_edits;
};

} // namespace gw::console
