// Gating settings: the e-mail rule (checked against the emulator too), local validation, the
// JSON body and reply, and every field set through PUT .../settings and confirmed by the server.
#include "decisionstest.h"

#include "settings/gatingsettings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace dectest;
using hubgate::GatingMode;
using hubgate::GatingSettings;
using hubgate::SettingsUpdateJob;

namespace {

hubgate::RepoSummary repoOf(const QString &id, hubgate::RepoKind kind = hubgate::RepoKind::Model)
{
    hubgate::RepoSummary repo;
    repo.id = id;
    repo.kind = kind;
    return repo;
}

// Starts a SettingsUpdateJob and waits for its one finished().
struct Update
{
    Update(Hub &hub, const hubgate::RepoSummary &repo, const GatingSettings &change)
        : job(std::make_unique<SettingsUpdateJob>(&hub.client(), repo, change))
        , finished(job.get(), &SettingsUpdateJob::finished)
    {
    }
    bool exec()
    {
        job->start();
        const bool done = QTest::qWaitFor([this] { return finished.count() > 0; }, 20000);
        QTest::qWait(20);
        return done && finished.count() == 1;
    }
    std::unique_ptr<SettingsUpdateJob> job;
    QSignalSpy finished;
};

QJsonObject bodyOf(const GatingSettings &settings)
{
    return QJsonDocument::fromJson(hubgate::settingsBody(settings)).object();
}

} // namespace

