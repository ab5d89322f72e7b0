#pragma once
// What GET /api/{models|datasets}/{ns}/{name} tells about one repo.

#include "repo.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace hubgate {

struct RepoInfo
{
    RepoSummary summary;
    QString sha;          // head commit of main
    QStringList files;    // siblings
    QJsonObject cardData; // README front matter, as the Hub parsed it
    QStringList gateFieldNames() const; // keys of extra_gated_fields, sorted by name
};

std::optional<RepoInfo> parseRepoInfo(const QByteArray &json, RepoKind kind, QString *error);

} // namespace hubgate
