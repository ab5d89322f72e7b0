#pragma once
// The texts of `hubgate --help`, `hubgate help` and `hubgate help COMMAND`.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace hubgate::cli {

class Command;

// Options every command has.
QCommandLineOption endpointOption();
QCommandLineOption helpOption();

QString windowHelp(const QCommandLineParser &windowParser); // the window's options, then the commands
QString commandListHelp();                                   // `hubgate help`
QString commandHelp(const Command &command);                 // `hubgate help NAME`, `hubgate NAME --help`

} // namespace hubgate::cli
