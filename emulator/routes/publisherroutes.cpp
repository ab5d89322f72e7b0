// Trusted publishers of a repo (write role needed) and of the token's own user.
#include "../hubapi.h"
#include "../publishers.h"

namespace emu {

namespace {

// Tokens from the OIDC exchange may not manage publishers: that would let CI widen its own access.
std::optional<HttpResponse> refuseExchangedToken(const Caller &caller)
{
    if (caller.signedIn() && !caller.token->issuedFor.empty())
        return HttpResponse::error(403, "Tokens from a trusted publisher exchange cannot manage "
                                        "trusted publishers");
    return std::nullopt;
}

// The publisher list of the repo or user the request names, or the Hub's refusal.
struct OwnerLookup
{
    std::vector<Publisher> *list = nullptr;
    HttpResponse refusal;
};

OwnerLookup repoPublishers(HubApi &api, RouteContext &c)
{
    OwnerLookup owner;
    if (auto refused = refuseExchangedToken(c.caller)) {
        owner.refusal = *refused;
        return owner;
    }
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Write);
    if (!lookup) {
        owner.refusal = lookup.refusal;
        return owner;
    }
    owner.list = &api.state().publishers[publisherOwner(lookup.repo->type, lookup.repo->id())];
    return owner;
}

// Account settings need a token with the write role (a read token only reads).
OwnerLookup userPublishers(HubApi &api, RouteContext &c)
{
    OwnerLookup owner;
    if (!c.caller.signedIn()) {
        owner.refusal = HttpResponse::error(401, "You must be authenticated with a token to do this");
        return owner;
    }
    if (auto refused = refuseExchangedToken(c.caller)) {
        owner.refusal = *refused;
        return owner;
    }
    if (c.caller.token->role != "write") {
        owner.refusal = HttpResponse::error(
            403, "Managing CI/CD access needs a token with the write role; this is a " +
                     c.caller.token->role + " token");
        return owner;
    }
    owner.list = &api.state().publishers[userPublisherOwner(c.caller.user->name)];
    return owner;
}

using Lookup = OwnerLookup (*)(HubApi &, RouteContext &);

HttpResponse list(HubApi &api, RouteContext &c, Lookup lookup)
{
    const OwnerLookup owner = lookup(api, c);
    if (!owner.list)
        return owner.refusal;
    Json out = Json::array();
    for (const Publisher &publisher : *owner.list)
        out.push_back(publisherJson(publisher));
    return HttpResponse::json(200, out);
}

HttpResponse create(HubApi &api, RouteContext &c, Lookup lookup)
{
    const OwnerLookup owner = lookup(api, c);
    if (!owner.list)
        return owner.refusal;
    const auto body = parseJsonBody(c.request.body);
    const std::string error = publisherInputError(
        body.value_or(Json()), [&api](const std::string &issuer) { return api.isTestIssuer(issuer); });
    if (!error.empty())
        return HttpResponse::error(400, error);
    Publisher publisher;
    publisher.id = newPublisherId();
    publisher.provider = (*body)["provider"].get<std::string>();
    publisher.issuer = (*body)["issuer"].get<std::string>();
    publisher.claims = (*body)["claims"];
    publisher.createdAtMs = nowMs();
    publisher.createdBy = c.caller.user->name;
    for (const Publisher &existing : *owner.list)
        if (samePublisher(existing, publisher))
            return HttpResponse::error(409, "A trusted publisher with this issuer and these claims "
                                            "already exists (" + existing.id + ")");
    owner.list->push_back(publisher);
    api.markChanged();
    return HttpResponse::json(200, publisherJson(publisher));
}

HttpResponse remove(HubApi &api, RouteContext &c, Lookup lookup)
{
    const OwnerLookup owner = lookup(api, c);
    if (!owner.list)
        return owner.refusal;
    const std::string id = c.args.back();
    const auto erased = std::erase_if(*owner.list, [&id](const Publisher &p) { return p.id == id; });
    if (!erased)
        return HttpResponse::error(404, "No trusted publisher with id " + id);
    api.markChanged();
    return HttpResponse::json(200, Json{{"deleted", id}});
}

} // namespace

void registerPublisherRoutes(HubApi &api)
{
    const std::string repoPath = "/api/(models|datasets|spaces)/([^/]+)/([^/]+)/trusted-publishers";
    api.route("GET", repoPath, [&api](RouteContext &c) { return list(api, c, repoPublishers); });
    api.route("POST", repoPath, [&api](RouteContext &c) { return create(api, c, repoPublishers); });
    api.route("DELETE", repoPath + "/([^/]+)",
              [&api](RouteContext &c) { return remove(api, c, repoPublishers); });

    const std::string userPath = "/api/settings/trusted-publishers";
    api.route("GET", userPath, [&api](RouteContext &c) { return list(api, c, userPublishers); });
    api.route("POST", userPath, [&api](RouteContext &c) { return create(api, c, userPublishers); });
    api.route("DELETE", userPath + "/([^/]+)",
              [&api](RouteContext &c) { return remove(api, c, userPublishers); });
}

} // namespace emu
