#pragma once
// A gated repo's access settings, the Hub's validation of them, and the PUT .../settings call.

#include "hub/huberror.h"
#include "hub/repo.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace hubgate {

class HubClient;
class HubJob;

struct GatingSettings
{
    std::optional<GatingMode> mode;          // Off / Auto / Manual
    std::optional<QString> notificationsMode; // "bulk" (once a day) or "real-time"
    std::optional<QString> notificationsEmail;
    std::optional<bool> orgMembersGated;     // org repos only
};

// The OpenAPI document's rule for gatedNotificationsEmail.
bool isValidNotificationEmail(const QString &email);
// Empty when valid; otherwise a sentence for the user.
QString validateSettings(const GatingSettings &settings, bool orgRepo);
// The JSON body with only the members that are set.
QByteArray settingsBody(const GatingSettings &settings);
// What the server answered (PUT reply).
std::optional<GatingSettings> parseSettingsReply(const QByteArray &json, QString *error);

// Sends a change; finished() once with the settings as the server confirmed them.
class SettingsUpdateJob : public QObject
{
    Q_OBJECT
public:
    SettingsUpdateJob(HubClient *client, RepoSummary repo, GatingSettings change, QObject *parent = nullptr);
    void start();
    bool isOk() const { return !m_error.isError(); }
    const HubError &error() const { return m_error; }
    const GatingSettings &confirmed() const { return m_confirmed; }

Q_SIGNALS:
    void finished(hubgate::SettingsUpdateJob *job);

private:
    HubClient *m_client;
    RepoSummary m_repo;
    GatingSettings m_change;
    GatingSettings m_confirmed;
    HubError m_error;
};

} // namespace hubgate
