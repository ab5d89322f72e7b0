#pragma once
// Verifies an RS256 ID token against the issuer's published keys (a JWKS document), with
// OpenSSL. Without keys the signature is "not verified", which is not a failure.

#include "jwt.h"

namespace hubgate {

struct SignatureCheck
{
    enum class Status {
        NotVerified,          // no keys were given (or could not be fetched)
        Verified,             // the key named by kid verifies the signature
        Invalid,              // the key does not verify it: altered or signed by someone else
        UnknownKey,           // the issuer publishes no key with this kid
        UnsupportedAlgorithm, // not RS256 (alg "none" included)
    };
    Status status = Status::NotVerified;
    QString detail; // one sentence for a person

    // NotVerified and Verified do not fail the verdict.
    bool isAcceptable() const { return status == Status::NotVerified || status == Status::Verified; }
};

// jwks: the JWKS JSON ({"keys": [...]}); the key is chosen by the token's kid.
SignatureCheck verifySignature(const DecodedJwt &token, const QByteArray &jwks);
// NotVerified, with the reason (a sentence end such as "the keys could not be fetched: ...").
SignatureCheck signatureNotVerified(const QString &reason);

} // namespace hubgate
