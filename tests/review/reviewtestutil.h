#pragma once
// What the emulator holds about the demo's nimbus-ai/nimbus-7b requests, for review tests.

#include "emulatorfixture.h"
#include "hubapi.h"

#include <QString>

namespace reviewtest {

inline emu::Repo *nimbus7b(testing::EmulatorFixture &hub)
{
    return hub.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
}

inline emu::AccessRequest *serverRequest(testing::EmulatorFixture &hub, const QString &user)
{
    const emu::User *u = hub.api().state().userByName(user.toStdString());
    return u ? nimbus7b(hub)->findRequest(u->id) : nullptr;
}

inline std::string serverStatus(testing::EmulatorFixture &hub, const QString &user)
{
    const emu::AccessRequest *request = serverRequest(hub, user);
    return request ? request->status : std::string();
}

} // namespace reviewtest
