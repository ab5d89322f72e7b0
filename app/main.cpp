// HubGate: review access requests and manage gated repositories on the Hugging Face Hub.
// Commands, help and version run headless; only the window needs a QApplication (and a display),
// so the choice is made from argv before any application object exists.
#include "appcontroller.h"
#include "appicon.h"
#include "i18n/translations.h"
#include "launcher.h"
#include "windowoptions.h"

#include <QApplication>
#include <QCommandLineParser>

namespace {

int runWindow(int &argc, char **argv)
{
    QApplication app(argc, argv);
    hubgate::cli::setApplicationIdentity();
    hubgate::installTranslations(app);
    QApplication::setApplicationDisplayName(QStringLiteral("HubGate"));
    QApplication::setWindowIcon(hubgate::appIcon());
    QApplication::setDesktopFileName(QStringLiteral("hubgate"));

    // decideLaunch() already refused every command line this parser would refuse.
    QCommandLineParser parser;
    const hubgate::cli::WindowOptions windowOptions;
    hubgate::cli::describeWindowOptions(parser, windowOptions);
    parser.process(app);

    hubgate::AppOptions options;
    options.demo = parser.isSet(windowOptions.demo);
    options.endpoint = parser.value(windowOptions.endpoint);
    options.screenshotPath = parser.value(windowOptions.screenshot);

    hubgate::AppController controller(options);
    if (!controller.start())
        return 2;
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    if (hubgate::cli::decideLaunch(hubgate::cli::rawArguments(argc, argv)) == hubgate::cli::Launch::Headless)
        return hubgate::cli::runHeadless(argc, argv);
    return runWindow(argc, argv);
}
