#include "core/urls.h"

#include <QUrl>

namespace gw {

Result<DatabaseParams> parseDatabaseUrl(const QString &raw)
{
    QString text = raw.trimmed();
    if (text.startsWith(QStringLiteral("jdbc:")))
        text = text.mid(5);
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() ||
        (scheme != QStringLiteral("postgresql") && scheme != QStringLiteral("postgres")))
        return ApiError::badRequest(
            QStringLiteral("must look like postgresql://user:pass@host:port/db"));
    DatabaseParams p;
    if (!url.host().isEmpty())
        p.host = url.host();
    p.port = url.port(5432);
    p.user = url.userName(QUrl::FullyDecoded);
    p.password = url.password(QUrl::FullyDecoded);
    p.database = url.path().mid(1);
    if (p.database.isEmpty() || p.database.contains(QLatin1Char('/')))
        return ApiError::badRequest(QStringLiteral("names no database (…/dbname)"));
    if (p.port <= 0 || p.port > 65535)
        return ApiError::badRequest(QStringLiteral("has a port out of range"));
    return p;
}

Result<RedisParams> parseRedisUrl(const QString &raw)
{
    const QUrl url(raw.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QStringLiteral("redis"))
        return ApiError::badRequest(QStringLiteral("must look like redis://host:port[/db]"));
    RedisParams p;
    if (!url.host().isEmpty())
        p.host = url.host();
    p.port = url.port(6379);
    if (p.port <= 0 || p.port > 65535)
        return ApiError::badRequest(QStringLiteral("has a port out of range"));
    const QString path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        p.db = path.toInt(&ok);
        if (!ok || p.db < 0 || p.db > 15)
            return ApiError::badRequest(QStringLiteral("has a database number that is not 0–15"));
    }
    return p;
}

Result<QList<HostPort>> parseHostPorts(const QString &list)
{
    QList<HostPort> out;
    for (const QString &raw : list.split(QLatin1Char(','))) {
        const QString item = raw.trimmed();
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        QString host = item.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1).chopped(1);
        bool ok = false;
        const int port = item.mid(colon + 1).toInt(&ok);
        if (colon <= 0 || host.isEmpty() || !ok || port <= 0 || port > 65535)
            return ApiError::badRequest(
                QStringLiteral("must look like host:port,host:port,…, not \"%1\"").arg(item));
        out.append({host, port});
    }
    return out;
}

} // namespace gw
