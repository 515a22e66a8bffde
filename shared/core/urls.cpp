#include "core/urls.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace gw {

namespace {
// One entry of a host list: name, name:port, [v6] or [v6]:port.
std::optional<DatabaseHost> parseHost(const QString &text)
{
    static const QRegularExpression form(
        QStringLiteral("^(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9._-]+))(?::([0-9]{1,5}))?$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    DatabaseHost h{m.captured(1).isEmpty() ? m.captured(2) : m.captured(1), 5432};
    if (m.hasCaptured(3))
        h.port = m.captured(3).toInt();
    if (h.port <= 0 || h.port > 65535)
        return std::nullopt;
    return h;
}

// The form with one host, as QUrl reads it.
Result<DatabaseParams> parseOneHost(const QString &text)
{
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
    const QString attrs = QUrlQuery(url).queryItemValue(QStringLiteral("target_session_attrs"));
    static const QStringList known{QStringLiteral("any"),       QStringLiteral("read-write"),
                                   QStringLiteral("read-only"), QStringLiteral("primary"),
                                   QStringLiteral("standby"),   QStringLiteral("prefer-standby")};
    if (!attrs.isEmpty() && !known.contains(attrs))
        return ApiError::badRequest(QStringLiteral("has target_session_attrs=%1; libpq knows %2")
                                        .arg(attrs, known.join(QStringLiteral(", "))));
    p.targetSessionAttrs = attrs;
    return p;
}
} // namespace

QList<DatabaseHost> DatabaseParams::hosts() const
{
    return QList<DatabaseHost>{{host, port}} + moreHosts;
}

Result<DatabaseParams> parseDatabaseUrl(const QString &raw)
{
    QString text = raw.trimmed();
    if (text.startsWith(QStringLiteral("jdbc:")))
        text = text.mid(5);
    // libpq's host list (h1:p1,h2:p2,…) is no URL authority QUrl reads: the first host goes
    // through QUrl with the rest of the URL, the others are read here.
    const qsizetype from = text.indexOf(QStringLiteral("://"));
    const qsizetype end =
        from < 0 ? -1 : text.indexOf(QRegularExpression(QStringLiteral("[/?]")), from + 3);
    const QString authority =
        from < 0 ? QString() : text.mid(from + 3, end < 0 ? -1 : end - from - 3);
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    const QStringList hostList = authority.mid(at + 1).split(QLatin1Char(','));
    if (hostList.size() == 1)
        return parseOneHost(text);
    QList<DatabaseHost> hosts;
    for (const QString &entry : hostList) {
        const auto h = parseHost(entry);
        if (!h)
            return ApiError::badRequest(
                QStringLiteral("has \"%1\" in its host list, not host[:port]").arg(entry));
        hosts.append(*h);
    }
    auto p = parseOneHost(text.left(from + 3) + authority.left(at + 1) + hostList.first() +
                          (end < 0 ? QString() : text.mid(end)));
    if (!p)
        return p;
    p->moreHosts = hosts.mid(1);
    if (p->targetSessionAttrs.isEmpty())
        p->targetSessionAttrs = QStringLiteral("read-write");
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
