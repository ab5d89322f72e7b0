#pragma once
// The debugger's verdict on one ID token: its checks and how it compares with every publisher of
// a repo or user, as data for the page, sentences for a terminal, and JSON for scripts.

#include "claimmatch.h"
#include "tokenchecks.h"

#include <QJsonObject>
#include <QStringList>

namespace hubgate {

struct TokenExplanation
{
    DecodedJwt token;
    QList<TokenCheck> checks;
    QList<PublisherMatch> publishers;

    bool checksPass() const;
    const PublisherMatch *firstMatch() const; // nullptr when none matches
    // The Hub would accept the token: a publisher matches and every check passes.
    bool accepted() const { return checksPass() && firstMatch(); }
    // Sentences for the failing checks, then for the publishers (each publisher's failing claims).
    QStringList sentences() const;
    // {"header", "claims", "checks": [{"name","ok","detail"}], "publishers": [{"id","provider",
    //  "issuer","matches","claims": [{"name","expected","actual","derivedFrom","ok"}]}]}
    QJsonObject toJson() const;
};

TokenExplanation explainToken(const DecodedJwt &token, const QList<TrustedPublisher> &publishers,
                              const TokenCheckOptions &options, const SignatureCheck &signature);

} // namespace hubgate
