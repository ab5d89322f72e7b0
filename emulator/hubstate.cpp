#include "hubstate.h"

#include "publishers.h"
#include "requestgenerator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <ctime>
#include <openssl/sha.h>
#include <stdexcept>

namespace emu {

std::string repoTypePlural(RepoType type)
{
    return type == RepoType::Model ? "models" : "datasets";
}

std::optional<RepoType> repoTypeFromPlural(const std::string &plural)
{
    if (plural == "models")
        return RepoType::Model;
    if (plural == "datasets")
        return RepoType::Dataset;
    return std::nullopt;
}

namespace {
std::atomic<std::int64_t> clockOffset{0};
} // namespace

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + clockOffset;
}

void setClockOffsetMs(std::int64_t offset)
{
    clockOffset = offset;
}

std::int64_t clockOffsetMs()
{
    return clockOffset;
}

std::string publisherOwner(RepoType type, const std::string &repoId)
{
    return (type == RepoType::Model ? "model:" : "dataset:") + repoId;
}

std::string userPublisherOwner(const std::string &userName)
{
    return "user:" + userName;
}

std::string isoTime(std::int64_t ms)
{
    std::string out;
    appendIsoTime(out, ms);
    return out;
}

void appendIsoTime(std::string &out, std::int64_t ms)
{
    // By hand (civil date from days, H. Hinnant's algorithm): gmtime_r and snprintf cost more
    // than the rest of a request list item.
    std::int64_t seconds = ms / 1000;
    int millis = static_cast<int>(ms % 1000);
    if (millis < 0) {
        millis += 1000;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t secondOfDay = seconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t dayOfEra = days - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t mp = (5 * dayOfYear + 2) / 153;
    const int day = static_cast<int>(dayOfYear - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const std::int64_t year = yearOfEra + era * 400 + (month <= 2);
    if (year < 0 || year > 9999) {
        out += "0000-01-01T00:00:00.000Z";
        return;
    }
    char text[] = "0000-00-00T00:00:00.000Z";
    const auto put = [&text](std::size_t at, std::int64_t value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + std::size_t(i)] = char('0' + value % 10);
    };
    put(0, year, 4);
    put(5, month, 2);
    put(8, day, 2);
    put(11, secondOfDay / 3600, 2);
    put(14, secondOfDay / 60 % 60, 2);
    put(17, secondOfDay % 60, 2);
    put(20, millis, 3);
    out.append(text, sizeof text - 1);
}

std::optional<std::int64_t> parseIsoTime(const std::string &text)
{
    std::tm tm{};
    int millis = 0;
    char rest[16] = {};
    int fractionDigits = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &tm.tm_year, &tm.tm_mon,
                    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, rest) < 6)
        return std::nullopt;
    std::string tail = rest;
    if (!tail.empty() && tail[0] == '.') {
        std::size_t i = 1;
        for (; i < tail.size() && std::isdigit(static_cast<unsigned char>(tail[i])); ++i) {
            if (fractionDigits < 3) {
                millis = millis * 10 + (tail[i] - '0');
                ++fractionDigits;
            }
        }
        while (fractionDigits < 3) {
            millis *= 10;
            ++fractionDigits;
        }
        tail = tail.substr(i);
    }
    if (tail != "Z" && tail != "+00:00" && !tail.empty())
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return std::nullopt;
    const int day = tm.tm_mday;
    const std::time_t seconds = timegm(&tm);
    if (tm.tm_mday != day) // timegm normalised a day the month lacks (2026-02-30)
        return std::nullopt;
    return static_cast<std::int64_t>(seconds) * 1000 + millis;
}

std::string hexId(std::uint64_t a, std::uint64_t b)
{
    // 8 hex digits of a, 16 of b; by hand, as snprintf is slow for 100,000 generated users.
    static const char digits[] = "0123456789abcdef";
    std::string out(24, '0');
    for (int i = 7; i >= 0; --i, a >>= 4)
        out[std::size_t(i)] = digits[a & 15];
    for (int i = 23; i >= 8; --i, b >>= 4)
        out[std::size_t(i)] = digits[b & 15];
    return out;
}

