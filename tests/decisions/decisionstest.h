#pragma once
// Shared helpers of the decision and settings tests: a fresh emulator with a signed-in HubClient,
// emulator control over its HTTP endpoints, a job runner that records the signals, and
// snapshots of a repo's requests to prove that nobody else was changed.

#include "emulatorfixture.h"

#include "decisions/decisionjob.h"
#include "hub/hubclient.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStringList>

#include <memory>
#include <string>

namespace dectest {

// Everything one test function needs; created fresh per test so no state leaks between them.
class Hub
{
public:
    explicit Hub(const QByteArray &token = testing::EmulatorFixture::writeToken());

    testing::EmulatorFixture &fixture() { return m_fixture; }
    emu::HubState &state() { return m_fixture.api().state(); }
    hubgate::HubClient &client() { return m_client; }
    QNetworkAccessManager &nam() { return m_nam; }

    // Control endpoints (HTTP); false with a warning when the emulator refuses.
    bool control(const QByteArray &method, const QString &path, const QByteArray &json = {});
    bool addFault(const QByteArray &json)
    {
        return control("POST", QStringLiteral("/_emulator/faults"), json);
    }
    bool clearFaults() { return control("DELETE", QStringLiteral("/_emulator/faults")); }
    bool resetStats() { return control("DELETE", QStringLiteral("/_emulator/stats")); }
    // Adds `count` pending requests (new users) to a repo; false on failure.
    bool generatePending(const QString &repo, int count);
    // Calls counted by GET /_emulator/stats: one "METHOD /path", or all of them when empty.
    int calls(const QByteArray &methodAndPath = {});

    // User names of the repo's requests with this status, oldest first.
    QStringList usersWithStatus(const std::string &repoId, const std::string &status,
                                emu::RepoType type = emu::RepoType::Model);
    const emu::AccessRequest *request(const std::string &repoId, const QString &user,
                                      emu::RepoType type = emu::RepoType::Model);
    QString status(const std::string &repoId, const QString &user);

private:
    testing::EmulatorFixture m_fixture;
    QNetworkAccessManager m_nam;
    hubgate::HubClient m_client;
};

// Fast retries for tests: backoff 10..50 ms, server waits up to 5 s.
hubgate::RetryPolicy fastPolicy(int maxAttempts = 5);

hubgate::RepoSummary nimbus7b();
inline const std::string nimbusId = "nimbus-ai/nimbus-7b";
inline const QString batchPath =
    QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/batch");
inline const QByteArray batchCall =
    "POST /api/models/nimbus-ai/nimbus-7b/user-access-request/batch";

// Every request of a repo as one comparable line per user id (status, review, granter, reason).
using Snapshot = QMap<QString, QString>;
Snapshot snapshot(emu::Repo &repo);
// Entries of `after` that differ from `before`, ignoring the given users; empty when none.
QStringList changedOthers(const Snapshot &before, const Snapshot &after, const emu::HubState &state,
                          const QStringList &ignoredUsers);

// Runs a DecisionJob and records what it reported.
class Run
{
public:
    Run(hubgate::HubClient &client, const hubgate::RepoSummary &repo, hubgate::Decision decision);
    // Starts the job and waits until finished(); false on timeout. Tests may connect to the
    // job before calling it.
    bool exec(int timeoutMs = 60000);
    // Keeps the event loop turning a little and checks finished() came exactly once.
    bool finishedOnce();

    std::unique_ptr<hubgate::DecisionJob> job;
    QSignalSpy finished;
    QSignalSpy progress; // (done, total)
    QSignalSpy waiting;  // (seconds, why)
    QSignalSpy decided;  // (user, ok, error)
    QElapsedTimer clock;
};

} // namespace dectest
