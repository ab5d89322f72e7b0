#include "tokenexchange.h"

#include "jwt.h"
#include "publishers.h"

#include <random>
#include <regex>

namespace emu {

namespace {

const std::string tokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
const std::string idTokenType = "urn:ietf:params:oauth:token-type:id_token";
const std::string accessTokenType = "urn:ietf:params:oauth:token-type:access_token";

// The OAuth error shape of RFC 6749 section 5.2, always with status 400 here.
HttpResponse oauthError(const std::string &error, const std::string &description)
{
    return HttpResponse::json(400, Json{{"error", error}, {"error_description", description}});
}

std::optional<Json> requestParameters(const HttpRequest &request)
{
    if (request.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
        Json form = Json::object();
        std::size_t start = 0;
        while (start < request.body.size()) {
            const std::size_t end = std::min(request.body.find('&', start), request.body.size());
            const std::string part = request.body.substr(start, end - start);
            const auto eq = part.find('=');
            if (!part.empty())
                form[percentDecode(part.substr(0, eq))] =
                    eq == std::string::npos ? std::string() : percentDecode(part.substr(eq + 1));
            start = end + 1;
        }
        return form;
    }
    auto json = parseJsonBody(request.body);
    if (!json || !json->is_object())
        return std::nullopt;
    return json;
}

// The resource asked for: a repo (type and id) or, without a slash, a user name.
struct Resource
{
    std::string kind; // models | datasets | spaces | kernels | user
    std::string id;   // ns/name, or the user name
};

std::optional<Resource> parseResource(const std::string &text)
{
    static const std::regex repo("(?:(datasets|spaces|kernels)/)?([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)");
    static const std::regex user("[A-Za-z0-9][A-Za-z0-9._-]*");
    std::smatch match;
    if (std::regex_match(text, match, repo))
        return Resource{match[1].matched ? match[1].str() : std::string("models"), match[2].str()};
    if (std::regex_match(text, user))
        return Resource{"user", text};
    return std::nullopt;
}

std::string randomToken(const std::string &prefix)
{
    static std::mt19937_64 random{std::random_device{}()};
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out = prefix;
    for (int i = 0; i < 40; ++i)
        out += alphabet[random() % (sizeof alphabet - 1)];
    return out;
}

bool audienceNames(const Json &aud, const std::string &hubUrl)
{
    if (aud.is_string())
        return aud == hubUrl;
    if (aud.is_array())
        for (const auto &entry : aud)
            if (entry == hubUrl)
                return true;
    return false;
}

// The verified claims of the ID token, or the reason it is refused (always invalid_grant).
std::optional<Json> verifiedClaims(HubApi &api, const HttpRequest &request,
                                   const std::string &subjectToken, std::string *reason)
{
    std::string error;
    const auto jwt = parseJwt(subjectToken, &error);
    if (!jwt) {
        *reason = "subject_token: " + error;
        return std::nullopt;
    }
    const std::string alg = jwt->header.value("alg", Json("missing")).dump();
    if (jwt->header.value("alg", Json()) != "RS256") {
        *reason = "the ID token is signed with alg " + alg + "; only RS256 is accepted";
        return std::nullopt;
    }
    const Json &claims = jwt->claims;
    if (!claims.value("iss", Json()).is_string()) {
        *reason = "the ID token has no iss (issuer) claim";
        return std::nullopt;
    }
    const std::string issuer = claims["iss"].get<std::string>();
    if (!api.isTestIssuer(issuer)) {
        *reason = "could not fetch the signing keys of issuer " + issuer +
                  " (OpenID discovery, then JWKS): this emulator has no internet access; its "
                  "test issuer is " + request.origin + OidcTestIssuer::pathPrefix;
        return std::nullopt;
    }
    // The built-in issuer is asked in-process, the way a remote one would be over HTTPS.
    const Json discovery = api.testIssuer().discovery(issuer);
    const Json jwks = discovery.value("jwks_uri", std::string()) == issuer + "/jwks"
                          ? api.testIssuer().jwks()
                          : Json{{"keys", Json::array()}};
    const std::string kid = jwt->header.value("kid", Json()).is_string() ? jwt->header["kid"].get<std::string>() : "";
    if (kid.empty()) {
        *reason = "the ID token's header has no kid, so no key of " + issuer + " can be chosen";
        return std::nullopt;
    }
    const Json *key = nullptr;
    for (const auto &candidate : jwks["keys"])
        if (candidate.value("kid", std::string()) == kid)
            key = &candidate;
    if (!key) {
        *reason = "the ID token's kid " + kid + " is not among the keys published by " + issuer;
        return std::nullopt;
    }
    if (!verifyRs256(*key, jwt->signingInput, jwt->signature, &error)) {
        *reason = "signature check failed: " + error + " of " + issuer;
        return std::nullopt;
    }
    if (!claims.contains("aud")) {
        *reason = "the ID token has no aud claim, expected " + api.hubUrl();
        return std::nullopt;
    }
    if (!audienceNames(claims["aud"], api.hubUrl())) {
        *reason = "aud is " + claims.value("aud", Json("missing")).dump() + ", expected " + api.hubUrl();
        return std::nullopt;
    }
    const std::int64_t now = nowMs() / 1000;
    if (!claims.value("exp", Json()).is_number()) {
        *reason = "the ID token has no exp (expiry) claim";
        return std::nullopt;
    }
    const std::int64_t exp = claims["exp"].get<std::int64_t>();
    if (now > exp + clockSkewSeconds) {
        *reason = "the ID token expired at " + isoTime(exp * 1000) + " (now " + isoTime(now * 1000) +
                  ", " + std::to_string(clockSkewSeconds) + " s clock skew allowed)";
        return std::nullopt;
    }
    if (claims.value("nbf", Json()).is_number() &&
        claims["nbf"].get<std::int64_t>() > now + clockSkewSeconds) {
        *reason = "the ID token is not valid before " + isoTime(claims["nbf"].get<std::int64_t>() * 1000) +
                  " (now " + isoTime(now * 1000) + ", " + std::to_string(clockSkewSeconds) +
                  " s clock skew allowed)";
        return std::nullopt;
    }
    return claims;
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const auto &line : lines)
        out += (out.empty() ? "" : "; ") + line;
    return out;
}

} // namespace

