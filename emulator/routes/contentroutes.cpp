// Files: README resolve, the commit API (NDJSON and JSON) and metadata validation.
#include "../frontmatter.h"
#include "../hubapi.h"

#include <QByteArray>

#include <algorithm>
#include <limits>
#include <optional>
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
    if (caller.token->issuedFor == "repo") // an OIDC repo token passes its own repo's gate only
        return caller.token->scoped.size() == 1 &&
               caller.token->scoped[0]["entity"].value("name", std::string()) == repo.id() &&
               caller.token->scoped[0]["entity"].value("type", std::string()) ==
                   (repo.type == RepoType::Model ? "model" : "dataset");
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

// A single byte range of a file (RFC 9110, section 14), as asked for by a Range header.
struct ByteRange
{
    enum class Kind { Whole, Part, Unsatisfiable } kind = Kind::Whole;
    std::size_t first = 0;
    std::size_t last = 0; // inclusive
};

// Digits only; saturates instead of overflowing. No value for an empty or non-digit string.
std::optional<std::size_t> parseBytePosition(const std::string &text)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    constexpr std::size_t limit = std::numeric_limits<std::size_t>::max() / 10 - 9;
    std::size_t value = 0;
    for (const char digit : text) {
        if (value > limit)
            return std::numeric_limits<std::size_t>::max();
        value = value * 10 + std::size_t(digit - '0');
    }
    return value;
}

std::string trimmed(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// "bytes=FIRST-LAST", "bytes=FIRST-" or "bytes=-SUFFIX" on a file of `size` bytes. Whatever else
// (another unit, several ranges, bad syntax) is ignored and the whole file is sent, as RFC 9110
// allows; a range starting at or past the end (or an empty suffix) cannot be satisfied.
ByteRange parseRange(const std::string &header, std::size_t size)
{
    ByteRange range;
    const std::string value = trimmed(header);
    const auto equals = value.find('=');
    if (equals == std::string::npos || QByteArray::fromStdString(trimmed(value.substr(0, equals))).toLower() != "bytes")
        return range;
    const std::string spec = trimmed(value.substr(equals + 1));
    const auto dash = spec.find('-');
    if (spec.find(',') != std::string::npos || dash == std::string::npos)
        return range;
    const std::string firstText = trimmed(spec.substr(0, dash)), lastText = trimmed(spec.substr(dash + 1));
    if (firstText.empty()) {
        const auto suffix = parseBytePosition(lastText);
        if (!suffix || size == 0)
            return range;
        if (*suffix == 0) {
            range.kind = ByteRange::Kind::Unsatisfiable;
            return range;
        }
        range.kind = ByteRange::Kind::Part;
        range.first = *suffix >= size ? 0 : size - *suffix;
        range.last = size - 1;
        return range;
    }
    const auto first = parseBytePosition(firstText);
    const auto last = lastText.empty() ? std::optional<std::size_t>(std::numeric_limits<std::size_t>::max())
                                       : parseBytePosition(lastText);
    if (!first || !last || *last < *first)
        return range;
    if (*first >= size) {
        range.kind = ByteRange::Kind::Unsatisfiable;
        return range;
    }
    range.kind = ByteRange::Kind::Part;
    range.first = *first;
    range.last = std::min(*last, size - 1);
    return range;
}

// GET (and HEAD) of a file: .../resolve/{rev}/{path}, and .../raw/{rev}/{path}, which is the same
// here because the emulator stores no LFS or Xet files (on the Hub, raw gives the pointer file).
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
    response.setHeader("Accept-Ranges", "bytes");
    const std::string &content = file->second;
    const std::string rangeHeader = c.request.header("range");
    const std::string ifRange = c.request.header("if-range");
    // If-Range: the range applies only while the file is still the one the client knows.
    const ByteRange range = rangeHeader.empty() || (!ifRange.empty() && ifRange != etag)
                                ? ByteRange{}
                                : parseRange(rangeHeader, content.size());
    const std::string total = std::to_string(content.size());
    if (range.kind == ByteRange::Kind::Unsatisfiable) {
        HttpResponse refused = HttpResponse::error(416, "Requested range not satisfiable: " + rangeHeader);
        refused.setHeader("Content-Range", "bytes */" + total);
        refused.setHeader("ETag", etag);
        refused.setHeader("X-Repo-Commit", oid);
        return refused;
    }
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    if (range.kind == ByteRange::Kind::Part) {
        response.status = 206;
        response.setHeader("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.last) + "/" + total);
        response.body = content.substr(range.first, range.last - range.first + 1);
        return response;
    }
    response.body = content;
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
    api.route("GET", "/(datasets/)?([^/]+)/([^/]+)/raw/([^/]+)/(.+)",
              [&api](RouteContext &c) { return resolve(api, c); });
    api.route("POST", "/api/validate-yaml", [](RouteContext &c) { return validateYaml(c); });
}

} // namespace emu
