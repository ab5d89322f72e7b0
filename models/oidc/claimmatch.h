#pragma once
// A token's claims against one trusted publisher, claim by claim, the way the Hub matches them
// (exactly), with the claims that are derived from another made explicit: the branch from ref,
// the workflow file from workflow_ref.

#include "publishers/trustedpublisher.h"

#include <QJsonObject>

namespace hubgate {

struct ClaimComparison
{
    QString name;        // the publisher's claim, or "iss" for the issuer
    QString expected;    // the publisher's value
    QString actual;      // the token's value, after derivation; empty when absent
    QString derivedFrom; // the token claim it comes from when not the same name ("ref"); else empty
    bool present = false; // the token has it
    bool ok = false;
    QString explanation; // for a failing claim, a sentence; empty when ok
};

struct PublisherMatch
{
    TrustedPublisher publisher;
    QList<ClaimComparison> claims; // the issuer first, then the publisher's claims in order
    bool matches = false;
};

PublisherMatch matchPublisher(const QJsonObject &tokenClaims, const TrustedPublisher &publisher);

} // namespace hubgate
