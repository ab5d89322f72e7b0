#include "repo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hubgate {

QString repoKindPlural(RepoKind kind)
{
    return kind == RepoKind::Model ? QStringLiteral("models") : QStringLiteral("datasets");
}

QString gatingModeName(GatingMode mode)
{
    switch (mode) {
    case GatingMode::Off: return QCoreApplication::translate("Repo", "Off");
    case GatingMode::Auto: return QCoreApplication::translate("Repo", "Automatic");
    case GatingMode::Manual: return QCoreApplication::translate("Repo", "Manual");
    case GatingMode::Unknown: break;
    }
    return QCoreApplication::translate("Repo", "Unknown");
}

QString RepoSummary::apiPath(const QString &suffix) const
{
    QString path = QStringLiteral("/api/") + repoKindPlural(kind) + QLatin1Char('/') + id;
    if (!suffix.isEmpty())
        path += QLatin1Char('/') + suffix;
    return path;
}

QString RepoSummary::webPath() const
{
    return (kind == RepoKind::Dataset ? QStringLiteral("/datasets/") : QStringLiteral("/")) + id;
}

static void readGating(const QJsonValue &value, RepoSummary *repo)
{
    if (value.isBool() || value.isUndefined() || value.isNull()) {
        repo->gating = value.toBool() ? GatingMode::Unknown : GatingMode::Off;
        repo->gatingText = value.toBool() ? QStringLiteral("true") : QString();
    } else if (value.toString() == QLatin1String("auto")) {
        repo->gating = GatingMode::Auto;
    } else if (value.toString() == QLatin1String("manual")) {
        repo->gating = GatingMode::Manual;
    } else {
        repo->gating = GatingMode::Unknown;
        repo->gatingText = value.toString();
    }
}

bool parseRepoPage(const QByteArray &json, RepoKind kind, QList<RepoSummary> *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isArray()) {
        *error = QCoreApplication::translate("Repo", "the repo list is not a JSON array (%1)")
                     .arg(parseError.errorString());
        return false;
    }
    for (const QJsonValue &value : doc.array()) {
        const QJsonObject object = value.toObject();
        RepoSummary repo;
        repo.kind = kind;
        repo.id = object.value(QLatin1String("id")).toString();
        if (repo.id.count(QLatin1Char('/')) != 1)
            continue; // not a repo we can address
        repo.isPrivate = object.value(QLatin1String("private")).toBool();
        readGating(object.value(QLatin1String("gated")), &repo);
        repo.lastModified = QDateTime::fromString(object.value(QLatin1String("lastModified")).toString(),
                                                  Qt::ISODateWithMs);
        repo.likes = object.value(QLatin1String("likes")).toInteger();
        repo.downloads = object.value(QLatin1String("downloads")).toInteger();
        out->append(repo);
    }
    return true;
}

} // namespace hubgate
