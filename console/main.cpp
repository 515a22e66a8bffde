// gateway-console: wires the HttpApiClient, the settings file and the main window together.
#include "console/connectionpage.h"
#include "console/httpapiclient.h"
#include "console/mainwindow.h"
#include "console/screenshotter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

using namespace gw::console;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("payment-gateway"));
    QApplication::setApplicationName(QStringLiteral("console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Payment Gateway Console"));
    QApplication::setApplicationVersion(QStringLiteral("0.1"));
    QApplication::setDesktopFileName(QStringLiteral("gateway-console"));

    const QString defaultSettings = QSettings().fileName();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Operator console for the payment gateway: payments, refunds, webhooks and "
                       "integration docs, "
                       "through the gateway's REST API.\n\n"
                       "Settings file: %1\n"
                       "The API secret is read from the settings file only if you ticked "
                       "\"Remember the secret\"; "
                       "otherwise type it in or set GATEWAY_API_SECRET.")
            .arg(defaultSettings));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(QStringLiteral("api-url"),
                                       QStringLiteral("API base URL, e.g. http://localhost:8000."),
                                       QStringLiteral("url"));
    const QCommandLineOption keyOption(QStringLiteral("api-key"),
                                       QStringLiteral("Merchant API key."), QStringLiteral("key"));
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QStringLiteral("Connect at start (also done when key and secret are known)."));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QStringLiteral("Page to open once connected: overview, payments, refunds, webhooks, docs."),
        QStringLiteral("name"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QStringLiteral("Use this settings file instead of %1.").arg(defaultSettings),
        QStringLiteral("file"));
    const QCommandLineOption shotsOption(
        QStringLiteral("screenshot-dir"),
        QStringLiteral(
            "Connect, save console-<page>.png of every page into this folder, then quit."),
        QStringLiteral("dir"));
    parser.addOptions(
        {urlOption, keyOption, connectOption, pageOption, settingsOption, shotsOption});
    parser.process(app);

    std::unique_ptr<QSettings> settings =
        parser.isSet(settingsOption)
            ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
            : std::make_unique<QSettings>();
    HttpApiClient api;
    MainWindow window(&api, settings.get());
    ConnectionPage *connection = window.connectionPage();
    ConnectionSettings c = connection->connection();
    if (parser.isSet(urlOption))
        c.apiUrl = QUrl::fromUserInput(parser.value(urlOption));
    if (parser.isSet(keyOption))
        c.apiKey = parser.value(keyOption);
    if (const QString secret = qEnvironmentVariable("GATEWAY_API_SECRET"); !secret.isEmpty())
        c.apiSecret = secret;
    connection->setConnection(c);

    int pageIndex = -1;
    if (parser.isSet(pageOption)) {
        for (int i = MainWindow::Overview; i < MainWindow::PageCount; ++i)
            if (MainWindow::pageName(MainWindow::Page(i)) == parser.value(pageOption))
                pageIndex = i;
        if (pageIndex < 0) {
            std::fprintf(stderr, "Unknown page: %s\n", qPrintable(parser.value(pageOption)));
            return 2;
        }
    }
    window.show();

    if (parser.isSet(shotsOption)) {
        auto *shooter = new Screenshotter(&window, &api, QDir(parser.value(shotsOption)), &app);
        QObject::connect(
            shooter, &Screenshotter::finished, &app, [](int written, const QString &error) {
                std::printf("screenshots written: %d\n", written);
                if (!error.isEmpty())
                    std::fprintf(stderr, "screenshots: %s\n", qPrintable(error));
                QCoreApplication::exit(error.isEmpty() && written == MainWindow::PageCount ? 0 : 1);
            });
        shooter->start();
        return app.exec();
    }
    if (pageIndex >= 0)
        QObject::connect(
            connection, &ConnectionPage::connected, &window,
            [&window, pageIndex] { window.showPage(MainWindow::Page(pageIndex)); },
            Qt::QueuedConnection);
    if (parser.isSet(connectOption) || (!c.apiKey.isEmpty() && !c.apiSecret.isEmpty()))
        QTimer::singleShot(0, connection, &ConnectionPage::connectToApi);
    return app.exec();
}
