// The emulator's own control endpoints under /_emulator/: faults, rate limit, stats, data.
#include "../hubapi.h"
#include "../requestgenerator.h"
#include "../tokenexchange.h"

#include <chrono>

namespace emu {

void registerControlRoutes(HubApi &api)
{
    api.route("GET", "/_emulator/health", [](RouteContext &) {
        return HttpResponse::json(200, Json{{"ok", true}});
    });

    api.route("GET", "/_emulator/faults",
              [&api](RouteContext &) { return HttpResponse::json(200, api.faults().toJson()); });
    api.route("DELETE", "/_emulator/faults", [&api](RouteContext &) {
        api.faults().clear();
        api.faults().setRateLimit(0, 0);
        return HttpResponse::json(200, api.faults().toJson());
    });
    api.route("POST", "/_emulator/faults", [&api](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        if (!body)
            return HttpResponse::error(400, "Expected a fault rule or {\"rules\": [...]} as JSON");
        const Json rules = body->is_object() && body->contains("rules") ? (*body)["rules"]
                                                                       : Json::array({*body});
        std::vector<FaultRule> parsed;
        for (const auto &json : rules) {
            std::string error;
            auto rule = FaultRule::fromJson(json, &error);
            if (!rule)
                return HttpResponse::error(400, error);
            parsed.push_back(*rule);
        }
        for (auto &rule : parsed)
            api.faults().add(std::move(rule));
        return HttpResponse::json(200, api.faults().toJson());
    });
    api.route("PUT", "/_emulator/rate-limit", [&api](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        if (!body || !body->is_object() || !body->value("limit", Json()).is_number_integer())
            return HttpResponse::error(400, "Expected {\"limit\": N, \"window\": seconds}");
        api.faults().setRateLimit((*body)["limit"], body->value("window", 300));
        return HttpResponse::json(200, api.faults().toJson());
    });

    api.route("PUT", "/_emulator/latency", [&api](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        const Json ms = body && body->is_object() ? body->value("ms", Json()) : Json();
        const Json jitter = body && body->is_object() ? body->value("jitter", Json(0)) : Json();
        if (!ms.is_number_integer() || !jitter.is_number_integer() ||
            !api.faults().setLatency(ms.get<int>(), jitter.get<int>()))
            return HttpResponse::error(400, "Expected {\"ms\": N, \"jitter\": J} with 0 <= J <= N <= 600000");
        return HttpResponse::json(200, api.faults().toJson());
    });

    // Hub behaviour that is announced but not live yet, off unless switched on.
    api.route("GET", "/_emulator/features", [&api](RouteContext &) {
        return HttpResponse::json(200, Json{{"resetStatus", api.state().resetStatus}});
    });
    api.route("PUT", "/_emulator/features", [&api](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        if (!body || !body->is_object())
            return HttpResponse::error(400, "Expected {\"resetStatus\": true|false}");
        for (const auto &[key, value] : body->items())
            if (key != "resetStatus" || !value.is_boolean())
                return HttpResponse::error(400, "Unknown feature or value: \"" + key + "\"");
        if (body->contains("resetStatus"))
            api.state().resetStatus = (*body)["resetStatus"].get<bool>();
        api.markChanged();
        return HttpResponse::json(200, Json{{"resetStatus", api.state().resetStatus}});
    });

    api.route("GET", "/_emulator/stats",
              [&api](RouteContext &) { return HttpResponse::json(200, api.callStats()); });
    api.route("DELETE", "/_emulator/stats", [&api](RouteContext &) {
        api.resetCallStats();
        return HttpResponse::json(200, api.callStats());
    });

    api.route("POST", "/_emulator/generate", [&api](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        if (!body || !body->is_object())
            return HttpResponse::error(400, "Expected {\"repo\": \"ns/name\", \"type\": \"model\", \"count\": N}");
        const std::string id = body->value("repo", std::string());
        const std::string type = body->value("type", std::string("model"));
        const auto slash = id.find('/');
        Repo *repo = slash == std::string::npos
                         ? nullptr
                         : api.state().repo(type == "dataset" ? RepoType::Dataset : RepoType::Model,
                                            id.substr(0, slash), id.substr(slash + 1));
        if (!repo)
            return HttpResponse::error(404, "Unknown repo \"" + id + "\"");
        GeneratorOptions options;
        options.count = body->value("count", 0);
        options.seed = body->value("seed", 1u);
        options.pendingShare = body->value("pending", options.pendingShare);
        options.acceptedShare = body->value("accepted", options.acceptedShare);
        options.spanDays = body->value("spanDays", options.spanDays);
        options.sameTimestampRun = body->value("sameTimestampRun", 1);
        if (options.count < 1 || options.count > 2000000)
            return HttpResponse::error(400, "\"count\" must be between 1 and 2000000");
        const auto start = std::chrono::steady_clock::now();
        const int added = generateRequests(api.state(), *repo, options);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
        api.markChanged();
        return HttpResponse::json(200, Json{{"added", added},
                                            {"total", repo->requests().size()},
                                            {"milliseconds", ms}});
    });

    api.route("POST", "/_emulator/reset", [&api](RouteContext &) {
        if (!api.reloadSeed)
            return HttpResponse::error(409, "This emulator has no seed to reload");
        api.replaceState(api.reloadSeed());
        setClockOffsetMs(0);
        api.faults().clear();
        api.faults().setRateLimit(0, 0);
        api.resetCallStats();
        api.markChanged();
        return HttpResponse::json(200, Json{{"ok", true}});
    });

    // The emulator's clock: shifted forward, issued tokens and ID tokens expire without waiting.
    auto clockJson = [] {
        return Json{{"now", isoTime(nowMs())}, {"offsetSeconds", clockOffsetMs() / 1000}};
    };
    api.route("GET", "/_emulator/clock", [clockJson](RouteContext &) { return HttpResponse::json(200, clockJson()); });
    api.route("PUT", "/_emulator/clock", [clockJson](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        const bool valid = body && body->is_object() && body->size() == 1 &&
                           ((body->contains("offsetSeconds") && (*body)["offsetSeconds"].is_number_integer()) ||
                            (body->contains("advanceSeconds") && (*body)["advanceSeconds"].is_number_integer()));
        if (!valid)
            return HttpResponse::error(400, "Expected {\"offsetSeconds\": N} or {\"advanceSeconds\": N}");
        if (body->contains("offsetSeconds"))
            setClockOffsetMs((*body)["offsetSeconds"].get<std::int64_t>() * 1000);
        else
            setClockOffsetMs(clockOffsetMs() + (*body)["advanceSeconds"].get<std::int64_t>() * 1000);
        return HttpResponse::json(200, clockJson());
    });

    // What OIDC ID tokens must carry, and where the built-in test issuer is.
    auto oidcJson = [&api](const RouteContext &c) {
        return Json{{"hubUrl", api.hubUrl()},
                    {"testIssuer", c.request.origin + OidcTestIssuer::pathPrefix},
                    {"clockSkewSeconds", clockSkewSeconds},
                    {"tokenLifetimeSeconds", issuedTokenSeconds}};
    };
    api.route("GET", "/_emulator/oidc", [oidcJson](RouteContext &c) { return HttpResponse::json(200, oidcJson(c)); });
    api.route("PUT", "/_emulator/oidc", [&api, oidcJson](RouteContext &c) {
        const auto body = parseJsonBody(c.request.body);
        if (!body || !body->is_object() || !body->value("hubUrl", Json()).is_string() ||
            (*body)["hubUrl"].get<std::string>().empty())
            return HttpResponse::error(400, "Expected {\"hubUrl\": \"https://...\"}");
        api.setHubUrl((*body)["hubUrl"].get<std::string>());
        return HttpResponse::json(200, oidcJson(c));
    });

    api.route("GET", "/_emulator/state",
              [&api](RouteContext &) { return HttpResponse::json(200, api.state().toJson()); });
}

} // namespace emu