std::string sha1Hex(const std::string &data)
{
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char *>(data.data()), data.size(), digest);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : digest) {
        out += digits[byte >> 4];
        out += digits[byte & 15];
    }
    return out;
}

// ---- Repo ----

const Commit *Repo::commitAt(const std::string &rev) const
{
    // As in git, HEAD names the default branch (the JavaScript client asks for revision/HEAD).
    if (rev == "HEAD")
        return headCommit();
    for (const std::string &ref : {"refs/heads/" + rev, "refs/tags/" + rev, rev}) {
        const auto it = refs.find(ref);
        if (it != refs.end())
            return &commits.at(it->second);
    }
    const auto commit = commits.find(rev);
    return commit == commits.end() ? nullptr : &commit->second;
}

const Commit *Repo::headCommit() const
{
    const auto ref = refs.find("refs/heads/main");
    if (ref == refs.end())
        return nullptr;
    const auto commit = commits.find(ref->second);
    return commit == commits.end() ? nullptr : &commit->second;
}

namespace {

bool keyLess(std::int64_t aTime, const std::string &aUser, std::int64_t bTime, const std::string &bUser)
{
    return aTime != bTime ? aTime < bTime : aUser < bUser;
}

bool requestLess(const AccessRequest &a, const AccessRequest &b)
{
    return keyLess(a.timestampMs, a.userId, b.timestampMs, b.userId);
}

} // namespace

AccessRequest *Repo::findRequest(const std::string &userId)
{
    const auto it = m_index.find(userId);
    if (it == m_index.end())
        return nullptr;
    m_changed.push_back(it->second);
    return &m_requests[it->second];
}

AccessRequest &Repo::addRequest(AccessRequest request)
{
    refreshChanged(); // positions are about to move
    const auto pos = std::upper_bound(m_requests.begin(), m_requests.end(), request, requestLess);
    const auto index = static_cast<std::size_t>(pos - m_requests.begin());
    const std::uint8_t code = statusCode(request.status);
    m_requests.insert(pos, std::move(request));
    m_statusCodes.insert(m_statusCodes.begin() + std::ptrdiff_t(index), code);
    m_itemJson.insert(m_itemJson.begin() + std::ptrdiff_t(index), std::string());
    if (index + 1 == m_requests.size())
        m_index[m_requests.back().userId] = index;
    else
        reindex();
    m_changed.push_back(index);
    return m_requests[index];
}

void Repo::setRequests(std::vector<AccessRequest> requests)
{
    if (!std::is_sorted(requests.begin(), requests.end(), requestLess)) // the generator's are
        std::sort(requests.begin(), requests.end(), requestLess);
    m_requests = std::move(requests);
    m_changed.clear();
    m_itemJson.assign(m_requests.size(), std::string());
    m_cachedBytes = 0;
    m_statusCodes.resize(m_requests.size());
    for (std::size_t i = 0; i < m_requests.size(); ++i)
        m_statusCodes[i] = statusCode(m_requests[i].status);
    reindex();
}

std::size_t Repo::countStatus(const std::string &status) const
{
    return static_cast<std::size_t>(std::count_if(
        m_requests.begin(), m_requests.end(), [&](const auto &r) { return r.status == status; }));
}

std::uint8_t Repo::statusCode(const std::string &status)
{
    for (std::size_t i = 0; i < m_statusNames.size(); ++i)
        if (m_statusNames[i] == status)
            return static_cast<std::uint8_t>(i);
    if (m_statusNames.size() > 255)
        throw std::runtime_error("more than 256 request statuses in one repo");
    m_statusNames.push_back(status);
    return static_cast<std::uint8_t>(m_statusNames.size() - 1);
}

void Repo::forget(std::size_t position)
{
    m_cachedBytes -= m_itemJson[position].size();
    std::string().swap(m_itemJson[position]);
}

void Repo::refreshChanged()
{
    for (const std::size_t position : m_changed) {
        m_statusCodes[position] = statusCode(m_requests[position].status);
        forget(position);
    }
    m_changed.clear();
}

