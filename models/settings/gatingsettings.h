#pragma once
// A gated repo's access settings, the Hub's validation of them, and the PUT .../settings call.

#include "hub/huberror.h"
#include "hub/repo.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <optional>

namespace hubgate {

class HubClient;
class HubJob;

struct GatingSettings
{
    std::optional<GatingMode> mode;           // Off / Auto / Manual
    std::optional<QString> notificationsMode; // "bulk" (once a day) or "real-time"
    std::optional<QString> notificationsEmail;
    std::optional<bool> orgMembersGated; // org repos only
};

// The OpenAPI document's rule for gatedNotificationsEmail.
bool isValidNotificationEmail(const QString &email);
// Empty when the Hub accepts the address; otherwise what is wrong with it, in one sentence.
QString notificationEmailProblem(const QString &email);
// Why an edit of the e-mail field cannot be sent (empty when it can, or when there is nothing
// to send). The document allows no empty string nor null: an address can be replaced, never
// removed.
QString notificationEmailEditProblem(const QString &typed, const std::optional<QString> &known);
// Empty when valid; otherwise a sentence for the user.
QString validateSettings(const GatingSettings &settings, bool orgRepo);
// The JSON body with only the members that are set.
QByteArray settingsBody(const GatingSettings &settings);
// What the server answered (PUT reply).
std::optional<GatingSettings> parseSettingsReply(const QByteArray &json, QString *error);

// The settings the Hub confirmed, per repo, for the session. The Hub reports the notification
// settings only in its answer to a change (the repo info does not carry them), so that answer
// is kept to show them again.
class SettingsMemory
{
public:
    // Merges what is set in confirmed into what was known. key: endpoint and repo key.
    void remember(const QString &key, const GatingSettings &confirmed);
    GatingSettings recall(const QString &key) const { return m_known.value(key); }

private:
    QHash<QString, GatingSettings> m_known;
};

// Sends a change; finished() once with the settings as the server confirmed them.
class SettingsUpdateJob : public QObject
{
    Q_OBJECT
public:
    SettingsUpdateJob(HubClient *client, RepoSummary repo, GatingSettings change,
                      QObject *parent = nullptr);
    ~SettingsUpdateJob() override;
    // When known, orgMembersGated is checked locally too (otherwise the Hub decides).
    void setOrgRepo(bool orgRepo) { m_orgRepo = orgRepo; }
    // Validates the change first: an invalid one finishes on a later turn of the event loop
    // with error() BadRequest (httpStatus 0, the reason in detail and serverMessage) and
    // nothing sent. Not self-deleting.
    void start();
    bool isOk() const { return !m_error.isError(); }
    const HubError &error() const { return m_error; }
    // A sentence for the user: the local reason or the Hub's error; empty when ok.
    QString errorMessage() const;
    const GatingSettings &confirmed() const { return m_confirmed; }

Q_SIGNALS:
    void finished(hubgate::SettingsUpdateJob *job);

private:
    void onReply(HubJob *job);
    void finish();
    HubClient *m_client;
    RepoSummary m_repo;
    GatingSettings m_change;
    GatingSettings m_confirmed;
    HubError m_error;
    QString m_refusal; // why the change was refused before sending
    std::optional<bool> m_orgRepo;
    QPointer<HubJob> m_job;
    bool m_started = false;
    bool m_done = false;
};

} // namespace hubgate
