#pragma once
// Every hubgate command, in the order `hubgate help` lists them. Adding a command is one line in
// commandregistry.cpp.

#include "command.h"

#include <memory>
#include <vector>

namespace hubgate::cli {

std::vector<std::unique_ptr<Command>> createAllCommands();
// nullptr when there is no command of that name.
std::unique_ptr<Command> createCommand(const QString &name);

} // namespace hubgate::cli
