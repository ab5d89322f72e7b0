#pragma once
// The emulator's world: users, orgs, tokens, repos with their files and access requests.
// Plain C++ over nlohmann::json so the seed format and the persisted state are one format.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace emu {

using Json = nlohmann::ordered_json;

enum class RepoType { Model, Dataset };
std::string repoTypePlural(RepoType type); // "models" / "datasets"
std::optional<RepoType> repoTypeFromPlural(const std::string &plural);

struct User
{
    std::string id; // 24 hex
    std::string name;
    std::string fullname;
    std::string email;
    bool isPro = false;
    std::int64_t createdAtMs = 0; // account creation: the overview's createdAt
};

struct Org
{
    std::string id;
    std::string name;
    std::string fullname;
    std::map<std::string, std::string> roles; // user name -> admin | write | contributor | read
};

struct Token
{
    std::string value;
    std::string user;
    std::string role; // read | write | fineGrained
    std::string displayName;
    std::int64_t createdAtMs = 0;
    Json scoped = Json::array(); // fine-grained: [{entity: {type, name}, permissions: [...]}]
    // Tokens issued by the OIDC token exchange: "repo" or "user", and when they stop working.
    std::string issuedFor;
    std::int64_t expiresAtMs = 0; // 0: never
};

// A trusted publisher: CI jobs whose OIDC ID token has this issuer and these claims may exchange
// it for a short-lived Hub token (see publishers.h).
struct Publisher
{
    std::string id; // 24 hex
    std::string provider; // github | gitlab | circleci | bitbucket | custom
    std::string issuer;
    Json claims = Json::object(); // name -> exact value (strings)
    std::int64_t createdAtMs = 0;
    std::string createdBy; // user name
    std::int64_t lastUsedAtMs = 0; // 0 until an exchange succeeds
};

struct AccessRequest
{
    std::string userId;
    std::string status; // pending | accepted | rejected
    std::int64_t timestampMs = 0;
    std::int64_t reviewedAtMs = 0; // 0 while never reviewed
    std::string grantedById;
    std::string rejectionReason;
    std::string resetReason;
    std::map<std::string, std::string> fields;
};

struct Commit
{
    std::string oid;
    std::string parent;
    std::string summary;
    std::string description;
    std::string author; // user name; empty for seeded commits
    std::int64_t timeMs = 0;
    std::map<std::string, std::string> files;
};

struct Repo
{
    RepoType type = RepoType::Model;
    std::string internalId; // 24 hex
    std::string ns;
    std::string name;
    bool isPrivate = false;
    std::string gated = "false"; // false | auto | manual
    std::string notificationsMode = "bulk";
    std::string notificationsEmail;
    bool orgMembersGated = false;
    bool discussionsDisabled = false;
    std::string discussionsSorting; // empty until set through the settings
    std::int64_t likes = 0;
    std::int64_t downloads = 0;
    std::int64_t createdAtMs = 0;
    std::int64_t lastModifiedMs = 0;
    std::map<std::string, Commit> commits;    // oid -> commit
    std::map<std::string, std::string> refs; // "refs/heads/main" | "refs/pr/1" -> oid
    int nextPullRequest = 1;

    std::string id() const { return ns + "/" + name; }
    const Commit *headCommit() const;
    // A branch or tag name, a full ref ("refs/pr/1") or a commit oid; nullptr if unknown.
    const Commit *commitAt(const std::string &rev) const;

    // Requests are kept sorted by (timestamp, user id); timestamps may repeat, as on the Hub.
    const std::vector<AccessRequest> &requests() const { return m_requests; }
    // A request handed out for change: its list entry and cached JSON are refreshed before the
    // next page is made. Its timestamp must not change.
    AccessRequest *findRequest(const std::string &userId);
    AccessRequest &addRequest(AccessRequest request);
    void setRequests(std::vector<AccessRequest> requests);
    std::size_t countStatus(const std::string &status) const;

