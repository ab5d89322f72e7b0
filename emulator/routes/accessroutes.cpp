// Gated access: request lists, handle, batch, grant, ask-access and the access report.
#include "../frontmatter.h"
#include "../hubapi.h"

#include <fstream>
#include <set>

namespace emu {

namespace {

const std::string repoPath = "/api/(models|datasets)/([^/]+)/([^/]+)/user-access-request/";
constexpr std::size_t maxReasonLength = 200;

// "reset" exists only while the emulator's resetStatus feature is on.
bool knownStatus(const std::string &status, bool withReset)
{
    return status == "pending" || status == "accepted" || status == "rejected" ||
           (withReset && status == "reset");
}

std::string statusChoices(bool withReset)
{
    return withReset ? "pending, accepted, rejected or reset" : "pending, accepted or rejected";
}

// Written by hand, not through Json objects: a page holds up to 1000 requests and lists of
// 1,000,000 are paged through often, so this is the emulator's hot path.
void appendString(std::string &out, const std::string &text)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto ch = static_cast<unsigned char>(text[i]);
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        out.append(text, copied, i - copied);
        copied = i + 1;
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += char(ch);
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch == '\t') {
            out += "\\t";
        } else if (ch == '\r') {
            out += "\\r";
        } else {
            out += "\\u00";
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    out.append(text, copied, std::string::npos);
    out += '"';
}

void appendUser(std::string &out, const User &user, bool withEmail, bool withVerifiedOrgs)
{
    out += "{\"_id\":";
    appendString(out, user.id);
    out += ",\"avatarUrl\":\"/avatars/";
    out.append(sha1Hex(user.name), 0, 32);
    out += ".svg\",\"fullname\":";
    appendString(out, user.fullname);
    out += user.isPro ? ",\"isPro\":true" : ",\"isPro\":false";
    out += ",\"user\":";
    appendString(out, user.name);
    out += ",\"type\":\"user\"";
    if (withEmail && !user.email.empty()) {
        out += ",\"email\":";
        appendString(out, user.email);
    }
    if (withVerifiedOrgs)
        out += ",\"verifiedOrgNames\":[]";
    out += '}';
}

std::string requestJson(const HubState &state, const AccessRequest &request)
{
    std::string out;
    out.reserve(640);
    out += "{\"user\":";
    appendUser(out, *state.userById(request.userId), true, true);
    out += ",\"status\":";
    appendString(out, request.status);
    out += ",\"timestamp\":\"";
    appendIsoTime(out, request.timestampMs);
    out += '"';
    if (!request.fields.empty()) {
        out += ",\"fields\":{";
        bool first = true;
        for (const auto &[key, value] : request.fields) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            appendString(out, value);
        }
        out += '}';
    }
    if (request.reviewedAtMs) {
        out += ",\"reviewedAt\":\"";
        appendIsoTime(out, request.reviewedAtMs);
        out += '"';
    }
    if (!request.grantedById.empty()) {
        if (const User *granter = state.userById(request.grantedById)) {
            out += ",\"grantedBy\":";
            appendUser(out, *granter, false, false);
        }
    }
    out += '}';
    return out;
}

// The Link cursor: the (timestamp, user id) of a page's last request, so that requests sharing
// a timestamp across a page edge are neither lost nor repeated. "c1.<ms>.<hex of the user id>";
// clients pass it back unchanged.
std::string encodeCursor(const Repo::PageKey &key)
{
    static const char hex[] = "0123456789abcdef";
    std::string out = "c1." + std::to_string(key.timestampMs) + ".";
    for (unsigned char ch : key.userId) {
        out += hex[ch >> 4];
        out += hex[ch & 15];
    }
    return out;
}

