// checkout-web: serves checkout.js, the hosted checkout page and the demo merchant page.
#include "checkoutwebserver.h"
#include "core/serviceprocess.h"

#include <QCoreApplication>
#include <QUrl>

using namespace gw;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ServiceProcess process(QStringLiteral("checkout-web"));
    QObject::connect(&process, &ServiceProcess::stopRequested, &app, &QCoreApplication::quit);
    const auto config = process.config();
    if (!config)
        return 2;
    const auto &env = process.environment();
    // Where this process itself reaches the API for the demo order step (inside a container that
    // is not the browser's API_PUBLIC_URL); defaults to API_PUBLIC_URL.
    QString apiInternal = env.value(QStringLiteral("API_INTERNAL_URL"), config->apiPublicUrl);
    const QUrl internalUrl(apiInternal, QUrl::StrictMode);
    if (!internalUrl.isValid() || internalUrl.host().isEmpty())
        return process.fail(
            QStringLiteral("API_INTERNAL_URL must be an absolute http(s) URL, not \"%1\"")
                .arg(apiInternal));
    if (apiInternal.endsWith(u'/'))
        apiInternal.chop(1);

    const QHostAddress address(config->bindAddress);
    if (address.isNull())
        return process.fail(QStringLiteral("BIND_ADDRESS is not an IP address: ") +
                            config->bindAddress);

    checkout::CheckoutWebServer server(config.value(), apiInternal);
    const quint16 port = server.listen(address, quint16(config->checkoutPort));
    if (!port)
        return process.fail(QStringLiteral("cannot listen on %1:%2: %3")
                                .arg(config->bindAddress)
                                .arg(config->checkoutPort)
                                .arg(server.errorString()));
    process.announce(QStringLiteral("listening on port %1").arg(port));
    return app.exec();
}
