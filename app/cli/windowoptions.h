#pragma once
// The options of hubgate's window (no command), shared by the window's own parser and by the
// headless launcher, which answers --help, --version and mistakes without opening a display.

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace hubgate::cli {

struct WindowOptions
{
    WindowOptions();
    QCommandLineOption demo;
    QCommandLineOption endpoint;
    QCommandLineOption screenshot;
};

// Description, --help, --version and the window options.
void describeWindowOptions(QCommandLineParser &parser, const WindowOptions &options);

// Application and organisation names and the version: QSettings and --version agree whether
// hubgate runs with a window or without.
void setApplicationIdentity();

} // namespace hubgate::cli
