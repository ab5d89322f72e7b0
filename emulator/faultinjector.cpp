#include "faultinjector.h"

#include <sstream>

namespace emu {

bool globMatch(const std::string &glob, const std::string &text)
{
    std::size_t g = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (g < glob.size() && (glob[g] == text[t] || glob[g] == '?')) {
            ++g;
            ++t;
        } else if (g < glob.size() && glob[g] == '*') {
            star = g++;
            mark = t;
        } else if (star != std::string::npos) {
            g = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (g < glob.size() && glob[g] == '*')
        ++g;
    return g == glob.size();
}

namespace {

std::optional<int> toInt(const std::string &text)
{
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size())
            return value;
    } catch (const std::exception &) {
    }
    return std::nullopt;
}

bool validate(FaultRule &rule, std::string *error)
{
    if (rule.kind == FaultRule::Kind::Status && (rule.status < 400 || rule.status > 599)) {
        *error = "status must be between 400 and 599";
        return false;
    }
    if (rule.latencyMs < 0 || rule.latencyMs > 600000) {
        *error = "ms must be between 0 and 600000";
        return false;
    }
    if (rule.path.empty() || (rule.path[0] != '/' && rule.path != "*")) {
        *error = "path must start with / (globs with * allowed)";
        return false;
    }
    return true;
}

} // namespace

std::optional<FaultRule> FaultRule::parse(const std::string &spec, std::string *error)
{
    Json json = Json::object();
    std::stringstream stream(spec);
    std::string part;
    while (std::getline(stream, part, ',')) {
        const auto eq = part.find('=');
        if (eq == std::string::npos) {
            *error = "expected key=value, got \"" + part + "\"";
            return std::nullopt;
        }
        const std::string key = part.substr(0, eq), value = part.substr(eq + 1);
        const auto number = toInt(value);
        if (number && key != "path" && key != "method" && key != "kind")
            json[key] = *number;
        else
            json[key] = value;
    }
    return fromJson(json, error);
}

std::optional<FaultRule> FaultRule::fromJson(const Json &json, std::string *error)
{
    if (!json.is_object()) {
        *error = "a fault rule is a JSON object";
        return std::nullopt;
    }
    FaultRule rule;
    const std::string kind = json.value("kind", std::string("status"));
    if (kind == "latency")
        rule.kind = Kind::Latency;
    else if (kind == "status")
        rule.kind = Kind::Status;
    else if (kind == "drop")
        rule.kind = Kind::Drop;
    else {
        *error = "kind must be latency, status or drop";
        return std::nullopt;
    }
    static const std::vector<std::string> known{"kind", "method", "path",  "status",     "ms",
                                                "times", "skip",  "retry-after", "retryAfter"};
    for (const auto &[key, value] : json.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            *error = "unknown fault option \"" + key + "\"";
            return std::nullopt;
        }
        if (key != "kind" && key != "method" && key != "path" && !value.is_number_integer()) {
            *error = "\"" + key + "\" must be an integer";
            return std::nullopt;
        }
    }
    rule.method = json.value("method", std::string("*"));
    for (char &c : rule.method)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    rule.path = json.value("path", std::string("*"));
    rule.status = json.value("status", 503);
    rule.latencyMs = json.value("ms", 0);
    rule.times = json.value("times", -1);
    rule.skip = json.value("skip", 0);
    rule.retryAfterSeconds = json.value("retry-after", json.value("retryAfter", 1));
    if (!validate(rule, error))
        return std::nullopt;
    return rule;
}

Json FaultRule::toJson() const
{
    static const char *kinds[] = {"latency", "status", "drop"};
    Json json{{"kind", kinds[static_cast<int>(kind)]},
              {"method", method},
              {"path", path},
              {"times", times},
              {"skip", skip},
              {"matched", matched},
              {"fired", fired}};
    if (kind == Kind::Status) {
        json["status"] = status;
        json["retry-after"] = retryAfterSeconds;
    }
    if (kind == Kind::Latency)
        json["ms"] = latencyMs;
    return json;
}

Json FaultInjector::toJson() const
{
    Json rules = Json::array();
    for (const auto &rule : m_rules)
        rules.push_back(rule.toJson());
    return Json{{"rules", rules},
                {"latency", {{"ms", m_latencyMs}, {"jitter", m_latencyJitterMs}}},
                {"rateLimit", {{"limit", m_rateLimit}, {"window", m_rateWindowSeconds}}}};
}

FaultDecision FaultInjector::decide(const std::string &method, const std::string &path)
{
    FaultDecision decision;
    if (m_latencyMs > 0) {
        std::uniform_int_distribution<int> delay(m_latencyMs - m_latencyJitterMs,
                                                 m_latencyMs + m_latencyJitterMs);
        decision.latencyMs = delay(m_random);
    }
    bool decided = false;
    for (auto &rule : m_rules) {
        if ((rule.method != "*" && rule.method != method) || !globMatch(rule.path, path))
            continue;
        ++rule.matched;
        if (rule.matched <= rule.skip || (rule.times >= 0 && rule.fired >= rule.times))
            continue;
        if (rule.kind == FaultRule::Kind::Latency) {
            ++rule.fired;
            decision.latencyMs += rule.latencyMs;
        } else if (!decided) {
            ++rule.fired;
            decided = true;
            if (rule.kind == FaultRule::Kind::Drop) {
                decision.drop = true;
            } else {
                decision.status = rule.status;
                decision.retryAfterSeconds = rule.retryAfterSeconds;
            }
        }
    }
    return decision;
}

bool FaultInjector::setLatency(int ms, int jitterMs)
{
    if (ms < 0 || ms > 600000 || jitterMs < 0 || jitterMs > ms)
        return false;
    m_latencyMs = ms;
    m_latencyJitterMs = jitterMs;
    return true;
}

void FaultInjector::setRateLimit(int limit, int windowSeconds)
{
    m_rateLimit = limit;
    m_rateWindowSeconds = windowSeconds > 0 ? windowSeconds : 300;
    m_windows.clear();
}

RateDecision FaultInjector::countCall(const std::string &key, std::int64_t nowMs)
{
    RateDecision decision;
    if (m_rateLimit <= 0)
        return decision;
    decision.enabled = true;
    decision.limit = m_rateLimit;
    decision.windowSeconds = m_rateWindowSeconds;
    Window &window = m_windows[key];
    const std::int64_t windowMs = std::int64_t(m_rateWindowSeconds) * 1000;
    if (nowMs - window.startMs >= windowMs) {
        window.startMs = nowMs;
        window.calls = 0;
    }
    decision.resetSeconds =
        static_cast<int>((window.startMs + windowMs - nowMs + 999) / 1000);
    if (window.calls >= m_rateLimit) {
        decision.limited = true;
        decision.remaining = 0;
        return decision;
    }
    ++window.calls;
    decision.remaining = m_rateLimit - window.calls;
    return decision;
}

} // namespace emu
