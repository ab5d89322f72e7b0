// Files: README resolve, the commit API (NDJSON and JSON) and metadata validation.
#include "../frontmatter.h"
#include "../hubapi.h"

#include <QByteArray>
#include <sstream>

namespace emu {

namespace {

struct CommitPayload
{
    std::string summary;
    std::string description;
    std::string parentCommit;
    std::map<std::string, std::string> files;
    std::vector<std::string> deleted;
};

std::string decodeContent(const Json &value, std::string *error)
{
    const std::string content = value.value("content", std::string());
    const std::string encoding = value.value("encoding", std::string("utf-8"));
    if (encoding == "utf-8" || encoding == "utf8")
        return content;
    if (encoding != "base64") {
        *error = "unknown encoding \"" + encoding + "\"";
        return {};
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        QByteArray::fromStdString(content), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = "file content is not valid base64";
        return {};
    }
    return decoded.decoded.toStdString();
}

std::string addOperation(CommitPayload &payload, const std::string &key, const Json &value)
{
    if (!value.is_object())
        return "each operation needs an object \"value\"";
    std::string error;
    if (key == "header") {
        payload.summary = value.value("summary", std::string());
        payload.description = value.value("description", std::string());
        payload.parentCommit = value.value("parentCommit", std::string());
    } else if (key == "file") {
        const std::string path = value.value("path", std::string());
        if (path.empty())
            return "a file operation needs a \"path\"";
        payload.files[path] = decodeContent(value, &error);
    } else if (key == "deletedFile") {
        const std::string path = value.value("path", std::string());
        if (path.empty())
            return "a deletedFile operation needs a \"path\"";
        payload.deleted.push_back(path);
    } else if (key == "lfsFile") {
        return "LFS files are not supported by this endpoint";
    } else {
        return "unknown operation \"" + key + "\"";
    }
    return error;
}

std::string parseCommit(const HttpRequest &request, CommitPayload &payload)
{
    const std::string type = request.header("content-type");
    if (type.rfind("application/json", 0) == 0) {
        const auto body = parseJsonBody(request.body);
        if (!body || !body->is_object())
            return "the body must be a JSON object";
        payload.summary = body->value("summary", std::string());
        payload.description = body->value("description", std::string());
        payload.parentCommit = body->value("parentCommit", std::string());
        for (const auto &file : body->value("files", Json::array()))
            if (std::string error = addOperation(payload, "file", file); !error.empty())
                return error;
        for (const auto &file : body->value("deletedFiles", Json::array()))
            if (std::string error = addOperation(payload, "deletedFile", file); !error.empty())
                return error;
        return {};
    }
    if (!type.empty() && type.rfind("application/x-ndjson", 0) != 0)
        return "Content-Type must be application/x-ndjson or application/json";
    std::istringstream lines(request.body);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const auto json = parseJsonBody(line);
        if (!json || !json->is_object() || !(*json).contains("key") || !(*json)["key"].is_string())
            return "line " + std::to_string(number) + " is not a JSON operation with a \"key\"";
        if (std::string error = addOperation(payload, (*json)["key"], json->value("value", Json()));
            !error.empty())
            return "line " + std::to_string(number) + ": " + error;
    }
    return {};
}

std::string webPrefix(const Repo &repo)
{
    return repo.type == RepoType::Dataset ? "/datasets/" : "/";
}

HttpResponse commit(HubApi &api, RouteContext &c)
{
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Write);
    if (!lookup)
        return lookup.refusal;
    Repo &repo = *lookup.repo;
    CommitPayload payload;
    if (const std::string error = parseCommit(c.request, payload); !error.empty())
        return HttpResponse::error(400, error);
    if (payload.summary.empty())
        return HttpResponse::error(400, "A commit summary is required");
    if (payload.summary.size() > 1000)
        return HttpResponse::error(400, "The commit summary is too long");

    const std::string rev = c.args[3];
    const std::string branchRef = rev.rfind("refs/", 0) == 0 ? rev : "refs/heads/" + rev;
    const auto branch = repo.refs.find(branchRef);
    if (branch == repo.refs.end())
        return HttpResponse::error(404, "Invalid rev id: " + rev, "RevisionNotFound");
    const std::string head = branch->second;
    if (!payload.parentCommit.empty() && payload.parentCommit != head)
        return HttpResponse::error(412, "A commit has happened since. Please refresh and try again.");

    std::map<std::string, std::string> files = repo.commits.at(head).files;
    for (const auto &path : payload.deleted) {
        if (!files.erase(path))
            return HttpResponse::error(404, "File " + path + " does not exist", "EntryNotFound");
    }
    for (auto &[path, content] : payload.files)
        files[path] = content;
    const auto readme = payload.files.find("README.md");
    if (readme != payload.files.end()) {
        const FrontMatter card = parseFrontMatter(readme->second);
        std::string error = card.error;
        if (error.empty())
            error = validateCardMetadata(card.data);
        if (!error.empty())
            return HttpResponse::error(400, "Invalid metadata in README.md: " + error);
    }

