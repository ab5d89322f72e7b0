#include "hubapi.h"

#include <QUrl>

namespace emu {

std::optional<Json> parseJsonBody(const std::string &body)
{
    Json json = Json::parse(body, nullptr, false);
    if (json.is_discarded())
        return std::nullopt;
    return json;
}

Json userJson(const User &user, bool withEmail)
{
    Json json{{"_id", user.id},
              {"avatarUrl", "/avatars/" + sha1Hex(user.name).substr(0, 32) + ".svg"},
              {"fullname", user.fullname},
              {"isPro", user.isPro},
              {"user", user.name},
              {"type", "user"}};
    if (withEmail && !user.email.empty())
        json["email"] = user.email;
    return json;
}

HubApi::HubApi(HubState state)
    : m_state(std::move(state))
{
    registerAccountRoutes(*this);
    registerRepoRoutes(*this);
    registerAccessRoutes(*this);
    registerContentRoutes(*this);
    registerFileRoutes(*this);
    registerControlRoutes(*this);
    registerPublisherRoutes(*this);
    registerOidcRoutes(*this);
}

bool HubApi::isTestIssuer(const std::string &issuer) const
{
    const QUrl url(QString::fromStdString(issuer), QUrl::StrictMode);
    return m_serverPort != 0 && url.scheme() == QLatin1String("http") &&
           (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("localhost")) &&
           url.port() == m_serverPort && url.path() == QLatin1String(OidcTestIssuer::pathPrefix) &&
           !url.hasQuery() && !url.hasFragment() && url.userInfo().isEmpty();
}

void HubApi::route(const std::string &method, const std::string &pattern, Handler handler)
{
    m_routes.push_back({method, std::regex(pattern, std::regex::ECMAScript | std::regex::optimize),
                        std::move(handler)});
}

void HubApi::countCall(const std::string &method, const std::string &path)
{
    if (path.rfind("/_emulator/", 0) == 0)
        return;
    ++m_totalCalls;
    ++m_calls[method + " " + path];
}

Json HubApi::callStats() const
{
    return Json{{"total", m_totalCalls}, {"calls", m_calls}};
}

void HubApi::resetCallStats()
{
    m_calls.clear();
    m_totalCalls = 0;
}

HttpResponse HubApi::handle(const HttpRequest &request)
{
    const bool control = request.path.rfind("/_emulator/", 0) == 0;
    Caller caller;
    const std::string bearer = request.bearerToken();
    if (!control && !bearer.empty()) {
        caller.token = m_state.token(bearer);
        if (!caller.token)
            return HttpResponse::error(401, "Invalid credentials in Authorization header");
        if (caller.token->expiresAtMs && nowMs() >= caller.token->expiresAtMs)
            return HttpResponse::error(401, "This token expired at " + isoTime(caller.token->expiresAtMs) +
                                                "; exchange a new OIDC ID token for a fresh one");
        caller.user = m_state.tokenUser(*caller.token);
    } else if (!control && !request.header("authorization").empty()) {
        return HttpResponse::error(401, "Invalid credentials in Authorization header");
    }

    // HEAD is answered as GET; HubServer leaves the body out on the wire.
    const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        std::smatch match;
        if (!std::regex_match(request.path, match, route.pattern))
            continue;
        pathKnown = true;
        if (route.method != method)
            continue;
        RouteContext context{request, {}, caller};
        for (std::size_t i = 1; i < match.size(); ++i)
            context.args.push_back(percentDecode(match[i].str()));
        return route.handler(context);
    }
    if (pathKnown)
        return HttpResponse::error(405, "Method " + method + " is not allowed here");
    return HttpResponse::error(404, "Sorry, we can't find the page you are looking for.");
}

Right HubApi::rightOn(const Caller &caller, const Repo &repo) const
{
    const Right publicRight = repo.isPrivate ? Right::None : Right::Read;
    if (!caller.signedIn())
        return publicRight;

    Right own = Right::None;
    if (caller.token->issuedFor == "repo") {
        own = Right::Write; // its scope below narrows this to the one repo it was issued for
    } else if (caller.token->issuedFor == "user") {
        own = Right::None; // read-only, and never the user's private repos
    } else if (repo.ns == caller.user->name) {
        own = Right::Write;
    } else if (const Org *org = m_state.org(repo.ns)) {
        const auto role = org->roles.find(caller.user->name);
        if (role != org->roles.end())
            own = (role->second == "admin" || role->second == "write") ? Right::Write : Right::Read;
    }

    Right cap = Right::Write;
    if (caller.token->role == "read") {
        cap = Right::Read;
    } else if (caller.token->role == "fineGrained") {
        cap = Right::None;
        for (const auto &scope : caller.token->scoped) {
            const Json entity = scope.value("entity", Json::object());
            const std::string type = entity.value("type", std::string());
            const std::string name = entity.value("name", std::string());
            const bool matches = ((type == "user" || type == "org") && name == repo.ns) ||
                                 (type == (repo.type == RepoType::Model ? "model" : "dataset") &&
                                  name == repo.id());
            if (!matches)
                continue;
            for (const auto &permission : scope.value("permissions", Json::array())) {
                if (permission == "repo.write")
                    cap = Right::Write;
                else if (permission == "repo.content.read" && cap == Right::None)
                    cap = Right::Read;
            }
        }
    }
    const Right granted = std::min(own, cap);
    return std::max(granted, publicRight);
}

RepoLookup HubApi::findRepo(const RouteContext &context, const std::string &typePlural,
                            const std::string &ns, const std::string &name, Right needed)
{
    RepoLookup lookup;
    const auto type = repoTypeFromPlural(typePlural);
    Repo *repo = type ? m_state.repo(*type, ns, name) : nullptr;
    const Right right = repo ? rightOn(context.caller, *repo) : Right::None;
    if (!repo || right == Right::None) {
        const std::string message = "Repository not found";
        lookup.refusal = context.caller.signedIn()
                             ? HttpResponse::error(404, message, "RepoNotFound")
                             : HttpResponse::error(401, message, "RepoNotFound");
        return lookup;
    }
    if (right < needed) {
        if (!context.caller.signedIn()) {
            lookup.refusal =
                HttpResponse::error(401, "You must be authenticated with a token to do this");
        } else {
            lookup.refusal = HttpResponse::error(
                403, "You don't have the rights to perform this action on " + repo->id() +
                         ": it needs write access, and this " + context.caller.token->role +
                         " token of " + context.caller.user->name + " does not grant it");
        }
        return lookup;
    }
    lookup.repo = repo;
    return lookup;
}

} // namespace emu
