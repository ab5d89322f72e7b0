// hubgate-emulator: a local, faithful stand-in for the Hugging Face Hub API.
#include "hubserver.h"
#include "requestgenerator.h"
#include "seedfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <chrono>
#include <csignal>
#include <cstdio>

namespace {

void quitOnSignal(int)
{
    QMetaObject::invokeMethod(QCoreApplication::instance(), "quit", Qt::QueuedConnection);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "hubgate-emulator: %s\n", qPrintable(message));
    return 2;
}

// "models/ns/name=COUNT" or "datasets/ns/name=COUNT"
bool applyGenerate(emu::HubState &state, const QString &spec, unsigned seed, QString *error)
{
    const qsizetype eq = spec.lastIndexOf(QLatin1Char('='));
    const QStringList parts = spec.left(eq).split(QLatin1Char('/'));
    bool ok = false;
    const int count = spec.mid(eq + 1).toInt(&ok);
    const auto type = parts.size() == 3 ? emu::repoTypeFromPlural(parts[0].toStdString()) : std::nullopt;
    if (eq < 0 || !ok || count < 1 || !type) {
        *error = QStringLiteral("--generate expects models/NAMESPACE/NAME=COUNT, got \"%1\"").arg(spec);
        return false;
    }
    emu::Repo *repo = state.repo(*type, parts[1].toStdString(), parts[2].toStdString());
    if (!repo) {
        *error = QStringLiteral("--generate: no repo %1 in the seed").arg(spec.left(eq));
        return false;
    }
    emu::GeneratorOptions options;
    options.count = count;
    options.seed = seed;
    const auto start = std::chrono::steady_clock::now();
    emu::generateRequests(state, *repo, options);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "hubgate-emulator: generated %d requests for %s in %lld ms\n", count,
                 qPrintable(spec.left(eq)), static_cast<long long>(ms));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hubgate-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBGATE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local Hugging Face Hub for HubGate: users, orgs, tokens, gated repos, access requests,\n"
        "README commits and fault injection, on 127.0.0.1. See docs/emulator.md."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
        QStringLiteral("TCP port on 127.0.0.1; 0 picks a free port (default 0)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Seed file (JSON) with users, orgs, tokens and repos. Default: the built-in demo data."),
        QStringLiteral("FILE"));
    const QCommandLineOption stateFile(QStringLiteral("state"),
        QStringLiteral("Persist the state in FILE: loaded from it when it exists (instead of the seed),\n"
                       "saved after every change."),
        QStringLiteral("FILE"));
    const QCommandLineOption readyFile(QStringLiteral("ready-file"),
        QStringLiteral("Once listening, write a JSON object with baseUrl, controlUrl, tokens (with user\n"
                       "and role), orgs and repos to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption fault(QStringLiteral("fault"),
        QStringLiteral("Inject a fault (repeatable): comma-separated key=value with kind=latency|status|drop,\n"
                       "path=GLOB, method=M, status=N, ms=N, times=N, skip=N, retry-after=S.\n"
                       "Example: kind=status,status=429,path=/api/*/batch,times=2,retry-after=1"),
        QStringLiteral("SPEC"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("Per-token rate limit of N calls per W-second fixed window, like the Hub's (e.g. 500/300)."),
        QStringLiteral("N/W"));
    const QCommandLineOption latency(QStringLiteral("latency"),
        QStringLiteral("Delay every API answer by MS milliseconds, plus or minus a uniform JITTER, like a\n"
                       "distant Hub (e.g. 300 or 300:50). Requests in flight are delayed in parallel."),
        QStringLiteral("MS[:JITTER]"));
    const QCommandLineOption generate(QStringLiteral("generate"),
        QStringLiteral("Add COUNT generated access requests to a seeded repo (repeatable), e.g.\n"
                       "models/nimbus-ai/nimbus-7b=100000."),
        QStringLiteral("TYPE/NS/NAME=COUNT"));
    const QCommandLineOption randomSeed(QStringLiteral("random-seed"),
        QStringLiteral("Seed of the request generator (default 1): the same seed gives the same data."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption resetStatus(QStringLiteral("reset-status"),
        QStringLiteral("Enable the Hub's coming \"reset\" access-request status (list, handle, report)."));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
        QStringLiteral("Log every request with its status and duration on stderr."));
    const QCommandLineOption hubUrl(QStringLiteral("hub-url"),
        QStringLiteral("The Hub URL OIDC ID tokens must have as their aud (default https://huggingface.co)."),
        QStringLiteral("URL"));
    parser.addOptions({port, seed, stateFile, readyFile, fault, rateLimit, latency, generate, randomSeed, resetStatus,
                       verbose, hubUrl});
    parser.process(app);

    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return fail(QStringLiteral("--port must be a number between 0 and 65535"));

    emu::HubState state;
    QString error;
    const QString statePath = parser.value(stateFile);
    const QString seedPath = parser.isSet(seed) ? parser.value(seed) : emu::demoSeedPath();
    const bool resume = !statePath.isEmpty() && QFile::exists(statePath);
    if (!emu::loadSeedFile(resume ? statePath : seedPath, &state, &error))
        return fail(error);
    if (!resume) {
        const unsigned generatorSeed = parser.value(randomSeed).toUInt();
        for (const QString &spec : parser.values(generate))
            if (!applyGenerate(state, spec, generatorSeed, &error))
                return fail(error);
    }

    const bool withReset = parser.isSet(resetStatus);
    state.resetStatus = state.resetStatus || withReset;
    emu::HubServer server(std::move(state));
    server.api().reloadSeed = [seedPath, withReset] {
        emu::HubState fresh;
        QString ignored;
        emu::loadSeedFile(seedPath, &fresh, &ignored);
        fresh.resetStatus = fresh.resetStatus || withReset;
        return fresh;
    };
    for (const QString &spec : parser.values(fault)) {
        std::string message;
        auto rule = emu::FaultRule::parse(spec.toStdString(), &message);
        if (!rule)
            return fail(QStringLiteral("--fault %1: %2").arg(spec, QString::fromStdString(message)));
        server.api().faults().add(*rule);
    }
    if (parser.isSet(rateLimit)) {
        const QStringList parts = parser.value(rateLimit).split(QLatin1Char('/'));
        bool okLimit = false, okWindow = false;
        const int limit = parts.value(0).toInt(&okLimit);
        const int window = parts.value(1).toInt(&okWindow);
        if (parts.size() != 2 || !okLimit || !okWindow || limit < 1 || window < 1)
            return fail(QStringLiteral("--rate-limit expects CALLS/SECONDS, e.g. 500/300"));
        server.api().faults().setRateLimit(limit, window);
    }
    if (parser.isSet(latency)) {
        const QStringList parts = parser.value(latency).split(QLatin1Char(':'));
        bool okMs = false, okJitter = true;
        const int ms = parts.value(0).toInt(&okMs);
        const int jitter = parts.size() > 1 ? parts.value(1).toInt(&okJitter) : 0;
        if (parts.size() > 2 || !okMs || !okJitter || !server.api().faults().setLatency(ms, jitter))
            return fail(QStringLiteral("--latency expects MS or MS:JITTER with 0 <= JITTER <= MS <= 600000"));
    }
    server.setLogRequests(parser.isSet(verbose));
    if (parser.isSet(hubUrl))
        server.api().setHubUrl(parser.value(hubUrl).toStdString());
    if (!statePath.isEmpty()) {
        server.setPersistPath(statePath);
        if (!resume && !server.saveState(&error))
            return fail(error);
    }
    if (!server.listenLocal(quint16(portNumber)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(portNumber));

    if (parser.isSet(readyFile)) {
        QSaveFile ready(parser.value(readyFile));
        const std::string info = server.readyInfo().dump(2);
        if (!ready.open(QIODevice::WriteOnly) || ready.write(info.data(), qint64(info.size())) < 0 ||
            !ready.commit())
            return fail(QStringLiteral("cannot write %1: %2").arg(parser.value(readyFile), ready.errorString()));
    }
    std::fprintf(stderr, "hubgate-emulator: listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGTERM, quitOnSignal);
    return app.exec();
}
