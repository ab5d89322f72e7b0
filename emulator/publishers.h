#pragma once
// Trusted publishers: their JSON shape, seed format, input rules and how a publisher's claims
// are compared with the claims of an OIDC ID token.

#include "hubstate.h"

#include <functional>
#include <string>
#include <vector>

namespace emu {

// {"_id", "provider", "issuer", "claims", "createdAt", "createdBy", "lastUsedAt"}.
Json publisherJson(const Publisher &publisher);

// Seed and state file: "trustedPublishers": [{"repo": "ns/name", "type": "model"} or
// {"user": "name"}, plus "provider", "issuer", "claims" and optionally "_id", "createdAt",
// "createdBy", "lastUsedAt"]. Throws std::runtime_error on a malformed entry.
void loadPublishers(HubState &state, const Json &entries);
Json savePublishers(const HubState &state);

// The reason a POST body is refused, or empty. Only https issuers are taken, except the
// emulator's own test issuer, which isTestIssuer recognises.
std::string publisherInputError(const Json &body,
                                const std::function<bool(const std::string &)> &isTestIssuer);

// Same issuer and the same claims (in any order): the POST answers 409.
bool samePublisher(const Publisher &a, const Publisher &b);

// Why a token's claims do not satisfy a publisher, one line per configured claim that fails,
// e.g. "branch: token has refs/heads/dev, publisher wants main". Empty when all claims match.
std::vector<std::string> claimMismatches(const Publisher &publisher, const Json &tokenClaims);

std::string newPublisherId();

} // namespace emu