std::optional<Repo::PageKey> decodeCursor(const std::string &text)
{
    const auto hexValue = [](char ch) {
        return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
    };
    const auto dot = text.find('.', 3);
    if (text.rfind("c1.", 0) != 0 || dot == std::string::npos || dot == 3 || dot > 3 + 18 ||
        (text.size() - dot - 1) % 2 != 0 || text.size() == dot + 1)
        return std::nullopt;
    Repo::PageKey key;
    for (std::size_t i = 3; i < dot; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return std::nullopt;
        key.timestampMs = key.timestampMs * 10 + (text[i] - '0');
    }
    for (std::size_t i = dot + 1; i < text.size(); i += 2) {
        const int high = hexValue(text[i]), low = hexValue(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        key.userId += char(high * 16 + low);
    }
    return key;
}

// The next page: the same query (status, limit, after, before) with the cursor replaced.
std::string pageLink(const RouteContext &c, const std::string &cursor)
{
    std::string url = c.request.origin + c.request.path + "?";
    for (const auto &[key, value] : c.request.query)
        if (key != "cursor")
            url += percentEncode(key) + "=" + percentEncode(value) + "&";
    url += "cursor=" + percentEncode(cursor);
    return "<" + url + ">; rel=\"next\"";
}

std::optional<int> parseLimit(const std::string &text)
{
    if (text.empty())
        return 1000;
    try {
        std::size_t used = 0;
        const int limit = std::stoi(text, &used);
        if (used == text.size() && limit >= 10 && limit <= 1000)
            return limit;
    } catch (const std::exception &) {
    }
    return std::nullopt;
}

HttpResponse listRequests(HubApi &api, RouteContext &c)
{
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Write);
    if (!lookup)
        return lookup.refusal;
    const std::string status = c.args[3];
    if (!knownStatus(status, api.state().resetStatus))
        return HttpResponse::error(400, "Invalid status \"" + status + "\": expected " +
                                            statusChoices(api.state().resetStatus));
    const std::optional<int> limit = parseLimit(c.request.param("limit"));
    if (!limit)
        return HttpResponse::error(400, "\"limit\" must be an integer between 10 and 1000");
    std::optional<std::int64_t> after, before;
    for (const char *key : {"after", "before"}) {
        const std::string text = c.request.param(key);
        if (text.empty())
            continue;
        const auto parsed = parseIsoTime(text);
        if (!parsed)
            return HttpResponse::error(400, "\"" + std::string(key) + "\" must be an ISO 8601 date-time");
        (std::string(key) == "after" ? after : before) = parsed;
    }
    std::optional<Repo::PageKey> from;
    if (c.request.query.count("cursor")) {
        from = decodeCursor(c.request.param("cursor"));
        if (!from)
            return HttpResponse::error(400, "\"cursor\" is not a cursor of this list: pass the "
                                            "Link header's URL unchanged");
    }

    Repo &repo = *lookup.repo;
    const Repo::Page page = repo.page(status, from, after, before, std::size_t(*limit));
    const HubState &state = api.state();
    const auto make = [&state](const AccessRequest &request) { return requestJson(state, request); };
    HttpResponse response;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    std::string &body = response.body;
    body.reserve(page.positions.size() * 700 + 2);
    body += '[';
    for (const std::size_t position : page.positions) {
        if (body.size() > 1)
            body += ',';
        body += repo.itemJson(position, make);
    }
    body += ']';
    if (page.more) {
        const AccessRequest &last = repo.requests()[page.positions.back()];
        response.setHeader("Link", pageLink(c, encodeCursor({last.timestampMs, last.userId})));
    }
    return response;
}

// Finds the user named by {"user": name} or {"userId": id}; nullptr if neither matches.
const User *targetUser(HubState &state, const Json &body)
{
    if (body.contains("userId") && body["userId"].is_string())
        return state.userById(body["userId"].get<std::string>());
    if (body.contains("user") && body["user"].is_string())
        return state.userByName(body["user"].get<std::string>());
    return nullptr;
}

bool namesUser(const Json &body)
{
    return (body.contains("userId") && body["userId"].is_string()) ||
           (body.contains("user") && body["user"].is_string());
}

void applyDecision(AccessRequest &request, const std::string &status, const std::string &reason,
                   const User &reviewer)
{
    request.status = status;
    request.rejectionReason.clear();
    request.resetReason.clear();
    request.grantedById.clear();
    request.reviewedAtMs = 0;
    if (status == "accepted") {
        request.reviewedAtMs = nowMs();
        request.grantedById = reviewer.id;
    } else if (status == "rejected") {
        request.reviewedAtMs = nowMs();
        request.rejectionReason = reason;
    } else if (status == "reset") {
        request.reviewedAtMs = nowMs();
        request.resetReason = reason;
    }
}

