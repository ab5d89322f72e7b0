#include "gatingsettings.h"

#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

namespace hubgate {

namespace {

bool knownNotificationsMode(const QString &mode)
{
    return mode == QLatin1String("bulk") || mode == QLatin1String("real-time");
}

} // namespace

bool isValidNotificationEmail(const QString &email)
{
    // The pattern of gatedNotificationsEmail in the OpenAPI document, verbatim. Anchored as a
    // whole because PCRE's $ would also match before a trailing newline, ECMAScript's does not.
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-"
                       "Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$")));
    return pattern.match(email).hasMatch();
}

QString notificationEmailProblem(const QString &email)
{
    if (isValidNotificationEmail(email))
        return {};
    const auto say = [](const char *text) {
        return QCoreApplication::translate("GatingSettings", text);
    };
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    const QString local = email.left(at);
    const QString domain = email.mid(at + 1);
    if (at < 0 || local.isEmpty() || domain.isEmpty())
        return say("An e-mail address needs an @ and a domain, like name@example.org.");
    if (email.count(QLatin1Char('@')) > 1)
        return say("An e-mail address has only one @.");
    if (email.contains(QRegularExpression(QStringLiteral("\\s"))))
        return say("An e-mail address cannot contain spaces.");
    if (email.startsWith(QLatin1Char('.')) || email.contains(QLatin1String("..")))
        return say("Dots cannot start the address or follow each other.");
    static const QRegularExpression localChars(QStringLiteral("^[A-Za-z0-9_'+\\-\\.]+$"));
    if (!localChars.match(local).hasMatch())
        return say("Before the @, the Hub accepts only letters, digits and . _ ' + -");
    if (local.endsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('\'')))
        return say("The part before the @ cannot end with a dot or an apostrophe.");
    return say("The domain after the @ needs letters or digits, a dot and an ending of at least "
               "two letters, like example.org.");
}

QString notificationEmailEditProblem(const QString &typed, const std::optional<QString> &known)
{
    const QString email = typed.trimmed();
    if (!email.isEmpty())
        return notificationEmailProblem(email);
    if (known && !known->isEmpty())
        return QCoreApplication::translate(
                   "GatingSettings",
                   "The Hub cannot remove the notification address, only replace it: enter "
                   "another address, or Revert to keep %1.")
            .arg(*known);
    return {};
}

void SettingsMemory::remember(const QString &key, const GatingSettings &confirmed)
{
    GatingSettings &known = m_known[key];
    if (confirmed.mode)
        known.mode = confirmed.mode;
    if (confirmed.notificationsMode)
        known.notificationsMode = confirmed.notificationsMode;
    if (confirmed.notificationsEmail)
        known.notificationsEmail = confirmed.notificationsEmail;
    if (confirmed.orgMembersGated)
        known.orgMembersGated = confirmed.orgMembersGated;
}

QString validateSettings(const GatingSettings &settings, bool orgRepo)
{
    QStringList problems;
    if (settings.mode && *settings.mode == GatingMode::Unknown)
        problems.append(QCoreApplication::translate(
            "GatingSettings", "Choose whether access requests are off, automatic or manual."));
    if (settings.notificationsMode && !knownNotificationsMode(*settings.notificationsMode))
        problems.append(QCoreApplication::translate(
            "GatingSettings", "Notifications are sent either once a day (bulk) or in real time."));
    if (settings.notificationsEmail && !isValidNotificationEmail(*settings.notificationsEmail))
        problems.append(QCoreApplication::translate(
                            "GatingSettings",
                            "\"%1\" is not an e-mail address the Hub accepts for notifications.")
                            .arg(*settings.notificationsEmail));
    if (settings.orgMembersGated && !orgRepo)
        problems.append(QCoreApplication::translate(
            "GatingSettings",
            "Only repos owned by an organization can make their members request access."));
    return problems.join(QLatin1Char(' '));
}

