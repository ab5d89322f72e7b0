#include "publishers.h"

#include <QUrl>

#include <random>
#include <stdexcept>

namespace emu {

namespace {

const std::map<std::string, std::string> &requiredClaims()
{
    static const std::map<std::string, std::string> claims{
        {"github", "repository"},
        {"gitlab", "project_path"},
        {"circleci", "oidc.circleci.com/project-id"},
        {"bitbucket", "repositoryUuid"},
        {"custom", ""}};
    return claims;
}

// A claim of the token as text: GitLab sends some booleans as strings, others send real ones.
std::optional<std::string> claimText(const Json &claims, const std::string &name)
{
    const auto it = claims.find(name);
    if (it == claims.end() || it->is_null())
        return std::nullopt;
    if (it->is_string())
        return it->get<std::string>();
    return it->dump();
}

std::string describe(const std::optional<std::string> &value)
{
    return value ? *value : std::string("nothing");
}

// The file name in GitHub's workflow_ref: "owner/repo/.github/workflows/publish.yml@refs/heads/main".
std::optional<std::string> workflowFile(const std::optional<std::string> &workflowRef)
{
    if (!workflowRef)
        return std::nullopt;
    const std::string path = workflowRef->substr(0, workflowRef->find('@'));
    return path.substr(path.rfind('/') + 1);
}

// One configured claim against the token; empty when it matches.
std::string mismatch(const std::string &provider, const std::string &name,
                     const std::string &wanted, const Json &claims)
{
    if (provider == "github" && name == "branch") {
        const auto ref = claimText(claims, "ref");
        if (ref == "refs/heads/" + wanted)
            return {};
        return "branch: token has " + describe(ref) + ", publisher wants " + wanted;
    }
    if (provider == "github" && name == "workflow") {
        const auto workflowRef = claimText(claims, "workflow_ref");
        const auto file = workflowFile(workflowRef);
        if (file == wanted)
            return {};
        return "workflow: token's workflow_ref " + describe(workflowRef) + " names " +
               describe(file) + ", publisher wants " + wanted;
    }
    if (provider == "gitlab" && name == "branch") {
        const auto ref = claimText(claims, "ref");
        const auto refType = claimText(claims, "ref_type");
        if (refType == "branch" && ref == wanted)
            return {};
        if (refType != "branch")
            return "branch: token's ref_type is " + describe(refType) +
                   ", publisher wants the branch " + wanted;
        return "branch: token has " + describe(ref) + ", publisher wants " + wanted;
    }
    const auto actual = claimText(claims, name);
    if (actual == wanted)
        return {};
    if (!actual)
        return name + ": token has no " + name + " claim, publisher wants " + wanted;
    std::string line = name + ": token has " + *actual + ", publisher wants " + wanted;
    if (actual == "{" + wanted + "}")
        line += " (the token wraps the UUID in braces; configure it with them)";
    return line;
}

bool validHttpsIssuer(const std::string &issuer)
{
    const QUrl url(QString::fromStdString(issuer), QUrl::StrictMode);
    return url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty() &&
           url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment();
}

Publisher publisherFromJson(const Json &entry, const std::string &where)
{
    Publisher publisher;
    publisher.id = entry.value("_id", newPublisherId());
    publisher.provider = entry.value("provider", std::string());
    publisher.issuer = entry.value("issuer", std::string());
    publisher.claims = entry.value("claims", Json::object());
    publisher.createdBy = entry.value("createdBy", std::string());
    publisher.createdAtMs = nowMs();
    if (entry.contains("createdAt"))
        publisher.createdAtMs = parseIsoTime(entry.value("createdAt", std::string())).value_or(0);
    if (entry.contains("lastUsedAt") && !entry["lastUsedAt"].is_null())
        publisher.lastUsedAtMs = parseIsoTime(entry.value("lastUsedAt", std::string())).value_or(0);
    if (!requiredClaims().count(publisher.provider) || publisher.issuer.empty() ||
        !publisher.claims.is_object() || publisher.claims.empty())
        throw std::runtime_error(where + ": needs a known provider, an issuer and claims");
    return publisher;
}

} // namespace

Json publisherJson(const Publisher &publisher)
{
    return Json{{"_id", publisher.id},
                {"provider", publisher.provider},
                {"issuer", publisher.issuer},
                {"claims", publisher.claims},
                {"createdAt", isoTime(publisher.createdAtMs)},
                {"createdBy", publisher.createdBy},
                {"lastUsedAt", publisher.lastUsedAtMs ? Json(isoTime(publisher.lastUsedAtMs)) : Json(nullptr)}};
}

void loadPublishers(HubState &state, const Json &entries)
{
    if (!entries.is_array())
        throw std::runtime_error("\"trustedPublishers\" must be an array");
    for (const auto &entry : entries) {
        std::string owner;
        if (entry.contains("user")) {
            const std::string user = entry.value("user", std::string());
            if (!state.userByName(user))
                throw std::runtime_error("trusted publisher of unknown user " + user);
            owner = userPublisherOwner(user);
        } else {
            const std::string id = entry.value("repo", std::string());
            const std::string type = entry.value("type", std::string("model"));
            const RepoType repoType = type == "dataset" ? RepoType::Dataset : RepoType::Model;
            const auto slash = id.find('/');
            if (slash == std::string::npos ||
                !state.repo(repoType, id.substr(0, slash), id.substr(slash + 1)))
                throw std::runtime_error("trusted publisher of unknown " + type + " " + id);
            owner = publisherOwner(repoType, id);
        }
        state.publishers[owner].push_back(publisherFromJson(entry, "trusted publisher of " + owner));
    }
}

Json savePublishers(const HubState &state)
{
    Json out = Json::array();
    for (const auto &[owner, list] : state.publishers) {
        const auto colon = owner.find(':');
        const std::string kind = owner.substr(0, colon), name = owner.substr(colon + 1);
        for (const Publisher &publisher : list) {
            Json entry = kind == "user" ? Json{{"user", name}} : Json{{"repo", name}, {"type", kind}};
            entry.update(publisherJson(publisher));
            out.push_back(std::move(entry));
        }
    }
    return out;
}

std::string publisherInputError(const Json &body,
                                const std::function<bool(const std::string &)> &isTestIssuer)
{
    if (!body.is_object())
        return "Expected {\"provider\", \"issuer\", \"claims\": {...}} as JSON";
    const std::string provider = body.value("provider", Json()).is_string() ? body["provider"].get<std::string>() : "";
    const auto required = requiredClaims().find(provider);
    if (required == requiredClaims().end())
        return "\"provider\" must be one of github, gitlab, circleci, bitbucket, custom";
    if (!body.value("issuer", Json()).is_string())
        return "\"issuer\" must be a URL";
    const std::string issuer = body["issuer"].get<std::string>();
    if (!validHttpsIssuer(issuer) && !isTestIssuer(issuer))
        return "\"issuer\" must be an https URL without query or fragment, got \"" + issuer + "\"";
    const Json claims = body.value("claims", Json());
    if (!claims.is_object() || claims.empty())
        return "\"claims\" must be an object with at least one claim";
    for (const auto &[name, value] : claims.items()) {
        if (name.empty())
            return "claim names must not be empty";
        if (!value.is_string() || value.get<std::string>().empty())
            return "claim \"" + name + "\" must be a non-empty string";
    }
    if (!required->second.empty() && !claims.contains(required->second))
        return "the " + provider + " preset needs the claim \"" + required->second + "\"";
    if (provider == "github") {
        const std::string repository = claims["repository"].get<std::string>();
        const auto slash = repository.find('/');
        if (slash == 0 || slash == std::string::npos || slash + 1 == repository.size() ||
            repository.find('/', slash + 1) != std::string::npos)
            return "claim \"repository\" must be owner/name, got \"" + repository + "\"";
    }
    return {};
}

bool samePublisher(const Publisher &a, const Publisher &b)
{
    if (a.issuer != b.issuer || a.claims.size() != b.claims.size())
        return false;
    for (const auto &[name, value] : a.claims.items())
        if (!b.claims.contains(name) || b.claims[name] != value)
            return false;
    return true;
}

std::vector<std::string> claimMismatches(const Publisher &publisher, const Json &tokenClaims)
{
    std::vector<std::string> lines;
    for (const auto &[name, wanted] : publisher.claims.items()) {
        std::string line = mismatch(publisher.provider, name, wanted.get<std::string>(), tokenClaims);
        if (!line.empty())
            lines.push_back(std::move(line));
    }
    return lines;
}

std::string newPublisherId()
{
    static std::mt19937_64 random{std::random_device{}()};
    return hexId(static_cast<std::uint32_t>(nowMs() / 1000), random());
}

} // namespace emu
