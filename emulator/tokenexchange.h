#pragma once
// POST /oauth/token: RFC 8693 token exchange of a CI provider's OIDC ID token for a short-lived
// Hub token, as the Hub's trusted publishers documentation describes it.

#include "hubapi.h"

namespace emu {

constexpr std::int64_t issuedTokenSeconds = 3600;
// Leeway on exp and nbf for clocks that disagree a little (the CI runner's and the Hub's).
constexpr std::int64_t clockSkewSeconds = 60;

HttpResponse exchangeToken(HubApi &api, const HttpRequest &request);

} // namespace emu
