#pragma once
// A hubgate command: `hubgate NAME [options]`, run headless with a QCoreApplication.
//
// Adding a command:
//   1. Write a class deriving from HubCommand (it talks to the Hub: endpoint and token are
//      resolved for you, then runWithHub() is called) or from Command (it does not).
//      Implement name(), summary(), synopsis(), options(), readOptions() and the run method.
//      Work asynchronously on the event loop (job objects and signals, never a nested event
//      loop) and end with exactly one finish() or fail().
//   2. Add one line for it to the list in commandregistry.cpp, and its files to CMakeLists.txt.
//   3. Describe it in docs/commands.md; test it in tests/cli/ by running the real binary.
// The runner handles --help, `hubgate help NAME`, --endpoint, unknown options and exit codes.

#include "console.h"
#include "exitcode.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>

class QCommandLineParser;

namespace hubgate::cli {

// What the runner hands a command when it runs.
struct CommandContext
{
    QProcessEnvironment environment;
    QString endpointOption; // --endpoint; empty when not given
    Console *console = nullptr;
};

class Command : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString name() const = 0;
    // One line, for `hubgate help`.
    virtual QString summary() const = 0;
    // What follows the name in the usage line: "--repo [datasets/]NS/NAME [--json]".
    virtual QString synopsis() const = 0;
    // More text for `hubgate help NAME`; may be empty.
    virtual QString description() const { return {}; }
    // The command's own options; the runner adds --endpoint and --help.
    virtual QList<QCommandLineOption> options() const { return {}; }
    // Whether words after the name are the command's own (`hubgate gate show`); else refused.
    virtual bool takesPositionalArguments() const { return false; }

    // Checks the parsed options before anything runs. Returns Ok, or Usage / BadInput with one
    // sentence in *problem.
    virtual ExitCode readOptions(const QCommandLineParser &parser, QString *problem) = 0;
    // Called by the runner from the event loop once the options are accepted: keeps the context
    // and calls run().
    void start(const CommandContext &context);
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished(hubgate::cli::ExitCode code);

protected:
    // The work. Ends, now or later, with exactly one finish() or fail().
    virtual void run() = 0;

    void finish(ExitCode code);
    // Says one sentence on stderr, then finishes with code.
    void fail(ExitCode code, const QString &sentence);

    const CommandContext &context() const { return m_context; }
    Console &console() const { return *m_context.console; }

private:
    CommandContext m_context;
    bool m_finished = false;
};

} // namespace hubgate::cli
