#include "support/parallelposts.h"

#include "support/httpclient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <memory>
#include <vector>

namespace gw::test {

QList<ParallelAnswer> postInParallel(const ParallelPosts &posts, const QList<QByteArray> &bodies)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply *> replies;
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest r(QUrl(posts.bases.at(i % posts.bases.size()) + posts.path));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        r.setRawHeader(QByteArrayLiteral("X-Api-Key"), HttpClient::kTestKey);
        if (posts.withSecret)
            r.setRawHeader(QByteArrayLiteral("X-Api-Secret"), HttpClient::kTestSecret);
        if (posts.key)
            if (const QByteArray key = posts.key(int(i)); !key.isEmpty())
                r.setRawHeader(QByteArrayLiteral("Idempotency-Key"), key);
        replies << managers.back()->post(r, bodies.at(i));
    }
    QEventLoop loop;
    int open = int(replies.size());
    for (QNetworkReply *reply : replies)
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (--open == 0)
                loop.quit();
        });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (open > 0)
        loop.exec();
    QList<ParallelAnswer> out;
    for (QNetworkReply *reply : replies) {
        out.append({reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                    reply->readAll(), reply->rawHeader(QByteArrayLiteral("Idempotent-Replayed"))});
        reply->deleteLater();
    }
    return out;
}

} // namespace gw::test
