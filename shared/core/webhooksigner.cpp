#include "core/webhooksigner.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

namespace gw {

struct WebhookSigner::Impl
{
    EVP_MAC *mac = nullptr;
    EVP_MAC_CTX *keyed = nullptr; // keyed once; every signature starts from a copy of it
};

WebhookSigner::WebhookSigner(const QByteArray &secret) : d(std::make_unique<Impl>())
{
    d->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!d->mac)
        throw std::runtime_error("EVP_MAC_fetch(HMAC) failed");
    d->keyed = EVP_MAC_CTX_new(d->mac);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key is legal for HMAC; OpenSSL wants a non-null pointer for it.
    static const unsigned char empty = 0;
    const auto *key =
        secret.isEmpty() ? &empty : reinterpret_cast<const unsigned char *>(secret.constData());
    if (!d->keyed || EVP_MAC_init(d->keyed, key, size_t(secret.size()), params) != 1)
        throw std::runtime_error("EVP_MAC_init failed");
}

WebhookSigner::~WebhookSigner()
{
    EVP_MAC_CTX_free(d->keyed);
    EVP_MAC_free(d->mac);
}

QByteArray WebhookSigner::hmac(const QByteArray &data) const
{
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(d->keyed);
    QByteArray out(32, Qt::Uninitialized);
    size_t len = 0;
    const bool ok = ctx &&
                    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(data.constData()),
                                   size_t(data.size())) == 1 &&
                    EVP_MAC_final(ctx, reinterpret_cast<unsigned char *>(out.data()), &len,
                                  size_t(out.size())) == 1;
    EVP_MAC_CTX_free(ctx);
    if (!ok || len != 32)
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

QByteArray WebhookSigner::hexSignature(const QByteArray &body) const
{
    return hmac(body).toHex();
}

QByteArray WebhookSigner::standardSignature(const QByteArray &eventId, qint64 timestamp,
                                            const QByteArray &body) const
{
    const QByteArray signedContent = eventId + '.' + QByteArray::number(timestamp) + '.' + body;
    return "v1," + hmac(signedContent).toBase64();
}

WebhookSignatureHeaders signWebhook(const QByteArray &eventId, qint64 timestamp,
                                    const QByteArray &body, const WebhookSigner &current,
                                    const WebhookSigner *previous)
{
    WebhookSignatureHeaders h{current.hexSignature(body),
                              current.standardSignature(eventId, timestamp, body)};
    // Only the Standard Webhooks header carries several signatures: its verifiers accept any one
    // of them. X-Webhook-Signature stays a single hex value, because the seeds' snippet compares
    // the whole header with one HMAC; it is signed with the current secret, which the merchant
    // received when rotating.
    if (previous)
        h.webhookSignature += ' ' + previous->standardSignature(eventId, timestamp, body);
    return h;
}

} // namespace gw
