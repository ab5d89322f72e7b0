#include "repoinfo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace hubgate {

std::optional<RepoInfo> parseRepoInfo(const QByteArray &json, RepoKind kind, QString *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("Repo", "the repo info is not a JSON object");
        return std::nullopt;
    }
    QList<RepoSummary> one;
    if (!parseRepoPage("[" + json + "]", kind, &one, error) || one.isEmpty()) {
        if (error->isEmpty())
            *error = QCoreApplication::translate("Repo", "the repo info has no valid id");
        return std::nullopt;
    }
    const QJsonObject object = doc.object();
    RepoInfo info;
    info.summary = one.constFirst();
    info.sha = object.value(QLatin1String("sha")).toString();
    info.cardData = object.value(QLatin1String("cardData")).toObject();
    for (const QJsonValue &sibling : object.value(QLatin1String("siblings")).toArray())
        info.files.append(sibling.toObject().value(QLatin1String("rfilename")).toString());
    return info;
}

} // namespace hubgate
