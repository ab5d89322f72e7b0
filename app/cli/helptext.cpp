#include "helptext.h"

#include "commandregistry.h"
#include "hubcommand.h"

#include <QCoreApplication>

namespace hubgate::cli {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::cli::HelpText)
};

constexpr qsizetype LineWidth = 79;

// Words of `text` on lines of at most `width` characters, each line after the first starting
// with `indent` spaces.
QString wrapped(const QString &text, qsizetype indent, qsizetype width)
{
    QString result;
    qsizetype column = indent;
    bool lineStart = true;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!lineStart && column + 1 + word.size() > width) {
            result += u'\n' + QString(indent, u' ');
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            result += u' ';
            ++column;
        }
        result += word;
        column += word.size();
        lineStart = false;
    }
    return result;
}

QString optionNames(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    QString text = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        text += QStringLiteral(" <") + option.valueName() + u'>';
    return text;
}

// Two columns: names and value, then the wrapped description.
QString optionList(const QList<QCommandLineOption> &options)
{
    qsizetype nameWidth = 0;
    for (const QCommandLineOption &option : options)
        nameWidth = qMax(nameWidth, optionNames(option).size());
    const qsizetype indent = 2 + nameWidth + 2;
    QString text;
    for (const QCommandLineOption &option : options)
        text += QStringLiteral("  ") + optionNames(option).leftJustified(nameWidth + 2, u' ') +
                wrapped(option.description(), indent, LineWidth) + u'\n';
    return text;
}

QString commandTable()
{
    const auto commands = createAllCommands();
    const QString helpName = QStringLiteral("help");
    qsizetype width = helpName.size();
    for (const auto &command : commands)
        width = qMax(width, command->name().size());
    const qsizetype indent = 2 + width + 2;
    QString text = QStringLiteral("  ") + helpName.leftJustified(width + 2, u' ') +
                   wrapped(Text::tr("List the commands, or show how to use one."), indent, LineWidth) + u'\n';
    for (const auto &command : commands)
        text += QStringLiteral("  ") + command->name().leftJustified(width + 2, u' ') +
                wrapped(command->summary(), indent, LineWidth) + u'\n';
    return text;
}

QString paragraph(const QString &text)
{
    return wrapped(text, 0, LineWidth) + u'\n';
}

} // namespace

QCommandLineOption endpointOption()
{
    return QCommandLineOption(QStringLiteral("endpoint"),
                              Text::tr("The Hub's address. Default: HF_ENDPOINT, then the app's preference, then "
                                       "https://huggingface.co."),
                              QStringLiteral("URL"));
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, Text::tr("Show this help."));
}

QString windowHelp(const QCommandLineParser &windowParser)
{
    QString text = windowParser.helpText();
    // Qt's first line names the program as it was started ("Usage: build/app/hubgate [options]"):
    // replaced by both forms, window and command.
    const QString usage = Text::tr("Usage:");
    text.replace(0, text.indexOf(u'\n') + 1,
                 usage + QStringLiteral(" hubgate [options]\n") + QString(usage.size(), u' ') +
                     QStringLiteral(" hubgate COMMAND [options]\n"));
    text += u'\n' + Text::tr("Commands (no window, no display needed):") + u'\n' + commandTable();
    text += u'\n' + paragraph(Text::tr("Run “hubgate help COMMAND” for the options of a command."));
    return text;
}

QString commandListHelp()
{
    QString text = Text::tr("Usage:") + QStringLiteral(" hubgate COMMAND [options]\n\n");
    text += Text::tr("Commands:") + u'\n' + commandTable() + u'\n';
    text += paragraph(Text::tr("Run “hubgate help COMMAND” or “hubgate COMMAND --help” for the options of a "
                               "command. Without a command hubgate opens its window; “hubgate --help” shows the "
                               "window's options."));
    return text;
}

QString commandHelp(const Command &command)
{
    QString text = Text::tr("Usage:") + QStringLiteral(" hubgate ") + command.name() + u' ' + command.synopsis() +
                   QStringLiteral(" [--endpoint URL]\n");
    text += paragraph(command.summary());
    if (!command.description().isEmpty())
        text += u'\n' + paragraph(command.description());
    text += u'\n' + Text::tr("Options:") + u'\n' + optionList(command.options() + QList{endpointOption(), helpOption()});
    if (qobject_cast<const HubCommand *>(&command)) {
        text += u'\n' + paragraph(Text::tr("The token comes from HF_TOKEN, then the system keychain entry the "
                                           "HubGate window saved for the Hub, then $HF_HOME/token (HF_HOME "
                                           "defaults to ~/.cache/huggingface)."));
    }
    text += u'\n' + paragraph(Text::tr("Exit status: 0 done; 1 the Hub or the network failed, or there is no "
                                       "token; 2 the command line is wrong; 3 a value is malformed."));
    return text;
}

} // namespace hubgate::cli