    // One page of a status list: positions in requests(), oldest first. Starts strictly after
    // `from` (or at the first request later than `after`), ends before `before`.
    struct PageKey
    {
        std::int64_t timestampMs = 0;
        std::string userId;
    };
    struct Page
    {
        std::vector<std::size_t> positions;
        bool more = false; // requests of the status remain within the bounds
    };
    Page page(const std::string &status, const std::optional<PageKey> &from,
              std::optional<std::int64_t> after, std::optional<std::int64_t> before,
              std::size_t limit);
    // The request at a position as list JSON, made by `make` on first use and kept until the
    // request changes.
    template <typename Make> const std::string &itemJson(std::size_t position, Make make)
    {
        std::string &cached = m_itemJson[position];
        if (cached.empty()) {
            std::string made = make(m_requests[position]);
            if (m_cachedBytes + made.size() > maxCachedBytes)
                return m_scratchJson = std::move(made); // over budget: made again next time
            m_cachedBytes += made.size();
            cached = std::move(made);
        }
        return cached;
    }
    static constexpr std::size_t maxCachedBytes = std::size_t(256) << 20;

private:
    void reindex();
    void refreshChanged();
    std::uint8_t statusCode(const std::string &status);
    void forget(std::size_t position); // drops the cached JSON of one request

    std::vector<AccessRequest> m_requests;
    std::unordered_map<std::string, std::size_t> m_index;
    // Per request, parallel to m_requests: a small status code (for scanning a status list
    // with memchr instead of string compares) and its JSON once served.
    std::vector<std::uint8_t> m_statusCodes;
    std::vector<std::string> m_statusNames; // code -> status
    std::vector<std::string> m_itemJson;
    std::string m_scratchJson;
    std::size_t m_cachedBytes = 0;
    std::vector<std::size_t> m_changed; // handed out by findRequest / addRequest
};

class HubState
{
public:
    // Throws std::runtime_error with a readable message on a malformed seed.
    static HubState fromJson(const Json &seed);
    Json toJson() const;

    const User *userByName(const std::string &name) const;
    const User *userById(const std::string &id) const;
    const User &addUser(User user); // name must be unused
    void reserveUsers(std::size_t more); // room for `more` new users without regrowing
    const Org *org(const std::string &name) const;
    const Token *token(const std::string &value) const;
    Repo *repo(RepoType type, const std::string &ns, const std::string &name);
    std::vector<Repo *> repos(RepoType type);
    const std::vector<User> &users() const { return m_users; }
    const std::vector<Org> &orgs() const { return m_orgs; }
    const std::vector<Token> &tokens() const { return m_tokens; }
    std::vector<const Org *> orgsOf(const std::string &userName) const;

    // Stores a new commit on a branch or pull-request ref; returns its oid.
    std::string commit(Repo &repo, const std::string &ref, const std::string &parentOid,
                       std::map<std::string, std::string> files, const std::string &summary,
                       std::int64_t nowMs);

    // The Hub's coming "reset" request status (hub-docs PR #2799); off unless enabled.
    bool resetStatus = false;

    // Trusted publishers by owner: publisherOwner(type, id) or userPublisherOwner(name).
    std::map<std::string, std::vector<Publisher>> publishers;

    // Tokens from the OIDC exchange: kept apart from the seeded ones and not persisted (they
    // live an hour). A repo token acts as its own synthetic user, returned by tokenUser().
    const Token &issueToken(Token token, std::optional<User> actor);
    const User *tokenUser(const Token &token) const;

private:
    std::vector<User> m_users;
    std::unordered_map<std::string, std::size_t> m_userByName;
    std::unordered_map<std::string, std::size_t> m_userById;
    std::vector<Org> m_orgs;
    std::vector<Token> m_tokens;
    std::vector<std::unique_ptr<Repo>> m_repos;
    struct IssuedToken
    {
        Token token;
        std::optional<User> actor;
    };
    std::deque<IssuedToken> m_issued; // a deque: Caller keeps pointers while tokens are added
};

std::string publisherOwner(RepoType type, const std::string &repoId); // "model:ns/name"
std::string userPublisherOwner(const std::string &userName);          // "user:name"

// Helpers shared by the state and the routes.
std::int64_t nowMs(); // the system clock plus the offset below
// Shifts the emulator's clock (process-wide) so tests can expire tokens without waiting.
void setClockOffsetMs(std::int64_t offset);
std::int64_t clockOffsetMs();
std::string isoTime(std::int64_t ms);                      // 2026-01-02T03:04:05.678Z
void appendIsoTime(std::string &out, std::int64_t ms);     // the same, without a temporary
std::optional<std::int64_t> parseIsoTime(const std::string &text);
std::string hexId(std::uint64_t a, std::uint64_t b = 0); // 24 hex digits
std::string sha1Hex(const std::string &data);

} // namespace emu