// The Hub counts characters (code points), not bytes.
std::size_t characters(const std::string &text)
{
    std::size_t count = 0;
    for (unsigned char ch : text)
        count += (ch & 0xC0) != 0x80;
    return count;
}

std::string reasonError(const Json &body, const std::string &key)
{
    if (!body.contains(key))
        return {};
    if (!body[key].is_string())
        return "\"" + key + "\" must be a string";
    if (characters(body[key].get_ref<const std::string &>()) > maxReasonLength)
        return "\"" + key + "\" must be at most 200 characters";
    return {};
}

// Checks status and the reason of a handle or batch body; empty string when valid.
std::string decisionError(const Json &body, bool withReset)
{
    if (!body.contains("status") || !body["status"].is_string() ||
        !knownStatus(body["status"].get<std::string>(), withReset))
        return withReset ? "\"status\" must be \"accepted\", \"rejected\", \"pending\" or \"reset\""
                         : "\"status\" must be \"accepted\", \"rejected\" or \"pending\"";
    if (std::string error = reasonError(body, "rejectionReason"); !error.empty())
        return error;
    return body["status"] == "reset" ? reasonError(body, "resetReason") : std::string();
}

struct Decision
{
    Repo *repo = nullptr;
    Json body;
    std::optional<HttpResponse> refusal;
};

Decision beginDecision(HubApi &api, RouteContext &c)
{
    Decision d;
    auto lookup = api.findRepo(c, c.args[0], c.args[1], c.args[2], Right::Write);
    if (!lookup) {
        d.refusal = lookup.refusal;
        return d;
    }
    const auto body = parseJsonBody(c.request.body);
    if (!body || !body->is_object()) {
        d.refusal = HttpResponse::error(400, "The request body must be a JSON object");
        return d;
    }
    if (lookup.repo->gated == "false") {
        d.refusal = HttpResponse::error(400, "Repository " + lookup.repo->id() + " is not gated");
        return d;
    }
    d.repo = lookup.repo;
    d.body = *body;
    return d;
}

HttpResponse handleRequest(HubApi &api, RouteContext &c)
{
    Decision d = beginDecision(api, c);
    if (d.refusal)
        return *d.refusal;
    if (const std::string error = decisionError(d.body, api.state().resetStatus); !error.empty())
        return HttpResponse::error(400, error);
    if (!namesUser(d.body))
        return HttpResponse::error(400, "Either \"user\" or \"userId\" must be provided");
    const User *user = targetUser(api.state(), d.body);
    if (!user)
        return HttpResponse::error(404, "User not found");
    AccessRequest *request = d.repo->findRequest(user->id);
    if (!request)
        return HttpResponse::error(404, "No access request from " + user->name + " on " + d.repo->id());
    const std::string status = d.body["status"];
    // As the Hub: deciding what is already decided is a 404 (clients treat it as done).
    if (request->status == status)
        return HttpResponse::error(404, "The access request of " + user->name +
                                            " is already in the " + status + " list");
    const char *reasonKey = status == "reset" ? "resetReason" : "rejectionReason";
    applyDecision(*request, status, d.body.value(reasonKey, std::string()), *c.caller.user);
    api.markChanged();
    return HttpResponse::json(200, Json::object());
}

