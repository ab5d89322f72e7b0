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
    // README front matter, as the Hub parsed it. QJsonObject sorts keys: the gate form's order
    // comes from parseGateFields() (access/gateform.h), which reads the reply text itself.
    QJsonObject cardData;
};

std::optional<RepoInfo> parseRepoInfo(const QByteArray &json, RepoKind kind, QString *error);

} // namespace hubgate
