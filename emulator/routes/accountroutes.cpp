// whoami-v2, user overviews and org member lists.
#include "../hubapi.h"

namespace emu {

namespace {

Json whoami(HubState &state, const Caller &caller)
{
    const User &user = *caller.user;
    Json orgs = Json::array();
    for (const Org *org : state.orgsOf(user.name)) {
        orgs.push_back({{"type", "org"},
                        {"id", org->id},
                        {"name", org->name},
                        {"fullname", org->fullname},
                        {"avatarUrl", "/avatars/org-" + org->name + ".svg"},
                        {"roleInOrg", org->roles.at(user.name)}});
    }
    Json accessToken{{"displayName", caller.token->displayName},
                     {"role", caller.token->role},
                     {"createdAt", isoTime(caller.token->createdAtMs)}};
    if (caller.token->role == "fineGrained") {
        Json scoped = Json::array();
        for (const auto &scope : caller.token->scoped) {
            Json entity = scope.value("entity", Json::object());
            const std::string type = entity.value("type", std::string());
            const std::string name = entity.value("name", std::string());
            std::string id = hexId(0x64d0'0000u, std::hash<std::string>{}(type + name) & 0xffffffffffffull);
            if (type == "user")
                if (const User *u = state.userByName(name))
                    id = u->id;
            if (type == "org")
                if (const Org *o = state.org(name))
                    id = o->id;
            scoped.push_back({{"entity", {{"_id", id}, {"name", name}, {"type", type}}},
                              {"permissions", scope.value("permissions", Json::array())}});
        }
        accessToken["fineGrained"] = {{"scoped", scoped}, {"canReadGatedRepos", true}};
    }
    return Json{{"type", "user"},
                {"id", user.id},
                {"name", user.name},
                {"fullname", user.fullname},
                {"email", user.email.empty() ? Json(nullptr) : Json(user.email)},
                {"emailVerified", !user.email.empty()},
                {"canPay", false},
                {"avatarUrl", "/avatars/" + sha1Hex(user.name).substr(0, 32) + ".svg"},
                {"isPro", user.isPro},
                {"periodEnd", nullptr},
                {"orgs", orgs},
                {"auth", {{"type", "access_token"}, {"accessToken", accessToken}}}};
}

} // namespace

void registerAccountRoutes(HubApi &api)
{
    api.route("GET", "/api/whoami-v2", [&api](RouteContext &c) {
        if (!c.caller.signedIn())
            return HttpResponse::error(401, "Invalid credentials in Authorization header");
        return HttpResponse::json(200, whoami(api.state(), c.caller));
    });

    api.route("GET", "/api/users/([^/]+)/overview", [&api](RouteContext &c) {
        const User *user = api.state().userByName(c.args[0]);
        if (!user)
            return HttpResponse::error(404, "User not found");
        Json json = userJson(*user, false);
        json.erase("user");
        json["user"] = user->name;
        json["createdAt"] = isoTime(user->createdAtMs); // required by the OpenAPI schema
        return HttpResponse::json(200, json);
    });

    api.route("GET", "/api/organizations/([^/]+)/members", [&api](RouteContext &c) {
        const Org *org = api.state().org(c.args[0]);
        if (!org)
            return HttpResponse::error(404, "Organization not found");
        const std::string search = c.request.param("search");
        Json members = Json::array();
        for (const auto &[name, role] : org->roles) {
            const User *user = api.state().userByName(name);
            if (!user || (!search.empty() && name.find(search) == std::string::npos &&
                          user->fullname.find(search) == std::string::npos))
                continue;
            Json member = userJson(*user, false);
            member["role"] = role;
            members.push_back(std::move(member));
        }
        return HttpResponse::json(200, members);
    });
}

} // namespace emu
