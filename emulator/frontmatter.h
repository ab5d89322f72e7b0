#pragma once
// README.md front matter as the Hub reads it: the YAML block between the leading "---" lines.

#include "hubstate.h"

#include <string>

namespace emu {

struct FrontMatter
{
    bool present = false; // the README starts with a front matter block
    Json data = Json::object();
    std::string error; // non-empty when the block is not valid YAML or not a mapping
};

FrontMatter parseFrontMatter(const std::string &readme);

// The Hub's checks of gate-form metadata; returns an empty string when the card is valid.
std::string validateCardMetadata(const Json &card);

} // namespace emu
