#pragma once
// Fault injection per route (latency, 429, 5xx, dropped connections) and a per-token rate limit
// with a fixed window, as the Hub applies to API calls.

#include "hubstate.h"

#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace emu {

struct FaultRule
{
    enum class Kind { Latency, Status, Drop };
    Kind kind = Kind::Status;
    std::string method = "*";   // GET, POST, ... or *
    std::string path = "*";     // glob on the request path; * matches any characters
    int status = 503;           // Kind::Status
    int latencyMs = 0;          // Kind::Latency
    int retryAfterSeconds = 1;  // Kind::Status with 429
    int times = -1;             // how many times it fires; -1 = always
    int skip = 0;               // matching calls let through before it starts firing
    int matched = 0;
    int fired = 0;

    // "kind=status,status=429,path=/api/*,method=POST,times=2,skip=1,retry-after=2,ms=5"
    static std::optional<FaultRule> parse(const std::string &spec, std::string *error);
    static std::optional<FaultRule> fromJson(const Json &json, std::string *error);
    Json toJson() const;
};

struct FaultDecision
{
    int latencyMs = 0;
    std::optional<int> status;
    int retryAfterSeconds = 0;
    bool drop = false;
};

struct RateDecision
{
    bool enabled = false;
    bool limited = false;
    int limit = 0;
    int windowSeconds = 0;
    int remaining = 0;
    int resetSeconds = 0;
};

class FaultInjector
{
public:
    void add(FaultRule rule) { m_rules.push_back(std::move(rule)); }
    void clear() { m_rules.clear(); }
    Json toJson() const;
    FaultDecision decide(const std::string &method, const std::string &path);

    // A delay for every API answer, as from a distant Hub: ms, plus or minus a uniform jitter.
    // Returns false (and changes nothing) unless 0 <= jitter <= ms <= 600000.
    bool setLatency(int ms, int jitterMs);
    int latencyMs() const { return m_latencyMs; }
    int latencyJitterMs() const { return m_latencyJitterMs; }

    // limit <= 0 turns the rate limit off.
    void setRateLimit(int limit, int windowSeconds);
    RateDecision countCall(const std::string &key, std::int64_t nowMs);

private:
    std::vector<FaultRule> m_rules;
    int m_latencyMs = 0;
    int m_latencyJitterMs = 0;
    std::mt19937 m_random{std::random_device{}()};
    int m_rateLimit = 0;
    int m_rateWindowSeconds = 300;
    struct Window
    {
        std::int64_t startMs = 0;
        int calls = 0;
    };
    std::map<std::string, Window> m_windows;
};

bool globMatch(const std::string &glob, const std::string &text);

} // namespace emu
