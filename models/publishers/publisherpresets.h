#pragma once
// What the add form asks for each provider: how the issuer is made, which claims the user fills
// in, which of them are required, and help text. The claim names are the contract's.

#include "trustedpublisher.h"

#include <QList>
#include <QString>

namespace hubgate {

namespace claim {
inline QString repository() { return QStringLiteral("repository"); }
inline QString branch() { return QStringLiteral("branch"); }
inline QString workflow() { return QStringLiteral("workflow"); }
inline QString environment() { return QStringLiteral("environment"); }
inline QString projectPath() { return QStringLiteral("project_path"); }
inline QString circleCiProjectId() { return QStringLiteral("oidc.circleci.com/project-id"); }
inline QString repositoryUuid() { return QStringLiteral("repositoryUuid"); }
inline QString branchName() { return QStringLiteral("branchName"); }
} // namespace claim

struct ClaimField
{
    QString name;        // the claim as the Hub stores it
    QString label;       // translated
    QString placeholder; // an example value
    QString help;        // one or two sentences, translated
    bool required = false;
};

// How the issuer URL is obtained for a provider.
enum class IssuerInput {
    Fixed,         // GitHub: always the same URL
    Editable,      // GitLab: a default (gitlab.com) the user may replace by a self-hosted URL
    FromParameter, // CircleCI (organization id), Bitbucket (workspace): a URL around one value
    Free,          // custom: any https URL
};

struct PublisherPreset
{
    PublisherProvider provider = PublisherProvider::Custom;
    IssuerInput issuerInput = IssuerInput::Free;
    QString defaultIssuer;  // empty when there is none
    QString parameterLabel; // FromParameter: "Organization ID", "Workspace"
    QString parameterPlaceholder;
    QString issuerHelp;
    QList<ClaimField> fields; // empty for custom: the user names the claims
    bool rawClaims = false;   // custom: any claim names

    const ClaimField *field(const QString &name) const;
};

QList<PublisherProvider> allProviders();
PublisherPreset publisherPreset(PublisherProvider provider);
// The issuer of a FromParameter preset for that value (not validated).
QString issuerFromParameter(PublisherProvider provider, const QString &parameter);
// The value a FromParameter issuer was made from; empty when the URL is not of that shape.
QString parameterFromIssuer(PublisherProvider provider, const QString &issuer);

QString githubIssuer();
QString gitlabDefaultIssuer();

} // namespace hubgate
