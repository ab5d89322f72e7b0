#pragma once
// Reads a repo named on the command line: "NS/NAME" (a model), "models/NS/NAME" or
// "datasets/NS/NAME", with the Hub's rules for namespaces and names.

#include "hub/repo.h"

#include <optional>

namespace hubgate::cli {

// nullopt, with one sentence in *problem, when the text is not a repo id.
std::optional<RepoSummary> parseRepoArgument(const QString &text, QString *problem);

// How the repo is written back in messages: "ns/name" or "datasets/ns/name".
QString repoArgumentText(const RepoSummary &repo);

} // namespace hubgate::cli
