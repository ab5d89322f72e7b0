// What clients read before and around a commit: refs, tree, paths-info, commit history and
// preupload. Every listing reads a commit's file map; the emulator has no LFS storage.
#include "../faultinjector.h"
#include "../hubapi.h"
#include "../filetree.h"

#include <QByteArray>

namespace emu {

namespace {

const std::string repoApi = "/api/(models|datasets)/([^/]+)/([^/]+)/";
constexpr std::int64_t lfsThreshold = 10 * 1024 * 1024; // bytes

struct Located
{
    Repo *repo = nullptr;
    const Commit *commit = nullptr;
    std::optional<HttpResponse> refusal;
};

// The repo (with the right needed) and the commit the revision names.
Located locate(HubApi &api, RouteContext &c, Right needed)
{
    Located at;
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], needed);
    if (!lookup) {
        at.refusal = lookup.refusal;
        return at;
    }
    at.repo = lookup.repo;
    at.commit = at.repo->commitAt(c.args[3]);
    if (!at.commit)
        at.refusal = HttpResponse::error(404, "Invalid rev id: " + c.args[3], "RevisionNotFound");
    return at;
}

bool truthy(const std::string &value)
{
    return value == "1" || value == "true" || value == "True";
}

// "limit" and "cursor" of a paged list; false with an answer on bad values.
bool pageParams(const RouteContext &c, std::size_t &limit, std::size_t &offset, HttpResponse &refusal)
{
    try {
        if (!c.request.param("limit").empty()) {
            const long long value = std::stoll(c.request.param("limit"));
            if (value < 1) {
                refusal = HttpResponse::error(400, "\"limit\" must be at least 1");
                return false;
            }
            limit = std::size_t(value);
        }
        if (!c.request.param("cursor").empty())
            offset = std::stoul(c.request.param("cursor"), nullptr, 16);
    } catch (const std::exception &) {
        refusal = HttpResponse::error(400, "Invalid \"limit\" or \"cursor\"");
        return false;
    }
    return true;
}

std::string nextUrl(const RouteContext &c, const std::string &key, const std::string &value)
{
    std::string url = c.request.origin + c.request.path + "?";
    for (const auto &[name, current] : c.request.query)
        if (name != key)
            url += percentEncode(name) + "=" + percentEncode(current) + "&";
    return "<" + url + key + "=" + value + ">; rel=\"next\"";
}

Json entryJson(const TreeEntry &entry, bool withPath)
{
    Json json{{"type", entry.directory ? "directory" : "file"},
              {"oid", entry.oid},
              {"size", entry.size}};
    if (withPath)
        json["path"] = entry.path;
    return json;
}

Json lastCommitJson(const Repo &repo, const Commit &commit, const std::string &path)
{
    const Commit &last = lastChange(repo, commit, path);
    return Json{{"id", last.oid}, {"title", last.summary}, {"date", isoTime(last.timeMs)}};
}

HttpResponse refs(HubApi &api, RouteContext &c)
{
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Read);
    if (!lookup)
        return lookup.refusal;
    Json answer{{"tags", Json::array()}, {"branches", Json::array()}, {"converts", Json::array()}};
    const bool withPrs = truthy(c.request.param("include_prs"));
    if (withPrs)
        answer["pullRequests"] = Json::array();
    const std::pair<const char *, const char *> groups[] = {{"refs/heads/", "branches"},
                                                            {"refs/tags/", "tags"},
                                                            {"refs/convert/", "converts"},
                                                            {"refs/pr/", "pullRequests"}};
    for (const auto &[ref, oid] : lookup.repo->refs) {
        for (const auto &[prefix, key] : groups) {
            if (ref.rfind(prefix, 0) != 0 || !answer.contains(key))
                continue;
            answer[key].push_back(
                {{"name", ref.substr(std::string(prefix).size())}, {"ref", ref}, {"targetCommit", oid}});
        }
    }
    return HttpResponse::json(200, answer);
}

