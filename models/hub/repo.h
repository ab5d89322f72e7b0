#pragma once
// Repos as the Hub lists them.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace hubgate {

enum class RepoKind { Model, Dataset };
enum class GatingMode { Off, Auto, Manual, Unknown };

QString repoKindPlural(RepoKind kind); // "models" / "datasets"
QString gatingModeName(GatingMode mode); // translated: "Off", "Automatic", "Manual"

struct RepoSummary
{
    RepoKind kind = RepoKind::Model;
    QString id; // namespace/name
    bool isPrivate = false;
    GatingMode gating = GatingMode::Off;
    QString gatingText; // the raw value when unknown, so nothing is hidden
    QDateTime lastModified;
    qint64 likes = 0;
    qint64 downloads = 0;

    QString ns() const { return id.section(QLatin1Char('/'), 0, 0); }
    QString name() const { return id.section(QLatin1Char('/'), 1); }
    // The repo's page on the Hub, relative to the endpoint: "/ns/name" or "/datasets/ns/name".
    QString webPath() const;
    // The repo's API path: "/api/models/ns/name", plus "/suffix" when one is given. Every call
    // about one repo builds its path here.
    QString apiPath(const QString &suffix = {}) const;
    // Stable key across kinds: "models/ns/name".
    QString key() const { return repoKindPlural(kind) + QLatin1Char('/') + id; }
};

// Appends the repos of one page of /api/models or /api/datasets; false with a reason if the
// page is not a JSON array of repos.
bool parseRepoPage(const QByteArray &json, RepoKind kind, QList<RepoSummary> *out, QString *error);

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::RepoSummary)
