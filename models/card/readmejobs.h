#pragma once
// The Hub side of editing a card: read README.md at the branch head, have the Hub check the
// metadata, and commit the new README with the head it was read at as parent, so a branch that
// moved in between is a conflict, never an overwrite. Each job emits finished() once and then
// deletes itself.

#include "hub/huberror.h"
#include "hub/repo.h"

#include <QObject>

namespace hubgate {

class HubClient;
class HubJob;

// README.md as read, and the commit it was read at.
struct ReadmeSnapshot
{
    QByteArray content;
    bool exists = false; // false: the repo has no README.md yet (content is empty)
    QString commit;      // the branch head the content belongs to
};

class ReadmeFetch : public QObject
{
    Q_OBJECT
public:
    ReadmeFetch(HubClient *client, RepoSummary repo, QString branch = QStringLiteral("main"), QObject *parent = nullptr);
    void start();

    bool isOk() const { return !m_error.isError(); }
    const HubError &error() const { return m_error; }
    const ReadmeSnapshot &snapshot() const { return m_snapshot; }

Q_SIGNALS:
    void finished(hubgate::ReadmeFetch *fetch);

private:
    void onRevision(HubJob *job);
    void onReadme(HubJob *job);
    void done(const HubError &error);

    HubClient *m_client;
    RepoSummary m_repo;
    QString m_branch;
    ReadmeSnapshot m_snapshot;
    HubError m_error;
};

// POST /api/validate-yaml: whether the Hub accepts the README's metadata, and why not.
class CardValidation : public QObject
{
    Q_OBJECT
public:
    CardValidation(HubClient *client, RepoKind kind, QByteArray readme, QObject *parent = nullptr);
    void start();

    bool isAccepted() const { return m_accepted; }
    QString refusal() const { return m_refusal; } // the Hub's reason when it refuses the card
    const HubError &error() const { return m_error; } // set when the check itself failed

Q_SIGNALS:
    void finished(hubgate::CardValidation *validation);

private:
    HubClient *m_client;
    RepoKind m_kind;
    QByteArray m_readme;
    bool m_accepted = false;
    QString m_refusal;
    HubError m_error;
};

struct ReadmeCommitRequest
{
    QByteArray content;
    QString parentCommit; // the head the edit was made on
    QString summary;
    QString description;
    bool pullRequest = false; // open a pull request instead of committing to the branch
    QString branch = QStringLiteral("main");
};

class ReadmeCommit : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Committed, Conflict, Failed };

    ReadmeCommit(HubClient *client, RepoSummary repo, ReadmeCommitRequest request, QObject *parent = nullptr);
    void start();

    Outcome outcome() const { return m_outcome; }
    const HubError &error() const { return m_error; } // Conflict and Failed
    QString commitOid() const { return m_commitOid; }
    QString commitUrl() const { return m_commitUrl; }
    QString pullRequestUrl() const { return m_pullRequestUrl; }

    // The NDJSON body: a header with parentCommit, then README.md as base64.
    static QByteArray payload(const ReadmeCommitRequest &request);

Q_SIGNALS:
    void finished(hubgate::ReadmeCommit *commit);

private:
    HubClient *m_client;
    RepoSummary m_repo;
    ReadmeCommitRequest m_request;
    Outcome m_outcome = Outcome::Failed;
    HubError m_error;
    QString m_commitOid;
    QString m_commitUrl;
    QString m_pullRequestUrl;
};

} // namespace hubgate