HttpResponse tree(HubApi &api, RouteContext &c)
{
    Located at = locate(api, c, Right::Read);
    if (at.refusal)
        return *at.refusal;
    std::string folder = c.args.size() > 4 ? c.args[4] : std::string();
    while (!folder.empty() && folder.back() == '/')
        folder.pop_back();
    const auto entries = listFolder(*at.commit, folder, truthy(c.request.param("recursive")));
    if (!entries)
        return HttpResponse::error(404, "Folder " + folder + " does not exist at " + c.args[3],
                                   "EntryNotFound");
    std::size_t limit = 1000, offset = 0;
    HttpResponse refusal;
    if (!pageParams(c, limit, offset, refusal))
        return refusal;
    const bool expand = truthy(c.request.param("expand"));
    Json items = Json::array();
    for (std::size_t i = offset; i < entries->size() && i < offset + limit; ++i) {
        // The contract's tree item has no "path" (additionalProperties: false).
        Json item = entryJson((*entries)[i], false);
        if (expand)
            item["lastCommit"] = lastCommitJson(*at.repo, *at.commit, (*entries)[i].path);
        items.push_back(std::move(item));
    }
    HttpResponse response = HttpResponse::json(200, items);
    if (offset + limit < entries->size()) {
        char cursor[32];
        std::snprintf(cursor, sizeof cursor, "%zx", offset + limit);
        response.setHeader("Link", nextUrl(c, "cursor", cursor));
    }
    return response;
}

// paths-info takes JSON (the JavaScript client) or a form (huggingface_hub).
bool pathsInfoBody(const HttpRequest &request, std::vector<std::string> &paths, bool &expand)
{
    if (request.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
        std::size_t start = 0;
        const std::string &body = request.body;
        while (start <= body.size()) {
            std::size_t end = body.find('&', start);
            if (end == std::string::npos)
                end = body.size();
            const std::string part = body.substr(start, end - start);
            const auto eq = part.find('=');
            const std::string key = percentDecode(part.substr(0, eq));
            const std::string value = eq == std::string::npos ? std::string() : percentDecode(part.substr(eq + 1));
            if (key == "paths" || key == "paths[]")
                paths.push_back(value);
            else if (key == "expand")
                expand = truthy(value);
            start = end + 1;
        }
        return !paths.empty();
    }
    const auto body = parseJsonBody(request.body);
    if (!body || !body->is_object() || !body->contains("paths"))
        return false;
    const Json &list = (*body)["paths"];
    if (list.is_string()) {
        paths.push_back(list.get<std::string>());
    } else if (list.is_array() && list.size() <= 2000) {
        for (const Json &path : list) {
            if (!path.is_string())
                return false;
            paths.push_back(path.get<std::string>());
        }
    } else {
        return false;
    }
    const Json flag = body->value("expand", Json(false));
    expand = flag.is_boolean() && flag.get<bool>();
    return true;
}

HttpResponse pathsInfo(HubApi &api, RouteContext &c)
{
    Located at = locate(api, c, Right::Read);
    if (at.refusal)
        return *at.refusal;
    std::vector<std::string> paths;
    bool expand = false;
    if (!pathsInfoBody(c.request, paths, expand))
        return HttpResponse::error(400, "Expected {\"paths\": [up to 2000 paths], \"expand\": bool}");
    Json items = Json::array();
    for (const std::string &path : paths) {
        const auto entry = findEntry(*at.commit, path);
        if (!entry) // the Hub leaves out paths that do not exist
            continue;
        Json item = entryJson(*entry, true);
        if (expand)
            item["lastCommit"] = lastCommitJson(*at.repo, *at.commit, entry->path);
        items.push_back(std::move(item));
    }
    return HttpResponse::json(200, items);
}

std::string htmlEscape(const std::string &text)
{
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += ch;
        }
    }
    return out;
}

HttpResponse commits(HubApi &api, RouteContext &c)
{
    Located at = locate(api, c, Right::Read);
    if (at.refusal)
        return *at.refusal;
    long long page = 0, limit = 50;
    try {
        if (!c.request.param("p").empty())
            page = std::stoll(c.request.param("p"));
        if (!c.request.param("limit").empty())
            limit = std::stoll(c.request.param("limit"));
    } catch (const std::exception &) {
        return HttpResponse::error(400, "\"p\" and \"limit\" must be integers");
    }
    if (page < 0 || limit < 1 || limit > 1000)
        return HttpResponse::error(400, "\"p\" must be at least 0 and \"limit\" between 1 and 1000");
    const bool formatted = c.request.param("expand") == "formatted" ||
                           c.request.param("expand[]") == "formatted";
    std::vector<const Commit *> history;
    for (const Commit *commit = at.commit; commit;) {
        history.push_back(commit);
        const auto parent = at.repo->commits.find(commit->parent);
        commit = parent == at.repo->commits.end() ? nullptr : &parent->second;
    }
    Json items = Json::array();
    const std::size_t first = std::size_t(page) * std::size_t(limit);
    for (std::size_t i = first; i < history.size() && i < first + std::size_t(limit); ++i) {
        const Commit &commit = *history[i];
        Json authors = Json::array();
        if (const User *author = api.state().userByName(commit.author))
            authors.push_back({{"user", author->name}, {"avatar", userJson(*author, false)["avatarUrl"]}});
        Json item{{"id", commit.oid},
                  {"title", commit.summary},
                  {"message", commit.description},
                  {"authors", authors},
                  {"date", isoTime(commit.timeMs)}};
        if (formatted)
            item["formatted"] = {{"title", htmlEscape(commit.summary)},
                                 {"message", htmlEscape(commit.description)}};
        items.push_back(std::move(item));
    }
    HttpResponse response = HttpResponse::json(200, items);
    response.setHeader("X-Total-Count", std::to_string(history.size()));
    if (first + std::size_t(limit) < history.size())
        response.setHeader("Link", nextUrl(c, "p", std::to_string(page + 1)));
    return response;
}

