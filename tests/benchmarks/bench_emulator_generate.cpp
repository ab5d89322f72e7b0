// Times the emulator's request generator and the serving of a long access-request list.
// Prints "generate_100000_ms N" and "list_all_pages_ms N" (plus CPU time and counts, to check
// the work done).
#include "hubapi.h"
#include "requestgenerator.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <regex>

namespace {

using Clock = std::chrono::steady_clock;

long long msSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

const char *const token = "hf_BenchOwnerWrite00000000000000000001";

// One owner and one gated repo whose form uses every field type (and both select option forms).
emu::Json seed()
{
    const std::string readme =
        "---\n"
        "license: other\n"
        "extra_gated_fields:\n"
        "  Full name: text\n"
        "  Affiliation: text\n"
        "  Job title: text\n"
        "  Country: country\n"
        "  Date of birth: date_picker\n"
        "  Intended use:\n"
        "    type: select\n"
        "    options:\n"
        "      - Research\n"
        "      - Education\n"
        "      - label: Other\n"
        "        value: other\n"
        "  I agree to the license terms: checkbox\n"
        "---\n\n# Bench model\n";
    using emu::Json;
    return Json{{"users", Json::array({Json{{"name", "owner"}}})},
                {"tokens", Json::array({Json{{"token", token}, {"user", "owner"}, {"role", "write"}}})},
                {"repos", Json::array({Json{{"id", "owner/bench-model"},
                                            {"gated", "manual"},
                                            {"files", Json{{"README.md", readme}}}}})}};
}

} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    emu::HubApi api(emu::HubState::fromJson(seed()));
    emu::Repo &repo = *api.state().repo(emu::RepoType::Model, "owner", "bench-model");

    emu::GeneratorOptions options;
    options.count = count;
    options.seed = 1;
    const auto generateStart = Clock::now();
    const std::clock_t cpuStart = std::clock();
    const int added = emu::generateRequests(api.state(), repo, options);
    const long long cpuMs = (std::clock() - cpuStart) * 1000LL / CLOCKS_PER_SEC;
    std::printf("generate_%d_ms %lld\n", count, msSince(generateStart));
    // CPU time as well: on a busy machine the wall time above includes waiting for a core.
    std::printf("generate_%d_cpu_ms %lld\n", count, cpuMs);
    if (added != count || repo.requests().size() != std::size_t(count)) {
        std::fprintf(stderr, "generated %d requests, expected %d\n", added, count);
        return 1;
    }

    // Every page of 1000 pending requests, following the Link header as a client would.
    emu::HttpRequest request;
    request.method = "GET";
    request.path = "/api/models/owner/bench-model/user-access-request/pending";
    request.query["limit"] = "1000";
    request.headers["authorization"] = std::string("Bearer ") + token;
    request.origin = "http://127.0.0.1:1";
    static const std::regex cursor("[?&]cursor=([^&>]*)");
    std::size_t items = 0;
    int pages = 0;
    long long serving = 0;
    for (;;) {
        const auto start = Clock::now();
        const emu::HttpResponse response = api.handle(request);
        serving += std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
        if (response.status != 200) {
            std::fprintf(stderr, "page %d: HTTP %d %s\n", pages + 1, response.status, response.body.c_str());
            return 1;
        }
        ++pages;
        items += emu::Json::parse(response.body).size(); // outside the timed part
        std::smatch match;
        const std::string link = response.headerValue("Link");
        if (!std::regex_search(link, match, cursor))
            break;
        request.query["cursor"] = emu::percentDecode(match[1].str());
    }
    std::printf("list_all_pages_ms %lld\n", serving / 1000);
    std::printf("pages %d items %zu pending %zu\n", pages, items, repo.countStatus("pending"));
    return items == repo.countStatus("pending") ? 0 : 1;
}