HttpResponse batchRequests(HubApi &api, RouteContext &c)
{
    Decision d = beginDecision(api, c);
    if (d.refusal)
        return *d.refusal;
    // The coming reset status is announced for handle only, not for the batch.
    if (const std::string error = decisionError(d.body, false); !error.empty())
        return HttpResponse::error(400, error);
    const Json &requests = d.body.value("requests", Json());
    if (!requests.is_array() || requests.empty() || requests.size() > 100)
        return HttpResponse::error(400, "\"requests\" must be a list of 1 to 100 users");
    const std::string status = d.body["status"];
    const std::string reason = d.body.value("rejectionReason", std::string());
    Json outcomes = Json::array();
    for (const Json &item : requests) {
        Json outcome = Json::object();
        if (item.is_object() && item.contains("userId"))
            outcome["userId"] = item["userId"];
        else if (item.is_object() && item.contains("user"))
            outcome["user"] = item["user"];
        const User *user = item.is_object() ? targetUser(api.state(), item) : nullptr;
        AccessRequest *request = user ? d.repo->findRequest(user->id) : nullptr;
        if (!user) {
            outcome["ok"] = false;
            outcome["error"] = "user_not_found";
        } else if (!request) {
            outcome["ok"] = false;
            outcome["error"] = "request_not_found";
        } else {
            applyDecision(*request, status, reason, *c.caller.user);
            outcome["ok"] = true;
        }
        outcomes.push_back(std::move(outcome));
    }
    api.markChanged();
    return HttpResponse::json(200, outcomes);
}

HttpResponse grantAccess(HubApi &api, RouteContext &c)
{
    Decision d = beginDecision(api, c);
    if (d.refusal)
        return *d.refusal;
    if (!namesUser(d.body))
        return HttpResponse::error(400, "Either \"user\" or \"userId\" must be provided");
    const User *user = targetUser(api.state(), d.body);
    if (!user)
        return HttpResponse::error(404, "User not found");
    AccessRequest *request = d.repo->findRequest(user->id);
    if (request && request->status == "accepted")
        return HttpResponse::error(400, user->name + " already has access to " + d.repo->id());
    if (!request) {
        AccessRequest fresh;
        fresh.userId = user->id;
        fresh.timestampMs = nowMs();
        request = &d.repo->addRequest(std::move(fresh));
    }
    applyDecision(*request, "accepted", {}, *c.caller.user);
    api.markChanged();
    return HttpResponse::json(200, Json::object());
}

const std::vector<std::string> &alpha2Codes()
{
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        std::ifstream file("/usr/share/iso-codes/json/iso_3166-1.json");
        const Json doc = Json::parse(file, nullptr, false);
        if (!doc.is_discarded())
            for (const auto &country : doc.value("3166-1", Json::array()))
                out.push_back(country.value("alpha_2", std::string()));
        return out;
    }();
    return codes;
}

// Checks answers against the gate form; returns the stored answers or an error.
std::string formAnswers(const Repo &repo, const Json &body, std::map<std::string, std::string> &out)
{
    Json form = Json::object();
    if (const Commit *head = repo.headCommit()) {
        const auto readme = head->files.find("README.md");
        if (readme != head->files.end())
            form = parseFrontMatter(readme->second).data.value("extra_gated_fields", Json::object());
    }
    if (!form.is_object())
        return {};
    for (const auto &[field, spec] : form.items()) {
        const std::string type =
            spec.is_string() ? spec.get<std::string>() : spec.value("type", std::string());
        const Json value = body.value(field, Json());
        std::string text = value.is_string() ? value.get<std::string>()
                           : value.is_boolean() ? (value.get<bool>() ? "on" : "")
                           : value.is_null()    ? ""
                                                : value.dump();
        if (type == "checkbox") {
            if (!text.empty() && text != "false" && text != "off")
                out[field] = "on";
            continue;
        }
        if (text.empty())
            return "\"" + field + "\" is required";
        if (type == "country") {
            const auto &codes = alpha2Codes();
            if (std::find(codes.begin(), codes.end(), text) == codes.end())
                return "\"" + field + "\" must be an ISO 3166-1 alpha-2 country code";
        } else if (type == "date_picker" && !parseIsoTime(text + "T00:00:00Z")) {
            return "\"" + field + "\" must be a date (YYYY-MM-DD)";
        } else if (type == "select") {
            bool known = false;
            for (const auto &option : spec.value("options", Json::array()))
                known = known || (option.is_object() ? option.value("value", Json()) == text
                                                     : option == text);
            if (!known)
                return "\"" + field + "\" is not one of the options";
        }
        out[field] = text;
    }
    return {};
}

std::string webPath(const std::string &datasetPrefix, const Repo &repo)
{
    return "/" + datasetPrefix + repo.id();
}

