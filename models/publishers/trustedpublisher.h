#pragma once
// A trusted publisher: a CI identity (issuer and exact claim values) allowed to exchange its
// OIDC ID token for a Hub token. The JSON mapping follows the management contract.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

namespace hubgate {

enum class PublisherProvider { GitHub, GitLab, CircleCI, Bitbucket, Custom };

// The contract's names: "github", "gitlab", "circleci", "bitbucket", "custom".
QString providerKey(PublisherProvider provider);
std::optional<PublisherProvider> providerFromKey(const QString &key);
// Translated, for people: "GitHub Actions", "GitLab CI", ...
QString providerDisplayName(PublisherProvider provider);

// Claim name and exact value, in the order the user or the Hub gave them.
using PublisherClaim = QPair<QString, QString>;
using PublisherClaims = QList<PublisherClaim>;

QString claimValue(const PublisherClaims &claims, const QString &name); // empty when absent
bool hasClaim(const PublisherClaims &claims, const QString &name);

struct TrustedPublisher
{
    QString id; // "_id", 24 hex digits
    PublisherProvider provider = PublisherProvider::Custom;
    QString providerText; // as the Hub sent it, so an unknown provider is still shown
    QString issuer;
    PublisherClaims claims;
    QDateTime createdAt;
    QString createdBy;
    std::optional<QDateTime> lastUsedAt; // nullopt: never used

    // "repository=acme/training, branch=main"
    QString claimsText() const;
};

// What POST takes: provider, issuer and claims.
struct PublisherDraft
{
    PublisherProvider provider = PublisherProvider::GitHub;
    QString issuer;
    PublisherClaims claims;
};

QByteArray publisherCreateBody(const PublisherDraft &draft);
// One publisher object, or a JSON array of them (the list reply, or a --publishers file).
// nullopt with a reason in *error when the JSON is not of that shape.
std::optional<TrustedPublisher> parsePublisher(const QByteArray &json, QString *error);
std::optional<QList<TrustedPublisher>> parsePublisherList(const QByteArray &json, QString *error);
// The contract's JSON, for --json output and files that --publishers reads back.
QByteArray publishersToJson(const QList<TrustedPublisher> &publishers);

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::TrustedPublisher)
