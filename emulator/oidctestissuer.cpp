#include "oidctestissuer.h"

namespace emu {

bool OidcTestIssuer::ensureKeys()
{
    if (!m_published.empty())
        return true;
    for (const char *kid : {"test-key-1", "test-key-2"}) {
        auto key = RsaKey::generate(kid);
        if (!key)
            return false;
        m_published.push_back(std::move(key));
    }
    m_unpublished = RsaKey::generate("test-key-unpublished");
    return m_unpublished != nullptr;
}

Json OidcTestIssuer::discovery(const std::string &issuerUrl) const
{
    return Json{{"issuer", issuerUrl},
                {"jwks_uri", issuerUrl + "/jwks"},
                {"subject_types_supported", Json::array({"public"})},
                {"response_types_supported", Json::array({"id_token"})},
                {"id_token_signing_alg_values_supported", Json::array({"RS256"})},
                {"claims_supported", Json::array({"sub", "aud", "exp", "iat", "iss", "nbf", "jti"})}};
}

Json OidcTestIssuer::jwks()
{
    Json keys = Json::array();
    if (ensureKeys())
        for (const auto &key : m_published)
            keys.push_back(key->publicJwk());
    return Json{{"keys", keys}};
}

std::optional<std::string> OidcTestIssuer::mint(const Json &claims, const Json &header,
                                                 const std::string &kid, bool unpublishedKey,
                                                 std::string *error)
{
    if (!ensureKeys()) {
        *error = "OpenSSL could not generate the test issuer's keys";
        return std::nullopt;
    }
    const RsaKey *key = unpublishedKey ? m_unpublished.get() : m_published.front().get();
    if (!kid.empty() && !unpublishedKey) {
        key = nullptr;
        for (const auto &candidate : m_published)
            if (candidate->kid() == kid)
                key = candidate.get();
        if (!key) {
            *error = "unknown kid \"" + kid + "\"; the JWKS has test-key-1 and test-key-2";
            return std::nullopt;
        }
    }
    Json fullHeader{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid.empty() ? key->kid() : kid}};
    fullHeader.update(header);
    const std::string input = base64UrlEncode(fullHeader.dump()) + "." + base64UrlEncode(claims.dump());
    const std::string signature = key->signRs256(input);
    if (signature.empty()) {
        *error = "OpenSSL could not sign the token";
        return std::nullopt;
    }
    return input + "." + base64UrlEncode(signature);
}

} // namespace emu