    const bool createPr = c.request.param("create_pr") == "1" || c.request.param("create_pr") == "true";
    std::string targetRef = branchRef;
    Json answer{{"success", true}};
    if (createPr) {
        const int number = repo.nextPullRequest++;
        targetRef = "refs/pr/" + std::to_string(number);
        answer["pullRequestUrl"] =
            c.request.origin + webPrefix(repo) + repo.id() + "/discussions/" + std::to_string(number);
    }
    const std::string oid = api.state().commit(repo, targetRef, head, std::move(files),
                                               payload.summary, nowMs());
    Commit &stored = repo.commits.at(oid);
    stored.description = payload.description;
    stored.author = c.caller.user->name;
    answer["commitOid"] = oid;
    answer["commitUrl"] = c.request.origin + webPrefix(repo) + repo.id() + "/commit/" + oid;
    answer["hookOutput"] = "";
    api.markChanged();
    return HttpResponse::json(200, answer);
}

bool ungatedFile(const std::string &path)
{
    return path == "README.md" || path == ".gitattributes";
}

// Who skips the gate: the owner, and members of the owning org unless orgMembersGated is set
// (then only its admins), as the OpenAPI document describes orgMembersGated.
bool passesGate(const HubState &state, const Caller &caller, const Repo &repo)
{
    if (!caller.signedIn())
        return false;
    if (repo.ns == caller.user->name)
        return true;
    const Org *org = state.org(repo.ns);
    if (!org)
        return false;
    const auto role = org->roles.find(caller.user->name);
    if (role == org->roles.end())
        return false;
    return !repo.orgMembersGated || role->second == "admin";
}

HttpResponse resolve(HubApi &api, RouteContext &c)
{
    const std::string typePlural = c.args[0].empty() ? "models" : "datasets";
    auto lookup = api.findRepo(c, typePlural, c.args[1], c.args[2], Right::Read);
    if (!lookup)
        return lookup.refusal;
    Repo &repo = *lookup.repo;
    const std::string rev = c.args[3], path = c.args[4];
    const Commit *at = repo.commitAt(rev);
    if (!at)
        return HttpResponse::error(404, "Invalid rev id: " + rev, "RevisionNotFound");
    const std::string oid = at->oid;
    if (repo.gated != "false" && !ungatedFile(path) && !passesGate(api.state(), c.caller, repo)) {
        const AccessRequest *request =
            c.caller.signedIn() ? repo.findRequest(c.caller.user->id) : nullptr;
        if (!request || request->status != "accepted") {
            const std::string message = "Access to " + repo.id() +
                                        " is restricted. You must have access to it and be "
                                        "authenticated to access it.";
            return HttpResponse::error(c.caller.signedIn() ? 403 : 401, message, "GatedRepo");
        }
    }
    const Commit &commit = repo.commits.at(oid);
    const auto file = commit.files.find(path);
    if (file == commit.files.end())
        return HttpResponse::error(404, "Entry not found", "EntryNotFound");
    HttpResponse response;
    const std::string etag = "\"" + sha1Hex(file->second) + "\"";
    response.setHeader("ETag", etag);
    response.setHeader("X-Repo-Commit", oid);
    if (c.request.header("if-none-match") == etag) {
        response.status = 304;
        return response;
    }
    response.body = file->second;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    return response;
}

HttpResponse validateYaml(RouteContext &c)
{
    const auto body = parseJsonBody(c.request.body);
    if (!body || !body->is_object() || !body->contains("content") || !(*body)["content"].is_string())
        return HttpResponse::error(400, "Expected {\"content\": \"<README.md>\", \"repoType\": ...}");
    const std::string repoType = body->value("repoType", std::string("model"));
    if (repoType != "model" && repoType != "dataset" && repoType != "space")
        return HttpResponse::error(400, "\"repoType\" must be model, dataset or space");
    const FrontMatter card = parseFrontMatter((*body)["content"].get<std::string>());
    std::string error = card.error;
    if (error.empty())
        error = validateCardMetadata(card.data);
    if (!error.empty())
        return HttpResponse::error(400, error);
    return HttpResponse::json(200, Json{{"errors", Json::array()}, {"warnings", Json::array()}});
}

} // namespace

void registerContentRoutes(HubApi &api)
{
    api.route("POST", "/api/(models|datasets)/([^/]+)/([^/]+)/commit/(.+)",
              [&api](RouteContext &c) { return commit(api, c); });
    api.route("GET", "/(datasets/)?([^/]+)/([^/]+)/resolve/([^/]+)/(.+)",
              [&api](RouteContext &c) { return resolve(api, c); });
    api.route("POST", "/api/validate-yaml", [](RouteContext &c) { return validateYaml(c); });
}

} // namespace emu
