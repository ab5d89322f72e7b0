#pragma once
// List, create or delete the trusted publishers of a repo or of the user, through HubClient.
// Each outcome the user must act on differently is its own value: a Hub without the management
// API, an unknown repo, an input the Hub refused, a duplicate, a missing role.

#include "hub/huberror.h"
#include "publisherscope.h"
#include "publishervalidation.h"
#include "trustedpublisher.h"

#include <QObject>
#include <QPointer>

namespace hubgate {

class HubClient;
class HubJob;

enum class PublisherOutcome {
    Ok,
    NotOffered,  // 404 on the management path: this Hub does not offer publisher management
    UnknownRepo, // 404 that the Hub says is about the repo (X-Error-Code: RepoNotFound)
    Invalid,     // refused before sending (validation()), or 400 with the Hub's reason
    Duplicate,   // 409: the same issuer and claims exist already
    Forbidden,   // 403: the token or the user's role may not manage publishers here
    Failed,      // anything else: network, token, server (error())
};

class PublisherJob : public QObject
{
    Q_OBJECT
public:
    enum class Operation { List, Create, Delete };

    // Not started; not self-deleting. finished() comes once, always on a later turn of the event loop.
    static PublisherJob *list(HubClient *client, const PublisherScope &scope, QObject *parent = nullptr);
    static PublisherJob *create(HubClient *client, const PublisherScope &scope, const PublisherDraft &draft,
                                QObject *parent = nullptr);
    static PublisherJob *remove(HubClient *client, const PublisherScope &scope, const QString &publisherId,
                                QObject *parent = nullptr);
    ~PublisherJob() override;

    void start();
    void cancel();

    Operation operation() const { return m_operation; }
    const PublisherScope &scope() const { return m_scope; }
    PublisherOutcome outcome() const { return m_outcome; }
    bool isOk() const { return m_outcome == PublisherOutcome::Ok; }
    const HubError &error() const { return m_error; }
    // Create: the local validation (warnings included) of the draft.
    const PublisherValidation &validation() const { return m_validation; }
    // One or two sentences for the user; empty when ok.
    QString errorMessage() const;

    const QList<TrustedPublisher> &publishers() const { return m_publishers; } // List
    const std::optional<TrustedPublisher> &created() const { return m_created; } // Create, when the Hub echoes it
    const QString &publisherId() const { return m_publisherId; }                 // Delete

Q_SIGNALS:
    void finished(hubgate::PublisherJob *job);

private:
    PublisherJob(HubClient *client, Operation operation, PublisherScope scope, QObject *parent);
    void onReply(HubJob *job);
    void finishLater();

    HubClient *m_client;
    Operation m_operation;
    PublisherScope m_scope;
    PublisherDraft m_draft;
    QString m_publisherId;
    PublisherOutcome m_outcome = PublisherOutcome::Ok;
    HubError m_error;
    PublisherValidation m_validation;
    QList<TrustedPublisher> m_publishers;
    std::optional<TrustedPublisher> m_created;
    QPointer<HubJob> m_job;
    bool m_started = false;
    bool m_done = false;
};

// The outcome of a failed Hub call on a management path.
PublisherOutcome publisherOutcomeFor(const HubError &error);

} // namespace hubgate
