#pragma once
// --repo [models/|datasets/|spaces/|kernels/]NS/NAME or --user: whose trusted publishers a
// command works on. Shared by `publishers` and `oidc explain`.

#include "exitcode.h"
#include "publishers/publisherscope.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace hubgate::cli {

QCommandLineOption publisherRepoOption();
QCommandLineOption publisherUserOption();

// nullopt with a sentence in *problem when text is not such a repo.
std::optional<PublisherScope> parsePublisherRepo(const QString &text, QString *problem);

// Reads --repo or --user (exactly one unless allowNone): Ok, Usage or BadInput.
ExitCode readPublisherScope(const QCommandLineParser &parser, std::optional<PublisherScope> *scope, QString *problem,
                            bool allowNone = false);

} // namespace hubgate::cli
