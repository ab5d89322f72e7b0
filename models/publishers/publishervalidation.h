#pragma once
// Checks a publisher before it is sent, as strictly as PyPI checks its trusted publishers: each
// problem names the field it is about, so a form can show it next to that field.

#include "publisherpresets.h"

namespace hubgate {

struct PublisherProblem
{
    enum class Where { Issuer, Claim, ClaimSet };
    Where where = Where::Claim;
    QString claim; // the claim name when where == Claim
    QString message;
};

struct PublisherValidation
{
    QList<PublisherProblem> errors;   // the publisher cannot be sent
    QList<PublisherProblem> warnings; // it can, but the set-up is weak

    bool isValid() const { return errors.isEmpty(); }
    // The first error about that claim (or the issuer with an empty name); empty when none.
    QString errorFor(const QString &claimName) const;
    QString issuerError() const;
    QStringList messages() const; // every error, in order, for a terminal
};

// The whole draft: issuer, required claims, each value, unknown names, and weak set-ups. Claims
// with an empty value count as not set.
PublisherValidation validatePublisher(const PublisherDraft &draft);
// An issuer accepted for every provider, as the Hub it talks to accepts it: a Hub emulator's
// built-in test issuer (http, on loopback). Empty (the default): none.
void setTestIssuer(const QString &issuer);
QString testIssuer();

// One field as the user types: empty when the value is acceptable.
QString issuerProblem(PublisherProvider provider, const QString &issuer);
QString claimProblem(PublisherProvider provider, const QString &name, const QString &value);
// The parameter of a FromParameter issuer (CircleCI organization ID, Bitbucket workspace).
QString issuerParameterProblem(PublisherProvider provider, const QString &parameter);

// The claims worth sending: those with a value, in order.
PublisherClaims filledClaims(const PublisherClaims &claims);

} // namespace hubgate
