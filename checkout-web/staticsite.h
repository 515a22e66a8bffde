#pragma once
// The files of checkout-web/web/ (compiled in under :/web), looked up by URL path. The table is
// built once at start-up and lookups are exact, so no path, encoded or not, reaches anything
// outside web/. HTML files get the deployment's URLs substituted for their {{PLACEHOLDERS}}.
#include <QByteArray>
#include <QHash>
#include <QString>

namespace gw::checkout {

struct StaticFile
{
    QByteArray body;
    QByteArray contentType;
    QByteArray cacheControl;
    QByteArray etag; // strong, quoted
    bool html = false;
};

class StaticSite
{
public:
    // `substitutions` maps a placeholder such as "{{API_PUBLIC_URL}}" to the text put in its place
    // in .html files (already escaped for HTML by the caller's choice of value).
    StaticSite(const QString &resourceRoot, const QHash<QByteArray, QByteArray> &substitutions);

    // The file for a decoded URL path such as "/checkout.js" or "/checkout", or nullptr.
    const StaticFile *find(const QString &urlPath) const;
    qsizetype size() const { return m_files.size(); }

    static QByteArray contentTypeFor(const QString &fileName);

private:
    QHash<QString, StaticFile> m_files;
};

} // namespace gw::checkout
