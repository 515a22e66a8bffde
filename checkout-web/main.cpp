// checkout-web: serves checkout.js, the hosted checkout page and the demo merchant page.
#include "checkoutwebserver.h"
#include "core/config.h"

#include <QCoreApplication>
#include <QUrl>
#include <csignal>
#include <cstdio>

using namespace gw;

namespace {
int fail(const QString &message)
{
    std::fprintf(stderr, "checkout-web: %s\n", qPrintable(message));
    return 2;
}

void quitOnSignal(int)
{
    QCoreApplication::quit();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("checkout-web"));
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGPIPE, SIG_IGN);

    const auto env = QProcessEnvironment::systemEnvironment();
    const auto config = Config::fromEnvironment(env);
    if (!config)
        return fail(QStringLiteral("configuration error: ") + config.error().description);
    // Where this process itself reaches the API for the demo order step (inside a container that
    // is not the browser's API_PUBLIC_URL); defaults to API_PUBLIC_URL.
    QString apiInternal = env.value(QStringLiteral("API_INTERNAL_URL"), config->apiPublicUrl);
    const QUrl internalUrl(apiInternal, QUrl::StrictMode);
    if (!internalUrl.isValid() || internalUrl.host().isEmpty())
        return fail(QStringLiteral("API_INTERNAL_URL must be an absolute http(s) URL, not \"%1\"")
                        .arg(apiInternal));
    if (apiInternal.endsWith(u'/'))
        apiInternal.chop(1);

    const QHostAddress address(config->bindAddress);
    if (address.isNull())
        return fail(QStringLiteral("BIND_ADDRESS is not an IP address: ") + config->bindAddress);

    checkout::CheckoutWebServer server(config.value(), apiInternal);
    const quint16 port = server.listen(address, quint16(config->checkoutPort));
    if (!port)
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                        .arg(config->bindAddress)
                        .arg(config->checkoutPort)
                        .arg(server.errorString()));
    std::fprintf(stdout, "checkout-web listening on port %u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
