#include "launcher.h"

#include "commandregistry.h"
#include "console.h"
#include "helptext.h"
#include "hubcommand.h"
#include "i18n/translations.h"
#include "windowoptions.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace hubgate::cli {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::cli::Launcher)
};

bool isCommandLine(const QStringList &arguments)
{
    return arguments.size() > 1 && !arguments.at(1).startsWith(u'-');
}

// Options QGuiApplication and QApplication take out of argv before hubgate's parser sees them:
// accepted by the early check so `hubgate -platform offscreen --demo` still opens its window.
QList<QCommandLineOption> qtWindowOptions()
{
    QList<QCommandLineOption> options;
    for (const char *flag : {"reverse", "widgetcount", "nograb", "dograb"})
        options << QCommandLineOption(QString::fromLatin1(flag));
    for (const char *valued : {"platform", "platformpluginpath", "platformtheme", "plugin", "qmljsdebugger",
                               "qwindowgeometry", "qwindowicon", "qwindowtitle", "session", "display", "geometry",
                               "style", "stylesheet"})
        options << QCommandLineOption(QString::fromLatin1(valued), QString(), QStringLiteral("value"));
    for (QCommandLineOption &option : options)
        option.setFlags(QCommandLineOption::HiddenFromHelp);
    return options;
}

// The window's command line, checked the way the window will check it.
struct WindowCommandLine
{
    WindowOptions options;
    QCommandLineParser parser;
    bool parsed = false;

    explicit WindowCommandLine(const QStringList &arguments)
    {
        describeWindowOptions(parser, options);
        parser.addOptions(qtWindowOptions());
        parsed = parser.parse(arguments);
    }
    bool asksForHelpOrVersion() const
    {
        return parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")) ||
               parser.isSet(QStringLiteral("version"));
    }
    // Empty when the window can start with this command line.
    QString problem() const
    {
        if (!parsed)
            return parser.errorText();
        if (!parser.positionalArguments().isEmpty())
            return Text::tr("“%1” is not an option; a command comes first, as in “hubgate requests --repo NAMESPACE/NAME”.")
                .arg(parser.positionalArguments().constFirst());
        if (parser.isSet(options.demo) && parser.isSet(options.endpoint))
            return Text::tr("--demo and --endpoint cannot be combined.");
        return {};
    }
};

// Number of single-character edits between two short words, for "did you mean".
int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = qMin(qMin(row[j] + 1, row[j - 1] + 1), diagonal + (a.at(i - 1) == b.at(j - 1) ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.size()];
}

int unknownCommand(Console &console, const QString &name)
{
    console.error(Text::tr("“%1” is not a hubgate command.").arg(name));
    for (const auto &command : createAllCommands()) {
        if (editDistance(name, command->name()) <= 2) {
            console.note(Text::tr("Did you mean “hubgate %1”?").arg(command->name()));
            break;
        }
    }
    console.note(Text::tr("Run “hubgate help” to list the commands."));
    return toInt(ExitCode::Usage);
}

int runHelp(Console &console, const QStringList &arguments)
{
    if (arguments.size() == 2) {
        console.out() << commandListHelp();
        return toInt(ExitCode::Ok);
    }
    if (arguments.size() > 3) {
        console.error(Text::tr("“hubgate help” takes at most one command name."));
        return toInt(ExitCode::Usage);
    }
    const std::unique_ptr<Command> command = createCommand(arguments.at(2));
    if (!command)
        return unknownCommand(console, arguments.at(2));
    console.out() << commandHelp(*command);
    return toInt(ExitCode::Ok);
}

int runCommand(QCoreApplication &app, Console &console, Command &command, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(command.options());
    const QCommandLineOption endpoint = endpointOption();
    const QCommandLineOption help = helpOption();
    parser.addOption(endpoint);
    parser.addOption(help);
    const QString hint = Text::tr("Run “hubgate %1 --help” for its options.").arg(command.name());
    if (!parser.parse(QStringList{arguments.constFirst()} + arguments.mid(2))) {
        console.error(parser.errorText());
        console.note(hint);
        return toInt(ExitCode::Usage);
    }
    if (parser.isSet(help)) {
        console.out() << commandHelp(command);
        return toInt(ExitCode::Ok);
    }
    if (!command.takesPositionalArguments() && !parser.positionalArguments().isEmpty()) {
        console.error(Text::tr("“%1” was not expected here.").arg(parser.positionalArguments().constFirst()));
        console.note(hint);
        return toInt(ExitCode::Usage);
    }
    QString problem;
    const ExitCode accepted = command.readOptions(parser, &problem);
    if (accepted != ExitCode::Ok) {
        console.error(problem);
        if (accepted == ExitCode::Usage)
            console.note(hint);
        return toInt(accepted);
    }

    CommandContext context;
    context.environment = QProcessEnvironment::systemEnvironment();
    context.endpointOption = parser.value(endpoint);
    context.console = &console;
    QObject::connect(&command, &Command::finished, &app, [](ExitCode code) { QCoreApplication::exit(toInt(code)); });
    // Started from the event loop, so a command that finishes at once still ends exec().
    QMetaObject::invokeMethod(&command, [&command, context] { command.start(context); }, Qt::QueuedConnection);
    return app.exec();
}

} // namespace

QStringList rawArguments(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

Launch decideLaunch(const QStringList &arguments)
{
    if (isCommandLine(arguments))
        return Launch::Headless;
    const WindowCommandLine commandLine(arguments);
    if (commandLine.asksForHelpOrVersion() || !commandLine.problem().isEmpty())
        return Launch::Headless;
    return Launch::Window;
}

int runHeadless(int &argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslations(app); // English too: it holds the plural forms of the "%n" messages
    Console console;
    const QStringList arguments = QCoreApplication::arguments();

    if (isCommandLine(arguments)) {
        const QString name = arguments.at(1);
        if (name == QLatin1String("help"))
            return runHelp(console, arguments);
        const std::unique_ptr<Command> command = createCommand(name);
        if (!command)
            return unknownCommand(console, name);
        const int status = runCommand(app, console, *command, arguments);
        console.flush();
        return status;
    }

    const WindowCommandLine commandLine(arguments);
    if (!commandLine.problem().isEmpty()) { // before --help: a mistake is never silent
        console.error(commandLine.problem());
        console.note(Text::tr("Run “hubgate --help” for the options."));
        return toInt(ExitCode::Usage);
    }
    if (commandLine.parser.isSet(QStringLiteral("version"))) {
        console.out() << QCoreApplication::applicationName() << u' ' << QCoreApplication::applicationVersion() << u'\n';
        return toInt(ExitCode::Ok);
    }
    console.out() << windowHelp(commandLine.parser);
    return toInt(ExitCode::Ok);
}

} // namespace hubgate::cli
