// The review session at scale: an emulator process holding 100,000 requests, and HubGate's
// UI-free review session loading them, reloading them in place, accepting 10,000 in bulk and
// undoing that. Every wait is on a signal in the event loop. Prints text and one JSON line.
// Not a test: run it by hand (see docs/performance.md).
#include "access/accessrequestmodel.h"
#include "hub/hubclient.h"
#include "review/reviewsession.h"
#include "emulatorprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>

#include <cstdio>

using namespace hubgate;

namespace {

constexpr int requestCount = 100000;
constexpr int bulkCount = 10000;
const QByteArray token = "hf_DemoMiraWrite000000000000000000001"; // the demo seed's write token

// Waits in the event loop for one emission; false on time-out.
template<typename Sender, typename Signal>
bool waitFor(Sender *sender, Signal signal, int timeoutMs = 300000)
{
    QSignalSpy spy(sender, signal);
    return spy.wait(timeoutMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_session PATH/TO/hubgate-emulator\n");
        return 2;
    }
    QProcess emulator;
    const QUrl base = startEmulator(emulator, QString::fromLocal8Bit(argv[1]),
                          {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--generate"),
                           QStringLiteral("models/nimbus-ai/nimbus-7b=%1").arg(requestCount)}, 120000);
    if (base.isEmpty())
        return 1;

    QNetworkAccessManager nam;
    HubClient client(&nam, base);
    client.setToken(QString::fromLatin1(token));
    ReviewSession session(&client);
    session.setReviewer(QStringLiteral("mira-patel"));
    RepoSummary repo;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    repo.gating = GatingMode::Manual;
    QJsonObject figures;
    QElapsedTimer timer;

    timer.start();
    session.open(repo);
    if (!waitFor(&session, &ReviewSession::loadFinished) || !session.isLoaded())
        return 1;
    figures[QStringLiteral("load_ms")] = double(timer.elapsed());
    figures[QStringLiteral("rows")] = session.model()->rowCount();

    timer.restart();
    session.reload();
    if (!waitFor(&session, &ReviewSession::loadFinished))
        return 1;
    figures[QStringLiteral("reload_ms")] = double(timer.elapsed());

    Decision accept{DecisionKind::Accept, {}, {}};
    for (int row = 0; row < session.model()->rowCount() && accept.users.size() < bulkCount; ++row)
        if (session.model()->statusAt(row) == QLatin1String("pending"))
            accept.users.append(session.model()->data(session.model()->index(row, AccessRequestModel::User)).toString());
    timer.restart();
    session.decide(accept);
    if (!waitFor(&session, &ReviewSession::decisionFinished))
        return 1;
    figures[QStringLiteral("bulk_accept_ms")] = double(timer.elapsed());
    figures[QStringLiteral("bulk_accept_count")] = int(accept.users.size());

    timer.restart();
    session.undo();
    if (!waitFor(&session, &ReviewSession::decisionFinished))
        return 1;
    figures[QStringLiteral("undo_ms")] = double(timer.elapsed());

    for (auto it = figures.constBegin(); it != figures.constEnd(); ++it)
        std::printf("%s %.0f\n", qPrintable(it.key()), it.value().toDouble());
    std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
    emulator.terminate();
    emulator.waitForFinished(5000);
    return 0;
}