HttpResponse exchangeToken(HubApi &api, const HttpRequest &request)
{
    const auto params = requestParameters(request);
    if (!params)
        return oauthError("invalid_request", "the body must be a JSON object (or a form)");
    for (const char *name : {"grant_type", "subject_token_type", "subject_token", "resource"})
        if (!params->value(name, Json()).is_string() || (*params)[name].get<std::string>().empty())
            return oauthError("invalid_request", std::string("missing parameter ") + name);
    if ((*params)["grant_type"] != tokenExchangeGrant)
        return oauthError("invalid_request", "grant_type must be " + tokenExchangeGrant);
    if ((*params)["subject_token_type"] != idTokenType)
        return oauthError("invalid_request", "subject_token_type must be " + idTokenType);
    const std::string resourceText = (*params)["resource"].get<std::string>();
    const auto resource = parseResource(resourceText);
    if (!resource)
        return oauthError("invalid_request",
                          "resource \"" + resourceText + "\" is not namespace/name, datasets/namespace/name, "
                          "spaces/namespace/name, kernels/namespace/name or a username");

    std::string reason;
    const auto claims = verifiedClaims(api, request, (*params)["subject_token"].get<std::string>(), &reason);
    if (!claims)
        return oauthError("invalid_grant", reason);

    HubState &state = api.state();
    std::string owner;
    Token token;
    std::optional<User> actor;
    if (resource->kind == "user") {
        if (!state.userByName(resource->id))
            return oauthError("invalid_grant", "user " + resource->id + " not found");
        owner = userPublisherOwner(resource->id);
        token.value = randomToken("hf_oauth_");
        token.user = resource->id;
        token.issuedFor = "user";
    } else {
        const auto type = repoTypeFromPlural(resource->kind);
        const auto slash = resource->id.find('/');
        const Repo *repo = type ? state.repo(*type, resource->id.substr(0, slash), resource->id.substr(slash + 1))
                                : nullptr;
        if (!repo)
            return oauthError("invalid_grant", "repository " + resourceText + " not found" +
                                                   (type ? "" : " (the emulator has no Spaces or kernels)"));
        owner = publisherOwner(repo->type, repo->id());
        token.value = randomToken("hf_jwt_");
        token.user = "[OIDC]";
        token.issuedFor = "repo";
        token.scoped = Json::array({Json{{"entity", {{"type", repo->type == RepoType::Model ? "model" : "dataset"},
                                                     {"name", repo->id()}}},
                                         {"permissions", Json::array({"repo.content.read", "repo.write"})}}});
        // Pushes are attributed to a synthetic user naming the CI identity.
        actor = User{hexId(0x64e0'0000u, std::hash<std::string>{}(token.value) & 0xffffffffffffull),
                     "[OIDC]", "[OIDC] " + (*claims)["iss"].get<std::string>() + " " + claims->value("sub", std::string()),
                     {}, false, nowMs()};
    }

    const std::string issuer = (*claims)["iss"].get<std::string>();
    Publisher *match = nullptr;
    std::vector<std::string> closest;
    bool issuerKnown = false;
    for (Publisher &publisher : state.publishers[owner]) {
        if (publisher.issuer != issuer)
            continue;
        issuerKnown = true;
        const auto mismatches = claimMismatches(publisher, *claims);
        if (mismatches.empty()) {
            match = &publisher;
            break;
        }
        if (closest.empty() || mismatches.size() < closest.size())
            closest = mismatches;
    }
    if (!issuerKnown)
        return oauthError("invalid_grant", "no trusted publisher on " + resourceText + " has the issuer " + issuer);
    if (!match)
        return oauthError("invalid_grant", "no trusted publisher on " + resourceText + " matches: " + joined(closest));

    const std::int64_t now = nowMs();
    token.role = "fineGrained";
    token.displayName = "trusted publisher " + match->id;
    token.createdAtMs = now;
    token.expiresAtMs = now + issuedTokenSeconds * 1000;
    match->lastUsedAtMs = now;
    const std::string value = state.issueToken(std::move(token), std::move(actor)).value;
    api.markChanged();
    return HttpResponse::json(200, Json{{"access_token", value},
                                        {"token_type", "bearer"},
                                        {"expires_in", issuedTokenSeconds},
                                        {"issued_token_type", accessTokenType}});
}

} // namespace emu
