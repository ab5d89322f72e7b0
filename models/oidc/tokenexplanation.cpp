#include "tokenexplanation.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TokenExplanation)
};

QJsonValue textOrNull(const QString &text, bool present = true)
{
    return present ? QJsonValue(text) : QJsonValue(QJsonValue::Null);
}

QString publisherName(const TrustedPublisher &publisher)
{
    const QString claims = publisher.claimsText();
    return claims.isEmpty() ? providerDisplayName(publisher.provider)
                            : Text::tr("%1 (%2)", "provider and claims").arg(providerDisplayName(publisher.provider), claims);
}

} // namespace

bool TokenExplanation::checksPass() const
{
    return std::all_of(checks.cbegin(), checks.cend(), [](const TokenCheck &check) { return check.ok; });
}

const PublisherMatch *TokenExplanation::firstMatch() const
{
    for (const PublisherMatch &match : publishers)
        if (match.matches)
            return &match;
    return nullptr;
}

QStringList TokenExplanation::sentences() const
{
    QStringList lines;
    for (const TokenCheck &check : checks)
        if (!check.ok)
            lines << check.detail;
    if (publishers.isEmpty())
        lines << Text::tr("No trusted publisher is configured, so no token can be exchanged.");
    if (const PublisherMatch *match = firstMatch()) {
        lines << Text::tr("The token matches the publisher %1.").arg(publisherName(match->publisher));
        return lines;
    }
    for (const PublisherMatch &match : publishers) {
        lines << Text::tr("Publisher %1 does not match:").arg(publisherName(match.publisher));
        for (const ClaimComparison &claim : match.claims)
            if (!claim.ok)
                lines << QStringLiteral("  ") + claim.explanation;
    }
    return lines;
}

QJsonObject TokenExplanation::toJson() const
{
    QJsonArray checkArray;
    for (const TokenCheck &check : checks)
        checkArray.append(QJsonObject{{QStringLiteral("name"), check.name},
                                      {QStringLiteral("ok"), check.ok},
                                      {QStringLiteral("detail"), check.detail}});
    QJsonArray publisherArray;
    for (const PublisherMatch &match : publishers) {
        QJsonArray claimArray;
        for (const ClaimComparison &claim : match.claims)
            claimArray.append(QJsonObject{{QStringLiteral("name"), claim.name},
                                          {QStringLiteral("expected"), claim.expected},
                                          {QStringLiteral("actual"), textOrNull(claim.actual, claim.present)},
                                          {QStringLiteral("derivedFrom"), textOrNull(claim.derivedFrom, !claim.derivedFrom.isEmpty())},
                                          {QStringLiteral("ok"), claim.ok}});
        const TrustedPublisher &publisher = match.publisher;
        publisherArray.append(QJsonObject{
            {QStringLiteral("id"), publisher.id},
            {QStringLiteral("provider"), publisher.providerText.isEmpty() ? providerKey(publisher.provider) : publisher.providerText},
            {QStringLiteral("issuer"), publisher.issuer},
            {QStringLiteral("matches"), match.matches},
            {QStringLiteral("claims"), claimArray}});
    }
    return QJsonObject{{QStringLiteral("header"), token.header},
                       {QStringLiteral("claims"), token.claims},
                       {QStringLiteral("checks"), checkArray},
                       {QStringLiteral("publishers"), publisherArray}};
}

TokenExplanation explainToken(const DecodedJwt &token, const QList<TrustedPublisher> &publishers,
                              const TokenCheckOptions &options, const SignatureCheck &signature)
{
    TokenExplanation explanation;
    explanation.token = token;
    explanation.checks = checkToken(token, options, signature);
    for (const TrustedPublisher &publisher : publishers)
        explanation.publishers.append(matchPublisher(token.claims, publisher));
    return explanation;
}

} // namespace hubgate
