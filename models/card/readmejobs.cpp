#include "readmejobs.h"

#include "hub/hubclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace hubgate {

namespace {

const QString ReadmePath = QStringLiteral("README.md");

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

HubError badReply(const QString &subject, const QString &detail)
{
    HubError error;
    error.kind = HubError::Kind::BadReply;
    error.subject = subject;
    error.detail = detail;
    return error;
}

} // namespace

ReadmeFetch::ReadmeFetch(HubClient *client, RepoSummary repo, QString branch, QObject *parent)
    : QObject(parent), m_client(client), m_repo(std::move(repo)), m_branch(std::move(branch))
{
}

void ReadmeFetch::start()
{
    // The head first: the README is then read at that commit, so content and parent match.
    HubJob *job = m_client->get(m_repo.apiPath(QStringLiteral("revision/") + m_branch), {}, m_repo.id);
    connect(job, &HubJob::finished, this, &ReadmeFetch::onRevision);
}

void ReadmeFetch::onRevision(HubJob *job)
{
    if (!job->isOk())
        return done(job->error());
    m_snapshot.commit = jsonObject(job->body()).value(QStringLiteral("sha")).toString();
    if (m_snapshot.commit.isEmpty())
        return done(badReply(m_repo.id, QStringLiteral("the repo info has no head commit (sha)")));
    const QString path = m_repo.webPath() + QStringLiteral("/resolve/") + m_snapshot.commit + QLatin1Char('/') + ReadmePath;
    HubJob *readme = m_client->get(path, {}, m_repo.id);
    connect(readme, &HubJob::finished, this, &ReadmeFetch::onReadme);
}

void ReadmeFetch::onReadme(HubJob *job)
{
    if (job->isOk()) {
        m_snapshot.exists = true;
        m_snapshot.content = job->body();
        return done({});
    }
    if (job->error().kind == HubError::Kind::NotFound && job->error().errorCode == QLatin1String("EntryNotFound"))
        return done({}); // no README yet: editing starts from an empty one
    done(job->error());
}

void ReadmeFetch::done(const HubError &error)
{
    m_error = error;
    Q_EMIT finished(this);
    deleteLater();
}

CardValidation::CardValidation(HubClient *client, RepoKind kind, QByteArray readme, QObject *parent)
    : QObject(parent), m_client(client), m_kind(kind), m_readme(std::move(readme))
{
}

void CardValidation::start()
{
    const QJsonObject body{{QStringLiteral("content"), QString::fromUtf8(m_readme)},
                           {QStringLiteral("repoType"), m_kind == RepoKind::Dataset ? QStringLiteral("dataset")
                                                                                    : QStringLiteral("model")}};
    HubJob *job = m_client->sendJson("POST", QStringLiteral("/api/validate-yaml"),
                                     QJsonDocument(body).toJson(QJsonDocument::Compact), ReadmePath, true);
    connect(job, &HubJob::finished, this, [this](HubJob *finished) {
        if (finished->isOk()) {
            m_accepted = true;
        } else if (finished->error().kind == HubError::Kind::BadRequest) {
            m_refusal = finished->error().serverMessage;
            if (m_refusal.isEmpty())
                m_refusal = finished->error().message();
        } else {
            m_error = finished->error();
        }
        Q_EMIT this->finished(this);
        deleteLater();
    });
}

ReadmeCommit::ReadmeCommit(HubClient *client, RepoSummary repo, ReadmeCommitRequest request, QObject *parent)
    : QObject(parent), m_client(client), m_repo(std::move(repo)), m_request(std::move(request))
{
}

QByteArray ReadmeCommit::payload(const ReadmeCommitRequest &request)
{
    QJsonObject header{{QStringLiteral("summary"), request.summary},
                       {QStringLiteral("description"), request.description}};
    if (!request.parentCommit.isEmpty())
        header.insert(QStringLiteral("parentCommit"), request.parentCommit);
    const QJsonObject file{{QStringLiteral("path"), ReadmePath},
                           {QStringLiteral("content"), QString::fromLatin1(request.content.toBase64())},
                           {QStringLiteral("encoding"), QStringLiteral("base64")}};
    const auto line = [](const QString &key, const QJsonObject &value) -> QByteArray {
        return QJsonDocument(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), value}})
                   .toJson(QJsonDocument::Compact) +
               '\n';
    };
    return line(QStringLiteral("header"), header) + line(QStringLiteral("file"), file);
}

void ReadmeCommit::start()
{
    HubRequest request;
    request.method = "POST";
    QUrlQuery query;
    if (m_request.pullRequest)
        query.addQueryItem(QStringLiteral("create_pr"), QStringLiteral("1"));
    request.url = m_client->url(m_repo.apiPath(QStringLiteral("commit/") + m_request.branch), query);
    request.body = payload(m_request);
    request.contentType = "application/x-ndjson";
    request.idempotent = false; // a second attempt could commit twice
    request.subject = m_repo.id;
    HubJob *job = m_client->start(request);
    connect(job, &HubJob::finished, this, [this](HubJob *finished) {
        if (finished->isOk()) {
            const QJsonObject answer = jsonObject(finished->body());
            m_outcome = Outcome::Committed;
            m_commitOid = answer.value(QStringLiteral("commitOid")).toString();
            m_commitUrl = answer.value(QStringLiteral("commitUrl")).toString();
            m_pullRequestUrl = answer.value(QStringLiteral("pullRequestUrl")).toString();
        } else {
            m_error = finished->error();
            m_outcome = m_error.kind == HubError::Kind::PreconditionFailed ? Outcome::Conflict : Outcome::Failed;
        }
        Q_EMIT this->finished(this);
        deleteLater();
    });
}

} // namespace hubgate
