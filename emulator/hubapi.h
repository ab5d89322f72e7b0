#pragma once
// The Hub's HTTP API over a HubState: routing, authentication, permissions, fault injection.
// No sockets here: HubServer feeds it parsed requests, tests could too.

#include "faultinjector.h"
#include "httpexchange.h"
#include "hubstate.h"
#include "oidctestissuer.h"

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace emu {

enum class Right { None, Read, Write };

struct Caller
{
    const Token *token = nullptr;
    const User *user = nullptr;
    bool signedIn() const { return user != nullptr; }
};

struct RouteContext
{
    const HttpRequest &request;
    std::vector<std::string> args; // decoded regex captures
    Caller caller;
};

// A repo the caller may act on, or the Hub's refusal.
struct RepoLookup
{
    Repo *repo = nullptr;
    HttpResponse refusal;
    explicit operator bool() const { return repo != nullptr; }
};

class HubApi
{
public:
    using Handler = std::function<HttpResponse(RouteContext &)>;

    explicit HubApi(HubState state);

    // Answers one request; fault decisions are taken by the server before this is called.
    HttpResponse handle(const HttpRequest &request);

    HubState &state() { return m_state; }
    void replaceState(HubState state) { m_state = std::move(state); }
    FaultInjector &faults() { return m_faults; }
    Json callStats() const;
    void resetCallStats();
    void countCall(const std::string &method, const std::string &path);

    void route(const std::string &method, const std::string &pattern, Handler handler);

    // Shared rules of the Hub.
    Right rightOn(const Caller &caller, const Repo &repo) const;
    RepoLookup findRepo(const RouteContext &context, const std::string &typePlural,
                        const std::string &ns, const std::string &name, Right needed);
    void markChanged() { if (onChange) onChange(); }

    // The Hub URL that OIDC ID tokens must name as their audience (the real Hub's by default:
    // CI jobs are configured with it, and the emulator stands in for it).
    const std::string &hubUrl() const { return m_hubUrl; }
    void setHubUrl(std::string url) { m_hubUrl = std::move(url); }
    OidcTestIssuer &testIssuer() { return m_testIssuer; }
    // The built-in test issuer as served by this server: http://127.0.0.1:PORT/oidc-test (or
    // localhost). The only issuer without https that publishers and the exchange accept.
    void setServerPort(int port) { m_serverPort = port; }
    bool isTestIssuer(const std::string &issuer) const;

    std::function<void()> onChange; // state mutated (persistence)
    std::function<HubState()> reloadSeed;

private:
    struct Route
    {
        std::string method;
        std::regex pattern;
        Handler handler;
    };
    std::vector<Route> m_routes;
    HubState m_state;
    FaultInjector m_faults;
    OidcTestIssuer m_testIssuer;
    std::string m_hubUrl = "https://huggingface.co";
    int m_serverPort = 0;
    std::map<std::string, int> m_calls;
    int m_totalCalls = 0;
};

void registerAccountRoutes(HubApi &api);
void registerRepoRoutes(HubApi &api);
void registerAccessRoutes(HubApi &api);
void registerContentRoutes(HubApi &api);
void registerFileRoutes(HubApi &api);
void registerControlRoutes(HubApi &api);
void registerPublisherRoutes(HubApi &api);
void registerOidcRoutes(HubApi &api);

// Parses a JSON request body; an empty optional means "answer 400".
std::optional<Json> parseJsonBody(const std::string &body);
Json userJson(const User &user, bool withEmail);

} // namespace emu
