#include "windowoptions.h"

#include <QCoreApplication>

namespace hubgate::cli {

WindowOptions::WindowOptions()
    : demo(QStringLiteral("demo"),
           QCoreApplication::translate("main", "Start an embedded demo Hub on a free loopback port and sign in as its demo user."))
    , endpoint(QStringLiteral("endpoint"),
               QCoreApplication::translate("main", "Hub address (default: HF_ENDPOINT, then the address chosen in the app, then https://huggingface.co)."),
               QStringLiteral("URL"))
    , screenshot(QStringLiteral("screenshot"),
                 QCoreApplication::translate("main", "Once data has loaded, save the main window as a PNG to FILE and exit."),
                 QStringLiteral("FILE"))
{
}

void describeWindowOptions(QCommandLineParser &parser, const WindowOptions &options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Review access requests and manage gated repositories on the Hugging Face Hub."));
    // "-demo" must not read as "-d -e -m -o"; Qt's own "-platform NAME" style options stay whole.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.demo, options.endpoint, options.screenshot});
}

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("HubGate"));
    QCoreApplication::setOrganizationName(QStringLiteral("HubGate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBGATE_VERSION));
}

} // namespace hubgate::cli
