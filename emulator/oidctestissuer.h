#pragma once
// The emulator's own OIDC issuer at {server}/oidc-test, standing in for a CI provider: an OpenID
// discovery document, a JWKS with two RS256 keys, and tokens minted with any claims for tests.
// The keys are generated on first use (RSA 2048 takes a moment), so servers that never see an
// OIDC request start as fast as before.

#include "jwt.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace emu {

class OidcTestIssuer
{
public:
    static constexpr const char *pathPrefix = "/oidc-test";

    Json discovery(const std::string &issuerUrl) const; // issuerUrl = origin + pathPrefix
    Json jwks();

    // A signed JWT. header entries are added to (or replace) {"alg", "typ", "kid"}. kid picks a
    // published key (the first by default); unpublishedKey signs with a key missing from the
    // JWKS. No value and a reason if the kid is unknown or OpenSSL fails.
    std::optional<std::string> mint(const Json &claims, const Json &header, const std::string &kid,
                                    bool unpublishedKey, std::string *error);

private:
    bool ensureKeys();
    std::vector<std::unique_ptr<RsaKey>> m_published;
    std::unique_ptr<RsaKey> m_unpublished;
};

} // namespace emu