class SettingsTest : public QObject
{
    Q_OBJECT

private:
    emu::Repo &repo(Hub &hub, const std::string &ns, const std::string &name,
                    emu::RepoType type = emu::RepoType::Model)
    {
        return *hub.state().repo(type, ns, name);
    }

private Q_SLOTS:
    void notificationEmailRule_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "alerts@nimbus.ai" << true;
        QTest::newRow("quote and plus") << "o'neil+hub@mail.example.org" << true;
        QTest::newRow("dots and dashes") << "a.b-c_d@x-y.example.co" << true;
        QTest::newRow("leading dot") << ".alerts@nimbus.ai" << false;
        QTest::newRow("double dot") << "alerts..team@nimbus.ai" << false;
        QTest::newRow("double dot in domain") << "alerts@nimbus..ai" << false;
        QTest::newRow("no TLD") << "alerts@nimbus" << false;
        QTest::newRow("one-letter TLD") << "alerts@nimbus.a" << false;
        QTest::newRow("space") << "alerts team@nimbus.ai" << false;
        QTest::newRow("leading space") << " alerts@nimbus.ai" << false;
        QTest::newRow("dot before @") << "alerts.@nimbus.ai" << false;
        QTest::newRow("domain starts with dash") << "alerts@-nimbus.ai" << false;
        QTest::newRow("two @") << "alerts@team@nimbus.ai" << false;
        QTest::newRow("trailing newline") << "alerts@nimbus.ai\n" << false;
        QTest::newRow("empty") << "" << false;
    }

    void notificationEmailRule()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        QCOMPARE(hubgate::isValidNotificationEmail(email), valid);
        GatingSettings settings;
        settings.notificationsEmail = email;
        QCOMPARE(hubgate::validateSettings(settings, true).isEmpty(), valid);

        // The emulator applies the same rule when the value is sent anyway.
        Hub hub;
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("gatedNotificationsEmail"), email}}).toJson();
        const testing::Reply reply = testing::send(
            hub.nam(), "PUT",
            hub.fixture().url(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/settings")),
            testing::EmulatorFixture::writeToken(), body);
        QCOMPARE(reply.status, valid ? 200 : 400);
    }

    void validation()
    {
        GatingSettings orgOnly;
        orgOnly.orgMembersGated = true;
        QVERIFY(!hubgate::validateSettings(orgOnly, false).isEmpty());
        QVERIFY(hubgate::validateSettings(orgOnly, true).isEmpty());
        GatingSettings unknownMode;
        unknownMode.mode = GatingMode::Unknown;
        QVERIFY(!hubgate::validateSettings(unknownMode, true).isEmpty());
        GatingSettings weekly;
        weekly.notificationsMode = QStringLiteral("weekly");
        QVERIFY(!hubgate::validateSettings(weekly, true).isEmpty());
        GatingSettings fine;
        fine.mode = GatingMode::Manual;
        fine.notificationsMode = QStringLiteral("real-time");
        fine.notificationsEmail = QStringLiteral("alerts@nimbus.ai");
        QVERIFY(hubgate::validateSettings(fine, false).isEmpty());
        QVERIFY(hubgate::validateSettings(GatingSettings{}, false).isEmpty());
    }

    void body()
    {
        QCOMPARE(hubgate::settingsBody(GatingSettings{}), QByteArray("{}"));
        GatingSettings off;
        off.mode = GatingMode::Off;
        QCOMPARE(bodyOf(off), (QJsonObject{{QStringLiteral("gated"), false}}));
        QVERIFY(bodyOf(off).value(QLatin1String("gated")).isBool());
        GatingSettings all;
        all.mode = GatingMode::Manual;
        all.notificationsMode = QStringLiteral("real-time");
        all.notificationsEmail = QStringLiteral("alerts@nimbus.ai");
        all.orgMembersGated = false;
        QCOMPARE(bodyOf(all), (QJsonObject{{QStringLiteral("gated"), QStringLiteral("manual")},
                                           {QStringLiteral("gatedNotificationsMode"),
                                            QStringLiteral("real-time")},
                                           {QStringLiteral("gatedNotificationsEmail"),
                                            QStringLiteral("alerts@nimbus.ai")},
                                           {QStringLiteral("orgMembersGated"), false}}));
        GatingSettings autoMode;
        autoMode.mode = GatingMode::Auto;
        QCOMPARE(bodyOf(autoMode).value(QLatin1String("gated")).toString(), QStringLiteral("auto"));
    }

    void parseReply()
    {
        QString error;
        auto parsed = hubgate::parseSettingsReply(
            R"({"private":false,"discussionsDisabled":false,"gated":false,"gatedNotificationsMode":"bulk"})",
            &error);
        QVERIFY(parsed);
        QCOMPARE(parsed->mode, std::optional(GatingMode::Off));
        QCOMPARE(parsed->notificationsMode, std::optional(QStringLiteral("bulk")));
        QVERIFY(!parsed->notificationsEmail);
        QVERIFY(!parsed->orgMembersGated);

        parsed = hubgate::parseSettingsReply(
            R"({"gated":"manual","gatedNotificationsEmail":"a@b.co","orgMembersGated":true})",
            &error);
        QVERIFY(parsed);
        QCOMPARE(parsed->mode, std::optional(GatingMode::Manual));
        QCOMPARE(parsed->notificationsEmail, std::optional(QStringLiteral("a@b.co")));
        QCOMPARE(parsed->orgMembersGated, std::optional(true));

        parsed = hubgate::parseSettingsReply(R"({"gated":"by-invitation"})", &error);
        QVERIFY(parsed);
        QCOMPARE(parsed->mode, std::optional(GatingMode::Unknown)); // kept open, not refused

        error.clear();
        QVERIFY(!hubgate::parseSettingsReply("[1]", &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!hubgate::parseSettingsReply(R"({"orgMembersGated":"yes"})", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!hubgate::parseSettingsReply("not json", nullptr));
    }

    void setGatingMode_data()
    {
        QTest::addColumn<QString>("repoId");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("stored");
        QTest::newRow("manual to off") << "nimbus-ai/nimbus-7b" << int(GatingMode::Off) << "false";
        QTest::newRow("manual to auto") << "nimbus-ai/nimbus-7b" << int(GatingMode::Auto) << "auto";
        QTest::newRow("auto to manual")
            << "mira-patel/tiny-poet" << int(GatingMode::Manual) << "manual";
        QTest::newRow("off to manual")
            << "mira-patel/sketch-diffusion" << int(GatingMode::Manual) << "manual";
    }

    void setGatingMode()
    {
        QFETCH(QString, repoId);
        QFETCH(int, mode);
        QFETCH(QString, stored);
        Hub hub;
        const std::string ns = repoId.section(QLatin1Char('/'), 0, 0).toStdString();
        const std::string name = repoId.section(QLatin1Char('/'), 1).toStdString();
        QVERIFY(repo(hub, ns, name).gated != stored.toStdString()); // a real change
        GatingSettings change;
        change.mode = GatingMode(mode);
        Update update(hub, repoOf(repoId), change);
        QVERIFY(update.exec());
        QVERIFY2(update.job->isOk(), qPrintable(update.job->errorMessage()));
        QCOMPARE(update.job->confirmed().mode, std::optional(GatingMode(mode)));
        QCOMPARE(repo(hub, ns, name).gated, stored.toStdString());
    }

    void setNotifications()
    {
        Hub hub;
        emu::Repo &nimbus = repo(hub, "nimbus-ai", "nimbus-7b");
        QCOMPARE(nimbus.notificationsMode, std::string("real-time")); // each step is a change
        for (const QString &mode : {QStringLiteral("bulk"), QStringLiteral("real-time")}) {
            GatingSettings change;
            change.notificationsMode = mode;
            Update update(hub, nimbus7b(), change);
            QVERIFY(update.exec());
            QVERIFY2(update.job->isOk(), qPrintable(update.job->errorMessage()));
            QCOMPARE(update.job->confirmed().notificationsMode, std::optional(mode));
            QCOMPARE(nimbus.notificationsMode, mode.toStdString());
        }
        GatingSettings email;
        email.notificationsEmail = QStringLiteral("o'neil+gate@nimbus.ai");
        Update update(hub, nimbus7b(), email);
        QVERIFY(update.exec());
        QVERIFY2(update.job->isOk(), qPrintable(update.job->errorMessage()));
        QCOMPARE(update.job->confirmed().notificationsEmail, email.notificationsEmail);
        QCOMPARE(nimbus.notificationsEmail, std::string("o'neil+gate@nimbus.ai"));
        QCOMPARE(nimbus.gated, std::string("manual")); // untouched
    }

    void setOrgMembersGated()
    {
        Hub hub;
        emu::Repo &nimbus = repo(hub, "nimbus-ai", "nimbus-7b");
        for (bool on : {true, false}) {
            GatingSettings change;
            change.orgMembersGated = on;
            Update update(hub, nimbus7b(), change);
            update.job->setOrgRepo(true);
            QVERIFY(update.exec());
            QVERIFY2(update.job->isOk(), qPrintable(update.job->errorMessage()));
            QCOMPARE(update.job->confirmed().orgMembersGated, std::optional(on));
            QCOMPARE(nimbus.orgMembersGated, on);
        }
    }

    void everythingAtOnceOnADataset()
    {
        Hub hub;
        emu::Repo &dataset = repo(hub, "nimbus-ai", "clean-web-2t", emu::RepoType::Dataset);
        GatingSettings change;
        change.mode = GatingMode::Manual;
        change.notificationsMode = QStringLiteral("real-time");
        change.notificationsEmail = QStringLiteral("data@nimbus.ai");
        change.orgMembersGated = true;
        QVERIFY(hub.resetStats());
        Update update(hub,
                      repoOf(QStringLiteral("nimbus-ai/clean-web-2t"), hubgate::RepoKind::Dataset),
                      change);
        QVERIFY(update.exec());
        QVERIFY2(update.job->isOk(), qPrintable(update.job->errorMessage()));
        QCOMPARE(hub.calls("PUT /api/datasets/nimbus-ai/clean-web-2t/settings"), 1);
        const GatingSettings &confirmed = update.job->confirmed();
        QCOMPARE(confirmed.mode, change.mode);
        QCOMPARE(confirmed.notificationsMode, change.notificationsMode);
        QCOMPARE(confirmed.notificationsEmail, change.notificationsEmail);
        QCOMPARE(confirmed.orgMembersGated, change.orgMembersGated);
        QCOMPARE(dataset.gated, std::string("manual"));
        QCOMPARE(dataset.notificationsMode, std::string("real-time"));
        QCOMPARE(dataset.notificationsEmail, std::string("data@nimbus.ai"));
        QCOMPARE(dataset.orgMembersGated, true);
    }

    void invalidEmailRefusedLocally_data()
    {
        QTest::addColumn<QString>("email");
        QTest::newRow("leading dot") << ".alerts@nimbus.ai";
        QTest::newRow("double dot") << "alerts..team@nimbus.ai";
        QTest::newRow("no TLD") << "alerts@nimbus";
        QTest::newRow("space") << "alerts team@nimbus.ai";
    }

    void invalidEmailRefusedLocally()
    {
        QFETCH(QString, email);
        Hub hub;
        QVERIFY(hub.resetStats());
        const std::string emailBefore = repo(hub, "nimbus-ai", "nimbus-7b").notificationsEmail;
        GatingSettings change;
        change.mode = GatingMode::Auto;
        change.notificationsEmail = email;
        Update update(hub, nimbus7b(), change);
        QVERIFY(update.exec());
        QVERIFY(!update.job->isOk());
        QCOMPARE(update.job->error().kind, hubgate::HubError::Kind::BadRequest);
        QCOMPARE(update.job->error().httpStatus, 0); // never sent
        QVERIFY2(update.job->errorMessage().contains(email),
                 qPrintable(update.job->errorMessage()));
        QCOMPARE(hub.calls(), 0);
        emu::Repo &nimbus = repo(hub, "nimbus-ai", "nimbus-7b");
        QCOMPARE(nimbus.gated, std::string("manual")); // nothing of the change applied
        QCOMPARE(nimbus.notificationsEmail, emailBefore);
    }

    void orgMembersGatedOnUserRepo()
    {
        Hub hub;
        GatingSettings change;
        change.orgMembersGated = true;
        QVERIFY(!hubgate::validateSettings(change, false).isEmpty());
        QVERIFY(hub.resetStats());
        {
            Update local(hub, repoOf(QStringLiteral("mira-patel/tiny-poet")), change);
            local.job->setOrgRepo(false);
            QVERIFY(local.exec());
            QCOMPARE(local.job->error().kind, hubgate::HubError::Kind::BadRequest);
            QVERIFY(!local.job->errorMessage().isEmpty());
            QCOMPARE(hub.calls(), 0);
        }
        // Without knowing the owner the job leaves it to the Hub, which refuses it too.
        Update remote(hub, repoOf(QStringLiteral("mira-patel/tiny-poet")), change);
        QVERIFY(remote.exec());
        QCOMPARE(remote.job->error().kind, hubgate::HubError::Kind::BadRequest);
        QCOMPARE(remote.job->error().httpStatus, 400);
        QCOMPARE(hub.calls(), 1);
        QCOMPARE(repo(hub, "mira-patel", "tiny-poet").orgMembersGated, false);
    }

    void readTokenIsForbidden()
    {
        Hub hub(testing::EmulatorFixture::readToken());
        GatingSettings change;
        change.mode = GatingMode::Off;
        Update update(hub, nimbus7b(), change);
        QVERIFY(update.exec());
        QCOMPARE(update.job->error().kind, hubgate::HubError::Kind::Forbidden);
        QCOMPARE(update.job->error().httpStatus, 403);
        QVERIFY(update.job->errorMessage().contains(QLatin1String("read token")));
        QCOMPARE(repo(hub, "nimbus-ai", "nimbus-7b").gated, std::string("manual"));
    }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "tst_decisions_settings.moc"