Repo::Page Repo::page(const std::string &status, const std::optional<PageKey> &from,
                      std::optional<std::int64_t> after, std::optional<std::int64_t> before,
                      std::size_t limit)
{
    refreshChanged();
    Page out;
    const auto known = std::find(m_statusNames.begin(), m_statusNames.end(), status);
    if (known == m_statusNames.end())
        return out;
    const auto code = static_cast<unsigned char>(known - m_statusNames.begin());

    auto begin = m_requests.begin();
    if (after)
        begin = std::upper_bound(m_requests.begin(), m_requests.end(), *after,
                                 [](std::int64_t t, const AccessRequest &r) { return t < r.timestampMs; });
    if (from) {
        const auto cursor = std::upper_bound(
            m_requests.begin(), m_requests.end(), *from, [](const PageKey &key, const AccessRequest &r) {
                return keyLess(key.timestampMs, key.userId, r.timestampMs, r.userId);
            });
        begin = std::max(begin, cursor);
    }
    auto end = m_requests.end();
    if (before)
        end = std::lower_bound(begin, m_requests.end(), *before,
                               [](const AccessRequest &r, std::int64_t t) { return r.timestampMs < t; });

    const std::uint8_t *codes = m_statusCodes.data();
    std::size_t at = static_cast<std::size_t>(begin - m_requests.begin());
    const std::size_t stop = static_cast<std::size_t>(end - m_requests.begin());
    out.positions.reserve(std::min(limit, stop > at ? stop - at : 0));
    while (at < stop) {
        const void *hit = std::memchr(codes + at, code, stop - at);
        if (!hit)
            break;
        if (out.positions.size() == limit) {
            out.more = true;
            break;
        }
        at = static_cast<std::size_t>(static_cast<const std::uint8_t *>(hit) - codes);
        out.positions.push_back(at++);
    }
    return out;
}

void Repo::reindex()
{
    m_index.clear();
    m_index.reserve(m_requests.size());
    for (std::size_t i = 0; i < m_requests.size(); ++i)
        m_index[m_requests[i].userId] = i;
}

// ---- HubState ----

namespace {

std::string need(const Json &object, const char *key, const std::string &where)
{
    if (!object.contains(key) || !object[key].is_string() || object[key].get<std::string>().empty())
        throw std::runtime_error(where + ": \"" + key + "\" must be a non-empty string");
    return object[key].get<std::string>();
}

std::int64_t timeOr(const Json &object, const char *key, std::int64_t fallback,
                    const std::string &where)
{
    if (!object.contains(key))
        return fallback;
    const auto parsed = parseIsoTime(object.value(key, std::string()));
    if (!parsed)
        throw std::runtime_error(where + ": \"" + key + "\" is not an ISO 8601 time");
    return *parsed;
}

std::string gatedFromJson(const Json &value, const std::string &where)
{
    if (value.is_boolean() && !value.get<bool>())
        return "false";
    if (value.is_string() && (value == "auto" || value == "manual"))
        return value.get<std::string>();
    throw std::runtime_error(where + ": \"gated\" must be false, \"auto\" or \"manual\"");
}

} // namespace

