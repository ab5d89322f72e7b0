#include "commandregistry.h"

#include "exportcommand.h"
#include "oidccommand.h"
#include "publisherscommand.h"
#include "gatecommand.h"
#include "requestscommand.h"

namespace hubgate::cli {

namespace {

template<typename T>
std::unique_ptr<Command> make()
{
    return std::make_unique<T>();
}

using Factory = std::unique_ptr<Command> (*)();

// One line per command.
constexpr Factory Factories[] = {
    make<RequestsCommand>,
    make<ExportCommand>,
    make<PublishersCommand>,
    make<OidcCommand>,
    make<GateCommand>,
};

} // namespace

std::vector<std::unique_ptr<Command>> createAllCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    for (const Factory factory : Factories)
        commands.push_back(factory());
    return commands;
}

std::unique_ptr<Command> createCommand(const QString &name)
{
    for (std::unique_ptr<Command> &command : createAllCommands()) {
        if (command->name() == name)
            return std::move(command);
    }
    return nullptr;
}

} // namespace hubgate::cli
