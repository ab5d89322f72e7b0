#pragma once
// Decides, before any application object exists, whether hubgate needs a window, and runs
// everything that does not (commands, help, version, command-line mistakes) with a
// QCoreApplication, so none of it needs a display.

#include <QStringList>

namespace hubgate::cli {

enum class Launch { Window, Headless };

QStringList rawArguments(int argc, char **argv);
Launch decideLaunch(const QStringList &arguments);

// Returns the exit status (see ExitCode).
int runHeadless(int &argc, char **argv);

} // namespace hubgate::cli