const User &HubState::addUser(User user)
{
    if (user.id.empty())
        user.id = hexId(0x64a0'0000u, 0x1000'0000'0000ull + m_users.size());
    if (m_userByName.count(user.name))
        throw std::runtime_error("duplicate user \"" + user.name + "\"");
    m_userByName[user.name] = m_users.size();
    m_userById[user.id] = m_users.size();
    m_users.push_back(std::move(user));
    return m_users.back();
}

void HubState::reserveUsers(std::size_t more)
{
    m_users.reserve(m_users.size() + more);
    m_userByName.reserve(m_users.size() + more);
    m_userById.reserve(m_users.size() + more);
}

HubState HubState::fromJson(const Json &seed)
{
    if (!seed.is_object())
        throw std::runtime_error("the seed must be a JSON object");
    HubState state;
    const std::int64_t now = nowMs();
    const Json features = seed.value("features", Json::object());
    state.resetStatus = features.is_object() && features.value("resetStatus", false);

    for (const auto &u : seed.value("users", Json::array())) {
        User user;
        user.name = need(u, "name", "user");
        user.id = u.value("id", std::string());
        user.fullname = u.value("fullname", user.name);
        user.email = u.value("email", std::string());
        user.isPro = u.value("isPro", false);
        user.createdAtMs = timeOr(u, "createdAt", now - 86400000LL * 365, "user " + user.name);
        state.addUser(std::move(user));
    }
    for (const auto &o : seed.value("orgs", Json::array())) {
        Org org;
        org.name = need(o, "name", "org");
        org.id = o.value("id", hexId(0x64b0'0000u, 0x2000'0000'0000ull + state.m_orgs.size()));
        org.fullname = o.value("fullname", org.name);
        const Json members = o.value("members", Json::object());
        for (const auto &[member, role] : members.items()) {
            if (!state.userByName(member))
                throw std::runtime_error("org " + org.name + ": unknown member " + member);
            org.roles[member] = role.get<std::string>();
        }
        state.m_orgs.push_back(std::move(org));
    }
    for (const auto &t : seed.value("tokens", Json::array())) {
        Token token;
        token.value = need(t, "token", "token");
        token.user = need(t, "user", "token " + token.value.substr(0, 6));
        token.role = t.value("role", std::string("write"));
        token.displayName = t.value("displayName", token.role + " token");
        token.createdAtMs = timeOr(t, "createdAt", now - 86400000LL * 30, "token");
        token.scoped = t.value("scoped", Json::array());
        if (!state.userByName(token.user))
            throw std::runtime_error("token of unknown user " + token.user);
        if (token.role != "read" && token.role != "write" && token.role != "fineGrained")
            throw std::runtime_error("token role must be read, write or fineGrained");
        state.m_tokens.push_back(std::move(token));
    }
    for (const auto &r : seed.value("repos", Json::array())) {
        auto repo = std::make_unique<Repo>();
        const std::string id = need(r, "id", "repo");
        const auto slash = id.find('/');
        if (slash == std::string::npos || slash == 0 || slash + 1 == id.size())
            throw std::runtime_error("repo id \"" + id + "\" must be namespace/name");
        repo->ns = id.substr(0, slash);
        repo->name = id.substr(slash + 1);
        const std::string where = "repo " + id;
        const std::string type = r.value("type", std::string("model"));
        if (type != "model" && type != "dataset")
            throw std::runtime_error(where + ": type must be model or dataset");
        repo->type = type == "model" ? RepoType::Model : RepoType::Dataset;
        if (!state.userByName(repo->ns) && !state.org(repo->ns))
            throw std::runtime_error(where + ": unknown owner " + repo->ns);
        repo->internalId =
            r.value("_id", hexId(0x64c0'0000u, 0x3000'0000'0000ull + state.m_repos.size()));
        repo->isPrivate = r.value("private", false);
        repo->gated = gatedFromJson(r.value("gated", Json(false)), where);
        repo->notificationsMode = r.value("gatedNotificationsMode", std::string("bulk"));
        repo->notificationsEmail = r.value("gatedNotificationsEmail", std::string());
        repo->orgMembersGated = r.value("orgMembersGated", false);
        repo->discussionsDisabled = r.value("discussionsDisabled", false);
        repo->discussionsSorting = r.value("discussionsSorting", std::string());
        repo->likes = r.value("likes", 0);
        repo->downloads = r.value("downloads", 0);
        repo->createdAtMs = timeOr(r, "createdAt", now - 86400000LL * 200, where);
        std::map<std::string, std::string> files;
        const Json fileMap = r.value("files", Json::object());
        for (const auto &[path, content] : fileMap.items())
            files[path] = content.get<std::string>();
        const auto oid = state.commit(*repo, "refs/heads/main", {}, std::move(files),
                                      "Initial commit", repo->createdAtMs);
        if (r.contains("sha")) {
            // Keep the persisted head oid stable across restarts.
            auto commit = repo->commits.at(oid);
            commit.oid = r["sha"].get<std::string>();
            repo->commits.erase(oid);
            repo->refs["refs/heads/main"] = commit.oid;
            repo->commits[commit.oid] = std::move(commit);
        }
        repo->lastModifiedMs = timeOr(r, "lastModified", repo->createdAtMs, where);

        std::vector<AccessRequest> requests;
        for (const auto &q : r.value("requests", Json::array())) {
            AccessRequest request;
            const User *user = state.userByName(need(q, "user", where + " request"));
            if (!user)
                throw std::runtime_error(where + ": request of unknown user " +
                                         q["user"].get<std::string>());
            request.userId = user->id;
            request.status = q.value("status", std::string("pending"));
            request.timestampMs = timeOr(q, "timestamp", now, where);
            request.reviewedAtMs = timeOr(q, "reviewedAt", 0, where);
            request.rejectionReason = q.value("rejectionReason", std::string());
            request.resetReason = q.value("resetReason", std::string());
            if (q.contains("grantedBy")) {
                const User *granter = state.userByName(q["grantedBy"].get<std::string>());
                if (!granter)
                    throw std::runtime_error(where + ": unknown grantedBy user");
                request.grantedById = granter->id;
            }
            const Json answers = q.value("fields", Json::object());
            for (const auto &[key, value] : answers.items())
                request.fields[key] = value.is_string() ? value.get<std::string>() : value.dump();
            requests.push_back(std::move(request));
        }
        repo->setRequests(std::move(requests));
        if (r.contains("generate")) {
            const auto &g = r["generate"];
            GeneratorOptions options;
            options.count = g.value("count", 0);
            options.seed = g.value("seed", 1u);
            options.pendingShare = g.value("pending", options.pendingShare);
            options.acceptedShare = g.value("accepted", options.acceptedShare);
            options.spanDays = g.value("spanDays", options.spanDays);
            options.sameTimestampRun = g.value("sameTimestampRun", 1);
            generateRequests(state, *repo, options);
        }
        state.m_repos.push_back(std::move(repo));
    }
    loadPublishers(state, seed.value("trustedPublishers", Json::array()));
    return state;
}

Json HubState::toJson() const
{
    Json out;
    out["users"] = Json::array();
    for (const auto &u : m_users)
        out["users"].push_back({{"id", u.id},
                                {"name", u.name},
                                {"fullname", u.fullname},
                                {"email", u.email},
                                {"isPro", u.isPro},
                                {"createdAt", isoTime(u.createdAtMs)}});
    out["orgs"] = Json::array();
    for (const auto &o : m_orgs)
        out["orgs"].push_back(
            {{"id", o.id}, {"name", o.name}, {"fullname", o.fullname}, {"members", o.roles}});
    out["tokens"] = Json::array();
    for (const auto &t : m_tokens)
        out["tokens"].push_back({{"token", t.value},
                                 {"user", t.user},
                                 {"role", t.role},
                                 {"displayName", t.displayName},
                                 {"createdAt", isoTime(t.createdAtMs)},
                                 {"scoped", t.scoped}});
    out["repos"] = Json::array();
    for (const auto &r : m_repos) {
        Json repo{{"type", r->type == RepoType::Model ? "model" : "dataset"},
                  {"id", r->id()},
                  {"_id", r->internalId},
                  {"private", r->isPrivate},
                  {"gated", r->gated == "false" ? Json(false) : Json(r->gated)},
                  {"gatedNotificationsMode", r->notificationsMode},
                  {"gatedNotificationsEmail", r->notificationsEmail},
                  {"orgMembersGated", r->orgMembersGated},
                  {"discussionsDisabled", r->discussionsDisabled},
                  {"likes", r->likes},
                  {"downloads", r->downloads},
                  {"createdAt", isoTime(r->createdAtMs)},
                  {"lastModified", isoTime(r->lastModifiedMs)}};
        if (!r->discussionsSorting.empty())
            repo["discussionsSorting"] = r->discussionsSorting;
        if (const Commit *head = r->headCommit()) {
            repo["sha"] = head->oid;
            repo["files"] = head->files;
        }
        repo["requests"] = Json::array();
        for (const auto &q : r->requests()) {
            Json request{{"user", userById(q.userId)->name},
                         {"status", q.status},
                         {"timestamp", isoTime(q.timestampMs)}};
            if (q.reviewedAtMs)
                request["reviewedAt"] = isoTime(q.reviewedAtMs);
            if (!q.grantedById.empty())
                request["grantedBy"] = userById(q.grantedById)->name;
            if (!q.rejectionReason.empty())
                request["rejectionReason"] = q.rejectionReason;
            if (!q.resetReason.empty())
                request["resetReason"] = q.resetReason;
            if (!q.fields.empty())
                request["fields"] = q.fields;
            repo["requests"].push_back(std::move(request));
        }
        out["repos"].push_back(std::move(repo));
    }
    if (resetStatus)
        out["features"] = Json{{"resetStatus", true}};
    if (Json publishersJson = savePublishers(*this); !publishersJson.empty())
        out["trustedPublishers"] = std::move(publishersJson);
    return out;
}

const User *HubState::userByName(const std::string &name) const
{
    const auto it = m_userByName.find(name);
    return it == m_userByName.end() ? nullptr : &m_users[it->second];
}

const User *HubState::userById(const std::string &id) const
{
    const auto it = m_userById.find(id);
    return it == m_userById.end() ? nullptr : &m_users[it->second];
}

const Org *HubState::org(const std::string &name) const
{
    for (const auto &o : m_orgs)
        if (o.name == name)
            return &o;
    return nullptr;
}

const Token *HubState::token(const std::string &value) const
{
    for (const auto &t : m_tokens)
        if (t.value == value)
            return &t;
    for (const auto &issued : m_issued)
        if (issued.token.value == value)
            return &issued.token;
    return nullptr;
}

const Token &HubState::issueToken(Token token, std::optional<User> actor)
{
    // Tokens expired a day ago are dropped here, so the list stays as short as an hour of exchanges.
    const std::int64_t now = nowMs();
    std::erase_if(m_issued, [now](const IssuedToken &t) { return t.token.expiresAtMs + 86400000 <= now; });
    m_issued.push_back({std::move(token), std::move(actor)});
    return m_issued.back().token;
}

const User *HubState::tokenUser(const Token &token) const
{
    for (const auto &issued : m_issued)
        if (&issued.token == &token && issued.actor)
            return &*issued.actor;
    return userByName(token.user);
}

Repo *HubState::repo(RepoType type, const std::string &ns, const std::string &name)
{
    for (const auto &r : m_repos)
        if (r->type == type && r->ns == ns && r->name == name)
            return r.get();
    return nullptr;
}

std::vector<Repo *> HubState::repos(RepoType type)
{
    std::vector<Repo *> out;
    for (const auto &r : m_repos)
        if (r->type == type)
            out.push_back(r.get());
    return out;
}

std::vector<const Org *> HubState::orgsOf(const std::string &userName) const
{
    std::vector<const Org *> out;
    for (const auto &o : m_orgs)
        if (o.roles.count(userName))
            out.push_back(&o);
    return out;
}

std::string HubState::commit(Repo &repo, const std::string &ref, const std::string &parentOid,
                             std::map<std::string, std::string> files, const std::string &summary,
                             std::int64_t nowMs)
{
    Commit commit;
    commit.parent = parentOid;
    commit.summary = summary;
    commit.timeMs = nowMs;
    commit.files = std::move(files);
    std::string digest = parentOid + '\n' + summary + '\n' + std::to_string(nowMs) + '\n';
    for (const auto &[path, content] : commit.files)
        digest += path + '\n' + sha1Hex(content) + '\n';
    commit.oid = sha1Hex(digest);
    while (repo.commits.count(commit.oid))
        commit.oid = sha1Hex(commit.oid);
    repo.refs[ref] = commit.oid;
    repo.lastModifiedMs = nowMs;
    const std::string oid = commit.oid;
    repo.commits[oid] = std::move(commit);
    return oid;
}

} // namespace emu
