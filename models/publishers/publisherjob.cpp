#include "publisherjob.h"

#include "hub/hubclient.h"

#include <QTimer>

namespace hubgate {

PublisherOutcome publisherOutcomeFor(const HubError &error)
{
    switch (error.kind) {
    case HubError::Kind::None: return PublisherOutcome::Ok;
    case HubError::Kind::NotFound:
        return error.errorCode == QLatin1String("RepoNotFound") ? PublisherOutcome::UnknownRepo
                                                                : PublisherOutcome::NotOffered;
    case HubError::Kind::BadRequest: return PublisherOutcome::Invalid;
    case HubError::Kind::Conflict: return PublisherOutcome::Duplicate;
    case HubError::Kind::Forbidden: return PublisherOutcome::Forbidden;
    default: return PublisherOutcome::Failed;
    }
}

PublisherJob::PublisherJob(HubClient *client, Operation operation, PublisherScope scope, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_operation(operation)
    , m_scope(std::move(scope))
{
}

PublisherJob::~PublisherJob()
{
    if (m_job)
        m_job->cancel();
}

PublisherJob *PublisherJob::list(HubClient *client, const PublisherScope &scope, QObject *parent)
{
    return new PublisherJob(client, Operation::List, scope, parent);
}

PublisherJob *PublisherJob::create(HubClient *client, const PublisherScope &scope, const PublisherDraft &draft,
                                   QObject *parent)
{
    auto *job = new PublisherJob(client, Operation::Create, scope, parent);
    job->m_draft = draft;
    job->m_draft.claims = filledClaims(draft.claims);
    return job;
}

PublisherJob *PublisherJob::remove(HubClient *client, const PublisherScope &scope, const QString &publisherId,
                                   QObject *parent)
{
    auto *job = new PublisherJob(client, Operation::Delete, scope, parent);
    job->m_publisherId = publisherId;
    return job;
}

void PublisherJob::start()
{
    if (m_started)
        return;
    m_started = true;
    HubJob *job = nullptr;
    const QString subject = m_scope.displayName();
    switch (m_operation) {
    case Operation::List:
        job = m_client->get(m_scope.listPath(), {}, subject);
        break;
    case Operation::Create:
        m_validation = validatePublisher(m_draft);
        if (!m_validation.isValid()) {
            m_outcome = PublisherOutcome::Invalid;
            finishLater();
            return;
        }
        job = m_client->sendJson("POST", m_scope.createPath(), publisherCreateBody(m_draft), subject, false);
        break;
    case Operation::Delete:
        job = m_client->sendJson("DELETE", m_scope.deletePath(m_publisherId), {}, subject, true);
        break;
    }
    m_job = job;
    connect(job, &HubJob::finished, this, &PublisherJob::onReply);
}

void PublisherJob::cancel()
{
    if (m_job)
        m_job->cancel();
}

void PublisherJob::onReply(HubJob *job)
{
    m_job = nullptr;
    m_error = job->error();
    m_outcome = publisherOutcomeFor(m_error);
    if (m_outcome == PublisherOutcome::Ok && m_operation != Operation::Delete) {
        QString problem;
        if (m_operation == Operation::List) {
            if (const auto parsed = parsePublisherList(job->body(), &problem))
                m_publishers = *parsed;
        } else if (!job->body().trimmed().isEmpty()) {
            m_created = parsePublisher(job->body(), &problem);
            problem.clear(); // an unreadable echo does not undo the creation
        }
        if (!problem.isEmpty()) {
            m_outcome = PublisherOutcome::Failed;
            m_error.kind = HubError::Kind::BadReply;
            m_error.detail = problem;
        }
    }
    m_done = true;
    Q_EMIT finished(this);
}

void PublisherJob::finishLater()
{
    QTimer::singleShot(0, this, [this] {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(this);
    });
}

QString PublisherJob::errorMessage() const
{
    switch (m_outcome) {
    case PublisherOutcome::Ok:
        return {};
    case PublisherOutcome::NotOffered:
        return tr("This Hub does not offer trusted-publisher management through its API. Manage the publishers "
                  "of %1 on its settings page; the workflow generator and the token debugger still work.")
            .arg(m_scope.displayName());
    case PublisherOutcome::UnknownRepo:
        return tr("The repo %1 does not exist, or this token cannot see it.").arg(m_scope.displayName());
    case PublisherOutcome::Invalid:
        if (!m_validation.isValid())
            return m_validation.messages().join(QLatin1Char('\n'));
        return m_error.serverMessage.isEmpty() ? tr("The Hub refused the publisher as invalid.")
                                               : tr("The Hub refused the publisher: %1").arg(m_error.serverMessage);
    case PublisherOutcome::Duplicate:
        return tr("A publisher with the same issuer and claims already exists on %1.").arg(m_scope.displayName());
    case PublisherOutcome::Forbidden:
        return m_scope.isUser()
                   ? tr("This token may not manage your CI/CD access; a token with write access is needed.")
                   : tr("Managing the trusted publishers of %1 needs the Write role on it.").arg(m_scope.displayName());
    case PublisherOutcome::Failed:
        return m_error.message();
    }
    return {};
}

} // namespace hubgate
