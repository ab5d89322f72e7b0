// The built-in test OIDC issuer under /oidc-test and the token exchange at /oauth/token.
#include "../hubapi.h"
#include "../tokenexchange.h"

namespace emu {

namespace {

std::string issuerUrl(const RouteContext &c)
{
    return c.request.origin + OidcTestIssuer::pathPrefix;
}

// POST /oidc-test/mint {"claims": {...}, "kid": "...", "sign_with": "unknown", "header": {...}}.
// Claims default to a valid token of this issuer for the configured Hub URL, valid 5 minutes;
// a claim given as null is left out.
HttpResponse mint(HubApi &api, RouteContext &c)
{
    const auto body = parseJsonBody(c.request.body.empty() ? std::string("{}") : c.request.body);
    if (!body || !body->is_object() || !body->value("claims", Json::object()).is_object() ||
        !body->value("header", Json::object()).is_object() || !body->value("kid", Json("")).is_string())
        return HttpResponse::error(400, "Expected {\"claims\": {...}, \"kid\": \"...\", "
                                        "\"sign_with\": \"unknown\", \"header\": {...}}");
    const std::string signWith = body->value("sign_with", std::string());
    if (!signWith.empty() && signWith != "unknown")
        return HttpResponse::error(400, "\"sign_with\" may only be \"unknown\" (a key not in the JWKS)");
    const std::int64_t now = nowMs() / 1000;
    Json claims{{"iss", issuerUrl(c)}, {"aud", api.hubUrl()}, {"sub", "test-subject"},
                {"iat", now}, {"nbf", now}, {"exp", now + 300}};
    // value(), not operator[]: the body is const and may have no "claims" at all.
    const Json given = body->value("claims", Json::object());
    for (const auto &[name, value] : given.items()) {
        if (value.is_null())
            claims.erase(name);
        else
            claims[name] = value;
    }
    std::string error;
    const auto token = api.testIssuer().mint(claims, body->value("header", Json::object()),
                                             body->value("kid", std::string()), !signWith.empty(), &error);
    if (!token)
        return HttpResponse::error(400, error);
    return HttpResponse::json(200, Json{{"token", *token}, {"claims", claims}});
}

} // namespace

void registerOidcRoutes(HubApi &api)
{
    const std::string prefix = OidcTestIssuer::pathPrefix;
    api.route("GET", prefix + "/\\.well-known/openid-configuration", [&api](RouteContext &c) {
        return HttpResponse::json(200, api.testIssuer().discovery(issuerUrl(c)));
    });
    api.route("GET", prefix + "/jwks",
              [&api](RouteContext &) { return HttpResponse::json(200, api.testIssuer().jwks()); });
    api.route("POST", prefix + "/mint", [&api](RouteContext &c) { return mint(api, c); });
    api.route("POST", "/oauth/token", [&api](RouteContext &c) { return exchangeToken(api, c.request); });
}

} // namespace emu
