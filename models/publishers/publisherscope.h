#pragma once
// Whose publishers: one repo's (a token with write access to that repo) or the signed-in user's
// (read-only CI/CD access). Every management path of the contract is built in publisherscope.cpp.

#include "hub/repo.h"

#include <QString>

namespace hubgate {

struct PublisherScope
{
    enum class Kind { Repo, User };
    Kind kind = Kind::Repo;
    QString repoType; // "models", "datasets", "spaces" or "kernels"
    QString repoId;   // namespace/name
    QString userName; // the user's name, for the exchange's resource; may be empty

    static PublisherScope forRepo(const QString &repoType, const QString &repoId);
    static PublisherScope forRepo(const RepoSummary &repo);
    static PublisherScope forUser(const QString &userName = {});

    bool isUser() const { return kind == Kind::User; }
    // The exchange's `resource`: "ns/name", "datasets/ns/name", ..., or the user name.
    QString resource() const;
    // For messages: "datasets/acme/corpus", or "your account".
    QString displayName() const;

    // The management API (NOTES.md, "Trusted publishers").
    QString listPath() const;
    QString createPath() const { return listPath(); }
    QString deletePath(const QString &publisherId) const;
    // The Hub's web page where publishers are managed by hand, relative to the endpoint.
    QString settingsPagePath() const;
};

// "datasets/acme/corpus" → Repo scope; "acme/model" is a model. nullopt when not of that shape.
std::optional<PublisherScope> publisherScopeFromResource(const QString &resource);

} // namespace hubgate
