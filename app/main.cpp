// HubGate: review access requests and manage gated repositories on the Hugging Face Hub.
#include "appcontroller.h"
#include "appicon.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HubGate"));
    QApplication::setOrganizationName(QStringLiteral("HubGate"));
    QApplication::setApplicationVersion(QStringLiteral(HUBGATE_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("HubGate"));
    QApplication::setWindowIcon(hubgate::appIcon());
    QApplication::setDesktopFileName(QStringLiteral("hubgate"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Review access requests and manage gated repositories on the Hugging Face Hub."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("main", "Start an embedded demo Hub on a free loopback port and sign in as its demo user."));
    const QCommandLineOption endpoint(QStringLiteral("endpoint"),
        QCoreApplication::translate("main", "Hub address (default: the preferences, then HF_ENDPOINT, then https://huggingface.co)."),
        QStringLiteral("URL"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Once data has loaded, save the main window as a PNG to FILE and exit."),
        QStringLiteral("FILE"));
    parser.addOptions({demo, endpoint, screenshot});
    parser.process(app);

    if (parser.isSet(demo) && parser.isSet(endpoint)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "--demo and --endpoint cannot be combined.")));
        return 2;
    }
    hubgate::AppOptions options;
    options.demo = parser.isSet(demo);
    options.endpoint = parser.value(endpoint);
    options.screenshotPath = parser.value(screenshot);

    hubgate::AppController controller(options);
    if (!controller.start())
        return 2;
    return app.exec();
}
