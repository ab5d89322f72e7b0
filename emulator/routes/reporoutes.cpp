// Repo listing, repo info and the settings endpoint.
#include "../frontmatter.h"
#include "../hubapi.h"

#include <algorithm>
#include <regex>

namespace emu {

namespace {

const char *const typeGroup = "(models|datasets)";

Json gatedJson(const Repo &repo)
{
    return repo.gated == "false" ? Json(false) : Json(repo.gated);
}

Json listItem(const Repo &repo)
{
    Json item{{"_id", repo.internalId},
              {"id", repo.id()},
              {"author", repo.ns},
              {"private", repo.isPrivate},
              {"gated", gatedJson(repo)},
              {"disabled", false},
              {"lastModified", isoTime(repo.lastModifiedMs)},
              {"createdAt", isoTime(repo.createdAtMs)},
              {"likes", repo.likes},
              {"downloads", repo.downloads},
              {"tags", Json::array()}};
    if (repo.type == RepoType::Model)
        item["modelId"] = repo.id();
    return item;
}

HttpResponse info(HubApi &api, RouteContext &c, const std::string &rev)
{
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Read);
    if (!lookup)
        return lookup.refusal;
    const Repo &repo = *lookup.repo;
    const Commit *commit = repo.commitAt(rev);
    if (!commit)
        return HttpResponse::error(404, "Invalid rev id: " + rev, "RevisionNotFound");
    Json json = listItem(repo);
    json["sha"] = commit->oid;
    Json siblings = Json::array();
    for (const auto &[path, content] : commit->files)
        siblings.push_back({{"rfilename", path}});
    json["siblings"] = siblings;
    const auto readme = commit->files.find("README.md");
    if (readme != commit->files.end()) {
        const FrontMatter card = parseFrontMatter(readme->second);
        if (card.present && card.error.empty())
            json["cardData"] = card.data;
    }
    return HttpResponse::json(200, json);
}

Json settingsJson(const Repo &repo, bool orgRepo)
{
    Json json{{"private", repo.isPrivate},
              {"discussionsDisabled", repo.discussionsDisabled},
              {"gated", gatedJson(repo)},
              {"gatedNotificationsMode", repo.notificationsMode}};
    if (!repo.notificationsEmail.empty())
        json["gatedNotificationsEmail"] = repo.notificationsEmail;
    if (orgRepo)
        json["orgMembersGated"] = repo.orgMembersGated;
    if (!repo.discussionsSorting.empty())
        json["discussionsSorting"] = repo.discussionsSorting;
    return json;
}

// The OpenAPI document's pattern for gatedNotificationsEmail.
bool validNotificationEmail(const std::string &email)
{
    static const std::regex local("^[A-Za-z0-9_'+\\-\\.]*[A-Za-z0-9_+-]$");
    static const std::regex domain("^([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$");
    const auto at = email.rfind('@');
    if (at == std::string::npos || email.empty() || email[0] == '.' ||
        email.find("..") != std::string::npos)
        return false;
    return std::regex_match(email.substr(0, at), local) &&
           std::regex_match(email.substr(at + 1), domain);
}

HttpResponse updateSettings(HubApi &api, RouteContext &c)
{
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Write);
    if (!lookup)
        return lookup.refusal;
    Repo &repo = *lookup.repo;
    const auto body = parseJsonBody(c.request.body);
    if (!body || !body->is_object())
        return HttpResponse::error(400, "The request body must be a JSON object");
    const bool orgRepo = api.state().org(repo.ns) != nullptr;
    Repo updated = repo;
    std::string visibility;
    for (const auto &[key, value] : body->items()) {
        if (key == "gated") {
            if (value.is_boolean() && !value.get<bool>())
                updated.gated = "false";
            else if (value == "auto" || value == "manual")
                updated.gated = value.get<std::string>();
            else
                return HttpResponse::error(400, "\"gated\" must be false, \"auto\" or \"manual\"");
        } else if (key == "gatedNotificationsMode") {
            if (value != "bulk" && value != "real-time")
                return HttpResponse::error(
                    400, "\"gatedNotificationsMode\" must be \"bulk\" or \"real-time\"");
            updated.notificationsMode = value.get<std::string>();
        } else if (key == "gatedNotificationsEmail") {
            if (!value.is_string() || !validNotificationEmail(value.get<std::string>()))
                return HttpResponse::error(400, "\"gatedNotificationsEmail\" is not a valid email address");
            updated.notificationsEmail = value.get<std::string>();
        } else if (key == "orgMembersGated") {
            if (!orgRepo)
                return HttpResponse::error(
                    400, "\"orgMembersGated\" only applies to repos owned by an organization");
            if (!value.is_boolean())
                return HttpResponse::error(400, "\"orgMembersGated\" must be true or false");
            updated.orgMembersGated = value.get<bool>();
        } else if (key == "visibility") {
            // Spaces also know "protected"; the emulator has models and datasets only.
            if (value != "public" && value != "private")
                return HttpResponse::error(400, "\"visibility\" must be \"public\" or \"private\"");
            visibility = value.get<std::string>();
        } else if (key == "discussionsSorting") {
            if (value != "recently-created" && value != "trending" && value != "reactions")
                return HttpResponse::error(400, "\"discussionsSorting\" must be \"recently-created\", "
                                                "\"trending\" or \"reactions\"");
            updated.discussionsSorting = value.get<std::string>();
        } else if (key == "private" || key == "discussionsDisabled") {
            if (!value.is_boolean())
                return HttpResponse::error(400, "\"" + key + "\" must be true or false");
            (key == "private" ? updated.isPrivate : updated.discussionsDisabled) = value.get<bool>();
        } else {
            return HttpResponse::error(400, "Unknown setting \"" + key + "\"");
        }
    }
    if (!visibility.empty()) {
        const bool makePrivate = visibility == "private";
        if (body->contains("private") && (*body)["private"].get<bool>() != makePrivate)
            return HttpResponse::error(400, "\"private\" and \"visibility\" disagree");
        updated.isPrivate = makePrivate;
    }
    repo.gated = updated.gated;
    repo.notificationsMode = updated.notificationsMode;
    repo.notificationsEmail = updated.notificationsEmail;
    repo.orgMembersGated = updated.orgMembersGated;
    repo.isPrivate = updated.isPrivate;
    repo.discussionsDisabled = updated.discussionsDisabled;
    repo.discussionsSorting = updated.discussionsSorting;
    api.markChanged();
    return HttpResponse::json(200, settingsJson(repo, orgRepo));
}

