// Server time of the emulator's request list pages, in process (no sockets): a 1,000-item page
// first, in the middle, last, with after / before, and a walk through every pending page, for
// repos of 100,000 and 1,000,000 requests. "cold" is a page's first serving (items serialized),
// "warm" the median of five more (items kept); CPU time as well, as a loaded machine inflates
// wall time. Prints text lines, then one JSON line.
//   build/dev/tests/benchmarks/bench_emulator_pages [COUNT...]   (default 100000 1000000)
#include "hubapi.h"
#include "requestgenerator.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>

namespace {

using Clock = std::chrono::steady_clock;
const char *const token = "hf_BenchOwnerWrite00000000000000000001";
const std::string listPath = "/api/models/owner/bench-model/user-access-request/";

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000 + double(now.tv_nsec) / 1e6;
}

long peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

emu::Json seed()
{
    const std::string readme = "---\nextra_gated_fields:\n  Full name: text\n  Affiliation: text\n"
                               "  Country: country\n  Intended use: text\n"
                               "  I agree to the license terms: checkbox\n---\n\n# Bench model\n";
    using emu::Json;
    return Json{{"users", Json::array({Json{{"name", "owner"}}})},
                {"tokens", Json::array({Json{{"token", token}, {"user", "owner"}, {"role", "write"}}})},
                {"repos", Json::array({Json{{"id", "owner/bench-model"},
                                            {"gated", "manual"},
                                            {"files", Json{{"README.md", readme}}}}})}};
}

emu::HttpRequest listRequest(const std::string &status, std::map<std::string, std::string> query)
{
    emu::HttpRequest request;
    request.method = "GET";
    request.path = listPath + status;
    request.query = std::move(query);
    request.headers["authorization"] = std::string("Bearer ") + token;
    request.origin = "http://127.0.0.1:1";
    return request;
}

struct Timed
{
    double ms = 0;
    double cpu = 0;
    emu::HttpResponse response;
};

Timed serve(emu::HubApi &api, const emu::HttpRequest &request)
{
    const auto start = Clock::now();
    const double cpuStart = cpuMs();
    Timed out{0, 0, api.handle(request)};
    out.cpu = cpuMs() - cpuStart;
    out.ms = msSince(start);
    if (out.response.status != 200) {
        std::fprintf(stderr, "%s: HTTP %d %s\n", request.path.c_str(), out.response.status,
                     out.response.body.c_str());
        std::exit(1);
    }
    return out;
}

std::string cursorOf(const emu::HttpResponse &response)
{
    static const std::regex cursor("[?&]cursor=([^&>]*)");
    std::smatch match;
    const std::string link = response.headerValue("Link");
    return std::regex_search(link, match, cursor) ? emu::percentDecode(match[1].str()) : std::string();
}

struct Scenario
{
    std::string name;
    emu::HttpRequest request;
};

emu::Json benchOne(int count)
{
    emu::Json result{{"requests", count}};
    emu::HubApi api(emu::HubState::fromJson(seed()));
    emu::Repo &repo = *api.state().repo(emu::RepoType::Model, "owner", "bench-model");
    emu::GeneratorOptions options;
    options.count = count;
    const auto generateStart = Clock::now();
    const double generateCpu = cpuMs();
    emu::generateRequests(api.state(), repo, options);
    result["generate_ms"] = std::lround(msSince(generateStart));
    result["generate_cpu_ms"] = std::lround(cpuMs() - generateCpu);
    result["rss_after_generate_mb"] = peakRssMb();
    std::printf("%d requests: generated in %ld ms (CPU %ld ms), peak RSS %ld MB\n", count,
                long(result["generate_ms"]), long(result["generate_cpu_ms"]), peakRssMb());

    // Time stamps to aim at: the middle and near the end of the pending list.
    std::vector<std::int64_t> pending;
    for (const emu::AccessRequest &request : repo.requests())
        if (request.status == "pending")
            pending.push_back(request.timestampMs);
    const std::string middle = emu::isoTime(pending[pending.size() / 2]);
    const std::string nearEnd = emu::isoTime(pending[pending.size() - 1500]);
    const std::string quarter = emu::isoTime(pending[pending.size() / 4]);
    const std::vector<Scenario> scenarios{
        {"first", listRequest("pending", {})},
        {"middle_after", listRequest("pending", {{"after", middle}})},
        {"last_after", listRequest("pending", {{"after", nearEnd}})},
        {"before_middle", listRequest("pending", {{"before", middle}})},
        {"window_after_before", listRequest("pending", {{"after", quarter}, {"before", middle}})},
        {"accepted_middle", listRequest("accepted", {{"after", middle}})},
        {"rejected_middle", listRequest("rejected", {{"after", middle}})},
    };
    emu::Json pages = emu::Json::object();
    for (const Scenario &scenario : scenarios) {
        const Timed cold = serve(api, scenario.request);
        std::vector<double> warm, warmCpu;
        for (int i = 0; i < 5; ++i) {
            const Timed again = serve(api, scenario.request);
            warm.push_back(again.ms);
            warmCpu.push_back(again.cpu);
        }
        std::sort(warm.begin(), warm.end());
        std::sort(warmCpu.begin(), warmCpu.end());
        const std::size_t items = emu::Json::parse(cold.response.body).size();
        std::printf("  page %-20s %4zu items  cold %6.2f ms (CPU %6.2f)  warm %6.2f ms (CPU %6.2f)\n",
                    scenario.name.c_str(), items, cold.ms, cold.cpu, warm[2], warmCpu[2]);
        pages[scenario.name] = {{"items", items}, {"cold_ms", cold.ms}, {"cold_cpu_ms", cold.cpu},
                                {"warm_ms", warm[2]}, {"warm_cpu_ms", warmCpu[2]}};
    }
    result["pages"] = pages;

    // Every pending page, following the Link cursor, twice: cold, then warm.
    for (const char *pass : {"walk_cold", "walk_warm"}) {
        emu::HttpRequest request = listRequest("pending", {});
        double total = 0, longest = 0, cpu = 0;
        int walked = 0;
        for (;;) {
            const Timed page = serve(api, request);
            total += page.ms;
            cpu += page.cpu;
            longest = std::max(longest, page.ms);
            ++walked;
            const std::string cursor = cursorOf(page.response);
            if (cursor.empty())
                break;
            request.query["cursor"] = cursor;
        }
        std::printf("  %s: %d pages in %.1f ms, %.2f ms per page (CPU %.2f), longest %.2f ms\n", pass,
                    walked, total, total / walked, cpu / walked, longest);
        result[pass] = {{"pages", walked}, {"total_ms", total}, {"per_page_ms", total / walked},
                        {"per_page_cpu_ms", cpu / walked}, {"longest_ms", longest}};
    }
    result["peak_rss_mb"] = peakRssMb();
    std::printf("  peak RSS %ld MB\n", peakRssMb());
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<int> counts;
    for (int i = 1; i < argc; ++i)
        counts.push_back(std::atoi(argv[i]));
    if (counts.empty())
        counts = {100000, 1000000};
    emu::Json runs = emu::Json::array();
    for (int count : counts)
        runs.push_back(benchOne(count));
    std::printf("%s\n", emu::Json{{"bench", "emulator_pages"}, {"runs", runs}}.dump().c_str());
    return 0;
}
