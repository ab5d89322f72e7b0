// The gating settings page against the emulator: each change is shown as the Hub confirmed it.
#include "emulatorfixture.h"
#include "hub/hubclient.h"
#include "settings/gatingsettingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace hubgate;

class SettingsPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<testing::EmulatorFixture>();
        m_client = std::make_unique<HubClient>(&m_nam, m_fixture->baseUrl());
        m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        m_page = std::make_unique<GatingSettingsPage>(m_client.get());
        RepoSummary repo;
        repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        repo.gating = GatingMode::Manual;
        m_page->showRepo(repo, true);
        m_page->show();
    }
    void cleanup()
    {
        m_page.reset();
        m_client.reset();
        m_fixture.reset();
    }

    void switchingToAutomaticIsConfirmed()
    {
        QSignalSpy changed(m_page.get(), &GatingSettingsPage::repoChanged);
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->findChild<QRadioButton *>(QStringLiteral("gatingAuto"))->click();
        QVERIFY(m_page->applyButton()->isEnabled());
        m_page->applyButton()->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().toBool(), true);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<RepoSummary>().gating, GatingMode::Auto);
        QCOMPARE(repo()->gated, std::string("auto"));
        QVERIFY(!m_page->applyButton()->isEnabled()); // nothing left to send
    }

    void invalidEmailCannotBeSent()
    {
        auto *email = m_page->findChild<QLineEdit *>(QStringLiteral("notificationEmail"));
        QVERIFY(email->isEnabled());
        email->setText(QStringLiteral("reviews@nimbus..example"));
        QVERIFY(!m_page->applyButton()->isEnabled());
        QVERIFY(!m_page->findChild<QLabel *>(QStringLiteral("emailProblem"))->text().isEmpty());
        email->setText(QStringLiteral("reviews@nimbus-ai.example"));
        QVERIFY(m_page->applyButton()->isEnabled());
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->applyButton()->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(repo()->notificationsEmail, std::string("reviews@nimbus-ai.example"));
    }

    void orgMembersAndFrequency()
    {
        m_page->findChild<QComboBox *>(QStringLiteral("notificationFrequency"))->setCurrentIndex(0);
        m_page->findChild<QCheckBox *>(QStringLiteral("orgMembersGated"))->setChecked(true);
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->applyButton()->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(repo()->notificationsMode, std::string("bulk"));
        QCOMPARE(repo()->orgMembersGated, true);
    }

    void readTokenIsRefusedWithASentence()
    {
        m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::readToken()));
        m_page->findChild<QRadioButton *>(QStringLiteral("gatingOff"))->click();
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->applyButton()->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().toBool(), false);
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("settingsStatus"))->text().contains(QStringLiteral("nimbus-ai/nimbus-7b")));
        QCOMPARE(repo()->gated, std::string("manual"));
    }

private:
    emu::Repo *repo()
    {
        return m_fixture->api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
    }
    QNetworkAccessManager m_nam;
    std::unique_ptr<testing::EmulatorFixture> m_fixture;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<GatingSettingsPage> m_page;
};

QTEST_MAIN(SettingsPageTest)
#include "tst_ui_settings.moc"