HttpResponse askAccess(HubApi &api, RouteContext &c)
{
    const std::string prefix = c.args[0];
    if (!c.caller.signedIn())
        return HttpResponse::error(401, "You must be signed in to request access");
    auto lookup = api.findRepo(c, prefix.empty() ? "models" : "datasets", c.args[1], c.args[2],
                               Right::Read);
    if (!lookup)
        return lookup.refusal;
    Repo &repo = *lookup.repo;
    if (repo.gated == "false")
        return HttpResponse::error(400, "Repository " + repo.id() + " is not gated");
    const auto body = parseJsonBody(c.request.body.empty() ? "{}" : c.request.body);
    if (!body || !body->is_object())
        return HttpResponse::error(400, "The request body must be a JSON object of form answers");
    HttpResponse redirect = HttpResponse::json(303, Json::object());
    redirect.setHeader("Location", c.request.origin + webPath(prefix, repo));
    AccessRequest *existing = repo.findRequest(c.caller.user->id);
    if (existing && existing->status == "rejected")
        return HttpResponse::error(403, "Your request to access this repo has been rejected by the "
                                        "repo's authors.");
    if (existing && existing->status == "reset") {
        // A reset request may be made again: it goes through the gate like a new one.
        std::map<std::string, std::string> answers;
        if (const std::string error = formAnswers(repo, *body, answers); !error.empty())
            return HttpResponse::error(400, error);
        existing->fields = std::move(answers);
        existing->resetReason.clear();
        existing->status = repo.gated == "auto" ? "accepted" : "pending";
        existing->reviewedAtMs = existing->status == "accepted" ? nowMs() : 0;
        api.markChanged();
        return redirect;
    }
    if (existing)
        return redirect;
    AccessRequest request;
    if (const std::string error = formAnswers(repo, *body, request.fields); !error.empty())
        return HttpResponse::error(400, error);
    request.userId = c.caller.user->id;
    request.timestampMs = nowMs();
    request.status = repo.gated == "auto" ? "accepted" : "pending";
    if (request.status == "accepted")
        request.reviewedAtMs = request.timestampMs;
    repo.addRequest(std::move(request));
    api.markChanged();
    return redirect;
}

HttpResponse accessReport(HubApi &api, RouteContext &c)
{
    const std::string prefix = c.args[0];
    auto lookup = api.findRepo(c, prefix.empty() ? "models" : "datasets", c.args[1], c.args[2],
                               Right::Write);
    if (!lookup)
        return lookup.refusal;
    Json report = Json::array();
    for (const AccessRequest &request : lookup.repo->requests()) {
        const User *user = api.state().userById(request.userId);
        Json entry{{"user", user->name},
                   {"fullname", user->fullname},
                   {"status", request.status}};
        if (!user->email.empty())
            entry["email"] = user->email;
        entry["time"] = isoTime(request.timestampMs);
        if (request.reviewedAtMs && request.status != "pending")
            entry["reviewedAt"] = isoTime(request.reviewedAtMs);
        report.push_back(std::move(entry));
    }
    HttpResponse response = HttpResponse::json(200, report);
    response.setHeader("Content-Disposition",
                       "attachment; filename=\"" + lookup.repo->ns + "-" + lookup.repo->name +
                           "-user-access-report.json\"");
    return response;
}

} // namespace

void registerAccessRoutes(HubApi &api)
{
    api.route("POST", repoPath + "handle", [&api](RouteContext &c) { return handleRequest(api, c); });
    api.route("POST", repoPath + "batch", [&api](RouteContext &c) { return batchRequests(api, c); });
    api.route("POST", repoPath + "grant", [&api](RouteContext &c) { return grantAccess(api, c); });
    api.route("GET", repoPath + "([^/]+)", [&api](RouteContext &c) { return listRequests(api, c); });
    api.route("POST", "/(datasets/)?([^/]+)/([^/]+)/ask-access",
              [&api](RouteContext &c) { return askAccess(api, c); });
    api.route("GET", "/(datasets/)?([^/]+)/([^/]+)/user-access-report",
              [&api](RouteContext &c) { return accessReport(api, c); });
}

} // namespace emu
