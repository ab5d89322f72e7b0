#pragma once
// Loading seed and state files; the built-in demo data lives in the resource ":/emulator/demo-hub.json".

#include "hubstate.h"

#include <QString>

namespace emu {

// The path of the built-in demo seed.
QString demoSeedPath();

// Reads a seed or state file (JSON). Returns false with a readable message on failure.
bool loadSeedFile(const QString &path, HubState *state, QString *error);

} // namespace emu
