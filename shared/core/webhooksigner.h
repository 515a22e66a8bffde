#pragma once
// Signs webhook bodies for both schemes of SPEC.md "Webhooks": X-Webhook-Signature (lowercase hex
// HMAC-SHA256 of the raw body) and Standard Webhooks (`v1,` + base64 HMAC-SHA256 of
// "{id}.{timestamp}.{body}"). Both are keyed with the full secret string's bytes. One signer per
// secret keeps a keyed OpenSSL EVP_MAC context and reuses it for every signature.
#include <QByteArray>
#include <QString>
#include <memory>

namespace gw {

class WebhookSigner
{
public:
    explicit WebhookSigner(const QByteArray &secret);
    ~WebhookSigner();
    WebhookSigner(const WebhookSigner &) = delete;
    WebhookSigner &operator=(const WebhookSigner &) = delete;

    QByteArray hmac(const QByteArray &data) const;         // raw 32 bytes
    QByteArray hexSignature(const QByteArray &body) const; // for X-Webhook-Signature
    QByteArray standardSignature(const QByteArray &eventId, qint64 timestamp,
                                 const QByteArray &body) const; // "v1,<base64>"

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// The signature headers of one delivery attempt. X-Webhook-Signature: the current secret's hex
// signature alone. webhook-signature: the current secret's, then during a rotation overlap the
// previous one's, separated by one space.
struct WebhookSignatureHeaders
{
    QByteArray xWebhookSignature;
    QByteArray webhookSignature;
};

WebhookSignatureHeaders signWebhook(const QByteArray &eventId, qint64 timestamp,
                                    const QByteArray &body, const WebhookSigner &current,
                                    const WebhookSigner *previous);

} // namespace gw
