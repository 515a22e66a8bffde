#include "staticsite.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

namespace gw::checkout {

namespace {

// Short names for the pages, next to their file names (the seeds link to /checkout.html).
const std::pair<const char16_t *, const char16_t *> kAliases[] = {
    {u"/checkout", u"/checkout.html"},
    {u"/demo", u"/demo.html"},
    {u"/", u"/demo.html"},
};

QByteArray cacheControlFor(const QString &fileName)
{
    // Pages always revalidate (cheap with the ETag) so a deploy shows at once; checkout.js and
    // the page assets are unversioned URLs, so they are cached only briefly.
    if (fileName.endsWith(u".html"))
        return QByteArrayLiteral("no-cache");
    return QByteArrayLiteral("public, max-age=300");
}

} // namespace

QByteArray StaticSite::contentTypeFor(const QString &fileName)
{
    static const std::pair<const char16_t *, const char *> types[] = {
        {u".html", "text/html; charset=utf-8"},
        {u".js", "text/javascript; charset=utf-8"},
        {u".css", "text/css; charset=utf-8"},
        {u".svg", "image/svg+xml"},
        {u".png", "image/png"},
        {u".ico", "image/x-icon"},
        {u".json", "application/json"},
        {u".txt", "text/plain; charset=utf-8"},
    };
    for (const auto &[suffix, type] : types)
        if (fileName.endsWith(QStringView(suffix)))
            return QByteArray(type);
    return QByteArrayLiteral("application/octet-stream");
}

StaticSite::StaticSite(const QString &resourceRoot,
                       const QHash<QByteArray, QByteArray> &substitutions)
{
    QDirIterator it(resourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        StaticFile file;
        file.body = f.readAll();
        file.html = path.endsWith(u".html");
        if (file.html)
            for (auto s = substitutions.cbegin(); s != substitutions.cend(); ++s)
                file.body.replace(s.key(), s.value());
        file.contentType = contentTypeFor(path);
        file.cacheControl = cacheControlFor(path);
        file.etag =
            '"' + QCryptographicHash::hash(file.body, QCryptographicHash::Sha256).toHex().left(32) +
            '"';
        m_files.insert(path.mid(resourceRoot.size()), file);
    }
    for (const auto &[alias, target] : kAliases) {
        const auto found = m_files.constFind(QString::fromUtf16(target));
        if (found != m_files.cend())
            m_files.insert(QString::fromUtf16(alias), found.value());
    }
}

const StaticFile *StaticSite::find(const QString &urlPath) const
{
    const auto it = m_files.constFind(urlPath);
    return it == m_files.cend() ? nullptr : &it.value();
}

} // namespace gw::checkout