HttpResponse listRepos(HubApi &api, RouteContext &c, const std::string &typePlural)
{
    const RepoType type = *repoTypeFromPlural(typePlural);
    const std::string author = c.request.param("author");
    const std::string search = c.request.param("search");
    int limit = 1000;
    if (!c.request.param("limit").empty()) {
        try {
            limit = std::stoi(c.request.param("limit"));
        } catch (const std::exception &) {
            return HttpResponse::error(400, "\"limit\" must be a number");
        }
        if (limit < 1)
            return HttpResponse::error(400, "\"limit\" must be at least 1");
        limit = std::min(limit, 1000);
    }
    std::size_t offset = 0;
    if (!c.request.param("cursor").empty()) {
        try {
            offset = std::stoul(c.request.param("cursor"), nullptr, 16);
        } catch (const std::exception &) {
            return HttpResponse::error(400, "Invalid cursor");
        }
    }
    std::vector<const Repo *> visible;
    for (const Repo *repo : api.state().repos(type)) {
        if (!author.empty() && repo->ns != author)
            continue;
        if (!search.empty() && repo->id().find(search) == std::string::npos)
            continue;
        if (api.rightOn(c.caller, *repo) == Right::None)
            continue;
        visible.push_back(repo);
    }
    std::sort(visible.begin(), visible.end(),
              [](const Repo *a, const Repo *b) { return a->id() < b->id(); });
    Json items = Json::array();
    for (std::size_t i = offset; i < visible.size() && i < offset + std::size_t(limit); ++i)
        items.push_back(listItem(*visible[i]));
    HttpResponse response = HttpResponse::json(200, items);
    if (offset + std::size_t(limit) < visible.size()) {
        char cursor[32];
        std::snprintf(cursor, sizeof cursor, "%zx", offset + std::size_t(limit));
        std::string url = c.request.origin + "/api/" + typePlural + "?";
        for (const auto &[key, value] : c.request.query)
            if (key != "cursor")
                url += percentEncode(key) + "=" + percentEncode(value) + "&";
        url += "cursor=" + std::string(cursor);
        response.setHeader("Link", "<" + url + ">; rel=\"next\"");
    }
    return response;
}

} // namespace

void registerRepoRoutes(HubApi &api)
{
    api.route("GET", std::string("/api/") + typeGroup,
              [&api](RouteContext &c) { return listRepos(api, c, c.args[0]); });
    api.route("GET", std::string("/api/") + typeGroup + "/([^/]+)/([^/]+)",
              [&api](RouteContext &c) { return info(api, c, "main"); });
    api.route("GET", std::string("/api/") + typeGroup + "/([^/]+)/([^/]+)/revision/(.+)",
              [&api](RouteContext &c) { return info(api, c, c.args[3]); });
    api.route("PUT", std::string("/api/") + typeGroup + "/([^/]+)/([^/]+)/settings",
              [&api](RouteContext &c) { return updateSettings(api, c); });
}

} // namespace emu
