#include "decisionstest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

namespace dectest {

using testing::EmulatorFixture;

Hub::Hub(const QByteArray &token)
    : m_client(&m_nam, m_fixture.baseUrl())
{
    m_client.setToken(QString::fromLatin1(token));
    m_client.setRetryPolicy(fastPolicy());
}

bool Hub::control(const QByteArray &method, const QString &path, const QByteArray &json)
{
    const testing::Reply reply = testing::send(m_nam, method, m_fixture.url(path), {}, json);
    if (reply.status != 200)
        qWarning("%s %s -> %d %s", method.constData(), qPrintable(path), reply.status,
                 reply.body.constData());
    return reply.status == 200;
}

bool Hub::generatePending(const QString &repo, int count)
{
    const QJsonObject body{{QStringLiteral("repo"), repo},
                           {QStringLiteral("type"), QStringLiteral("model")},
                           {QStringLiteral("count"), count},
                           {QStringLiteral("pending"), 1.0},
                           {QStringLiteral("accepted"), 0.0}};
    return control("POST", QStringLiteral("/_emulator/generate"), QJsonDocument(body).toJson());
}

int Hub::calls(const QByteArray &methodAndPath)
{
    const testing::Reply reply =
        testing::send(m_nam, "GET", m_fixture.url(QStringLiteral("/_emulator/stats")));
    const emu::Json stats = reply.json();
    if (!stats.is_object())
        return -1;
    if (methodAndPath.isEmpty())
        return stats.value("total", -1);
    return stats["calls"].value(methodAndPath.toStdString(), 0);
}

QStringList Hub::usersWithStatus(const std::string &repoId, const std::string &status,
                                 emu::RepoType type)
{
    const auto slash = repoId.find('/');
    emu::Repo *repo = state().repo(type, repoId.substr(0, slash), repoId.substr(slash + 1));
    QStringList users;
    for (const emu::AccessRequest &request : repo->requests())
        if (request.status == status)
            users.append(QString::fromStdString(state().userById(request.userId)->name));
    return users;
}

const emu::AccessRequest *Hub::request(const std::string &repoId, const QString &user,
                                       emu::RepoType type)
{
    const auto slash = repoId.find('/');
    emu::Repo *repo = state().repo(type, repoId.substr(0, slash), repoId.substr(slash + 1));
    const emu::User *u = state().userByName(user.toStdString());
    return repo && u ? repo->findRequest(u->id) : nullptr;
}

QString Hub::status(const std::string &repoId, const QString &user)
{
    const emu::AccessRequest *r = request(repoId, user);
    return r ? QString::fromStdString(r->status) : QString();
}

hubgate::RetryPolicy fastPolicy(int maxAttempts)
{
    hubgate::RetryPolicy policy;
    policy.maxAttempts = maxAttempts;
    policy.baseDelayMs = 10;
    policy.maxDelayMs = 50;
    policy.maxServerWaitMs = 5000;
    return policy;
}

hubgate::RepoSummary nimbus7b()
{
    hubgate::RepoSummary repo;
    repo.kind = hubgate::RepoKind::Model;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    repo.gating = hubgate::GatingMode::Manual;
    return repo;
}

Snapshot snapshot(emu::Repo &repo)
{
    Snapshot out;
    for (const emu::AccessRequest &r : repo.requests())
        out.insert(QString::fromStdString(r.userId),
                   QString::fromStdString(r.status + '|' + std::to_string(r.reviewedAtMs) + '|' +
                                          r.grantedById + '|' + r.rejectionReason));
    return out;
}

QStringList changedOthers(const Snapshot &before, const Snapshot &after, const emu::HubState &state,
                          const QStringList &ignoredUsers)
{
    QSet<QString> ignored;
    for (const QString &name : ignoredUsers)
        if (const emu::User *user = state.userByName(name.toStdString()))
            ignored.insert(QString::fromStdString(user->id));
    QStringList changes;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (ignored.contains(it.key()))
            continue;
        if (before.value(it.key()) != it.value())
            changes.append(it.key() + QLatin1String(": ") + before.value(it.key()) +
                           QLatin1String(" -> ") + it.value());
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        if (!after.contains(it.key()))
            changes.append(it.key() + QLatin1String(" disappeared"));
    return changes;
}

Run::Run(hubgate::HubClient &client, const hubgate::RepoSummary &repo, hubgate::Decision decision)
    : job(std::make_unique<hubgate::DecisionJob>(&client, repo, std::move(decision)))
    , finished(job.get(), &hubgate::DecisionJob::finished)
    , progress(job.get(), &hubgate::DecisionJob::progress)
    , waiting(job.get(), &hubgate::DecisionJob::waiting)
    , decided(job.get(), &hubgate::DecisionJob::userDecided)
{
}

bool Run::exec(int timeoutMs)
{
    clock.start();
    job->start();
    return QTest::qWaitFor([this] { return finished.count() > 0; }, timeoutMs);
}

bool Run::finishedOnce()
{
    QTest::qWait(50);
    return finished.count() == 1;
}

} // namespace dectest
