#pragma once
// The checks the Hub makes on any ID token before looking at publishers: issuer, audience,
// validity period (with a named clock skew) and signature.

#include "jwt.h"
#include "jwtsignature.h"

#include <QDateTime>
#include <QList>
#include <QUrl>

namespace hubgate {

struct TokenCheck
{
    QString name; // "iss", "aud", "exp", "nbf", "iat", "signature"
    bool ok = true;
    QString detail; // a sentence a CI maintainer understands
};

struct TokenCheckOptions
{
    QUrl hubUrl;                     // the expected audience
    QDateTime now;                   // injectable; invalid means the current time
    int clockSkewSeconds = DefaultClockSkewSeconds;
    static constexpr int DefaultClockSkewSeconds = 60;
};

// iss, aud, exp, nbf, iat in this order, then the signature as given.
QList<TokenCheck> checkToken(const DecodedJwt &token, const TokenCheckOptions &options, const SignatureCheck &signature);

} // namespace hubgate