// .gitattributes / .gitignore patterns: a pattern without a slash matches the file name.
bool patternMatches(std::string pattern, const std::string &path)
{
    if (pattern.empty())
        return false;
    if (pattern.find('/') == std::string::npos) {
        const auto slash = path.rfind('/');
        return globMatch(pattern, slash == std::string::npos ? path : path.substr(slash + 1));
    }
    if (pattern.front() == '/')
        pattern.erase(0, 1);
    return globMatch(pattern, path);
}

std::vector<std::string> patternLines(const std::string &text, bool lfsOnly)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#' || line[0] == '!')
            continue;
        const auto space = line.find_first_of(" \t");
        if (lfsOnly && (space == std::string::npos || line.find("filter=lfs", space) == std::string::npos))
            continue;
        out.push_back(line.substr(0, space));
    }
    return out;
}

HttpResponse preupload(HubApi &api, RouteContext &c)
{
    Located at = locate(api, c, Right::Write);
    if (at.refusal)
        return *at.refusal;
    const auto body = parseJsonBody(c.request.body);
    const Json files = body && body->is_object() ? body->value("files", Json()) : Json();
    if (!files.is_array() || files.size() > 1000)
        return HttpResponse::error(422, "Expected {\"files\": [up to 1000 {\"path\", \"size\", \"sample\"}]}");
    const auto text = [&](const char *key, const char *file) {
        const Json value = body->value(key, Json());
        if (value.is_string())
            return value.get<std::string>();
        const auto existing = at.commit->files.find(file);
        return existing == at.commit->files.end() ? std::string() : existing->second;
    };
    const auto lfsPatterns = patternLines(text("gitAttributes", ".gitattributes"), true);
    const auto ignorePatterns = patternLines(text("gitIgnore", ".gitignore"), false);
    Json answers = Json::array();
    for (const Json &file : files) {
        if (!file.is_object() || !file.value("path", Json()).is_string() ||
            !file.value("size", Json()).is_number() || !file.value("sample", Json()).is_string())
            return HttpResponse::error(422, "Each file needs \"path\", \"size\" and \"sample\"");
        const std::string path = file["path"];
        const auto sample = QByteArray::fromBase64Encoding(
            QByteArray::fromStdString(file["sample"].get<std::string>()),
            QByteArray::AbortOnBase64DecodingErrors);
        if (!sample)
            return HttpResponse::error(422, "The sample of " + path + " is not base64");
        bool lfs = file["size"].get<double>() > double(lfsThreshold) || sample.decoded.contains('\0');
        for (const std::string &pattern : lfsPatterns)
            lfs = lfs || patternMatches(pattern, path);
        bool ignored = false;
        for (const std::string &pattern : ignorePatterns)
            ignored = ignored || patternMatches(pattern, path);
        Json answer{{"path", path}, {"uploadMode", lfs ? "lfs" : "regular"}, {"shouldIgnore", ignored}};
        const auto existing = at.commit->files.find(path);
        if (!lfs && existing != at.commit->files.end())
            answer["oid"] = blobOid(existing->second);
        answers.push_back(std::move(answer));
    }
    return HttpResponse::json(200, Json{{"files", answers}, {"commitOid", at.commit->oid}});
}

} // namespace

void registerFileRoutes(HubApi &api)
{
    api.route("GET", repoApi + "refs", [&api](RouteContext &c) { return refs(api, c); });
    api.route("GET", repoApi + "tree/([^/]+)(?:/(.*))?", [&api](RouteContext &c) { return tree(api, c); });
    api.route("POST", repoApi + "paths-info/(.+)", [&api](RouteContext &c) { return pathsInfo(api, c); });
    api.route("GET", repoApi + "commits/(.+)", [&api](RouteContext &c) { return commits(api, c); });
    api.route("POST", repoApi + "preupload/(.+)", [&api](RouteContext &c) { return preupload(api, c); });
}

} // namespace emu
