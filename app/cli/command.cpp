#include "command.h"

namespace hubgate::cli {

void Command::start(const CommandContext &context)
{
    m_context = context;
    run();
}

void Command::finish(ExitCode code)
{
    if (m_finished) // the first outcome is the one that counts
        return;
    m_finished = true;
    Q_EMIT finished(code);
}

void Command::fail(ExitCode code, const QString &sentence)
{
    if (m_finished)
        return;
    if (m_context.console)
        m_context.console->error(sentence);
    finish(code);
}

} // namespace hubgate::cli