QByteArray settingsBody(const GatingSettings &settings)
{
    QJsonObject body;
    if (settings.mode) {
        switch (*settings.mode) {
        case GatingMode::Off:
            body.insert(QStringLiteral("gated"), false);
            break;
        case GatingMode::Auto:
            body.insert(QStringLiteral("gated"), QStringLiteral("auto"));
            break;
        case GatingMode::Manual:
            body.insert(QStringLiteral("gated"), QStringLiteral("manual"));
            break;
        case GatingMode::Unknown:
            break; // validateSettings() refuses it
        }
    }
    if (settings.notificationsMode)
        body.insert(QStringLiteral("gatedNotificationsMode"), *settings.notificationsMode);
    if (settings.notificationsEmail)
        body.insert(QStringLiteral("gatedNotificationsEmail"), *settings.notificationsEmail);
    if (settings.orgMembersGated)
        body.insert(QStringLiteral("orgMembersGated"), *settings.orgMembersGated);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

std::optional<GatingSettings> parseSettingsReply(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!doc.isObject())
        return refuse(parseError.error != QJsonParseError::NoError
                          ? parseError.errorString()
                          : QCoreApplication::translate("GatingSettings", "not a JSON object"));
    const QJsonObject object = doc.object();
    GatingSettings out;
    const QJsonValue gated = object.value(QLatin1String("gated"));
    if (gated.isBool())
        out.mode = gated.toBool() ? GatingMode::Unknown : GatingMode::Off;
    else if (gated.toString() == QLatin1String("auto"))
        out.mode = GatingMode::Auto;
    else if (gated.toString() == QLatin1String("manual"))
        out.mode = GatingMode::Manual;
    else if (gated.isString())
        out.mode = GatingMode::Unknown; // a mode this version does not know: keep it visible
    else if (!gated.isUndefined() && !gated.isNull())
        return refuse(
            QCoreApplication::translate("GatingSettings", "\"gated\" has an unexpected type"));
    const QJsonValue mode = object.value(QLatin1String("gatedNotificationsMode"));
    if (mode.isString())
        out.notificationsMode = mode.toString();
    else if (!mode.isUndefined() && !mode.isNull())
        return refuse(QCoreApplication::translate("GatingSettings",
                                                  "\"gatedNotificationsMode\" is not a string"));
    const QJsonValue email = object.value(QLatin1String("gatedNotificationsEmail"));
    if (email.isString())
        out.notificationsEmail = email.toString();
    else if (!email.isUndefined() && !email.isNull())
        return refuse(QCoreApplication::translate("GatingSettings",
                                                  "\"gatedNotificationsEmail\" is not a string"));
    const QJsonValue orgMembers = object.value(QLatin1String("orgMembersGated"));
    if (orgMembers.isBool())
        out.orgMembersGated = orgMembers.toBool();
    else if (!orgMembers.isUndefined() && !orgMembers.isNull())
        return refuse(QCoreApplication::translate("GatingSettings",
                                                  "\"orgMembersGated\" is not true or false"));
    return out;
}

SettingsUpdateJob::SettingsUpdateJob(HubClient *client, RepoSummary repo, GatingSettings change,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repo(std::move(repo))
    , m_change(std::move(change))
{
}

SettingsUpdateJob::~SettingsUpdateJob()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

QString SettingsUpdateJob::errorMessage() const
{
    return m_refusal.isEmpty() ? m_error.message() : m_refusal;
}

void SettingsUpdateJob::start()
{
    if (m_started)
        return;
    m_started = true;
    // Without knowing the owner, orgMembersGated is left to the Hub.
    m_refusal = validateSettings(m_change, m_orgRepo.value_or(true));
    if (!m_refusal.isEmpty()) {
        m_error.kind = HubError::Kind::BadRequest;
        m_error.subject = m_repo.id;
        m_error.detail = m_refusal;
        m_error.serverMessage = m_refusal; // what the Hub would answer; message() shows it
        QTimer::singleShot(0, this, &SettingsUpdateJob::finish);
        return;
    }
    const QString path = m_repo.apiPath(QStringLiteral("settings"));
    // Idempotent: the PUT states the wanted values, sending it twice changes nothing more.
    m_job = m_client->sendJson("PUT", path, settingsBody(m_change), m_repo.id, true);
    connect(m_job, &HubJob::finished, this, &SettingsUpdateJob::onReply);
}

void SettingsUpdateJob::onReply(HubJob *job)
{
    m_job = nullptr;
    if (!job->isOk()) {
        m_error = job->error();
    } else {
        QString problem;
        if (const auto settings = parseSettingsReply(job->body(), &problem)) {
            m_confirmed = *settings;
        } else {
            m_error.kind = HubError::Kind::BadReply;
            m_error.subject = m_repo.id;
            m_error.detail = problem;
        }
    }
    finish();
}

void SettingsUpdateJob::finish()
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(this);
}

} // namespace hubgate
