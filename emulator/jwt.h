#pragma once
// JSON Web Tokens signed with RS256 (RFC 7515, 7517, 7518), the way CI providers sign their OIDC
// ID tokens. All cryptography goes through OpenSSL's EVP interface.

#include "hubstate.h"

#include <memory>
#include <optional>
#include <string>

typedef struct evp_pkey_st EVP_PKEY;

namespace emu {

std::string base64UrlEncode(const std::string &bytes);
std::optional<std::string> base64UrlDecode(const std::string &text); // no value on bad input

// A compact JWS split into its parts; the signature is not checked here.
struct Jwt
{
    Json header;
    Json claims;
    std::string signingInput; // "<header>.<payload>", as signed
    std::string signature;    // raw bytes
};

// No value and a reason when the text is not three base64url parts of JSON objects.
std::optional<Jwt> parseJwt(const std::string &token, std::string *error);

// An RSA 2048 signing key with its key id.
class RsaKey
{
public:
    static std::unique_ptr<RsaKey> generate(const std::string &kid); // nullptr if OpenSSL fails
    ~RsaKey();

    const std::string &kid() const { return m_kid; }
    Json publicJwk() const; // {"kty": "RSA", "use": "sig", "alg": "RS256", "kid", "n", "e"}
    std::string signRs256(const std::string &input) const; // empty on failure

private:
    RsaKey(std::string kid, EVP_PKEY *key) : m_kid(std::move(kid)), m_key(key) {}
    std::string m_kid;
    EVP_PKEY *m_key = nullptr;
};

// Checks an RS256 signature against a public key given as a JWK; false with a reason otherwise.
bool verifyRs256(const Json &jwk, const std::string &input, const std::string &signature,
                 std::string *error);

} // namespace emu
