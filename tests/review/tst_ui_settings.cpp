// The gating settings page against the emulator: each change is shown as the Hub confirmed it,
// changes that cannot be taken back are confirmed first, and what the Hub does not report is
// said plainly.
#include "emulatorfixture.h"
#include "hub/hubclient.h"
#include "settings/gatingsettingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
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
        m_pending = std::nullopt;
        m_page->showRepo(context());
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }
    void cleanup()
    {
        QLocale::setDefault(QLocale::c());
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
        QVERIFY(confirm(true));
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
        QVERIFY(confirm(true));
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().toBool(), false);
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("settingsStatus"))->text().contains(QStringLiteral("nimbus-ai/nimbus-7b")));
        QCOMPARE(repo()->gated, std::string("manual"));
    }

    void turningGatingOffAsksFirst()
    {
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->findChild<QRadioButton *>(QStringLiteral("gatingOff"))->click();
        m_page->applyButton()->click();
        QMessageBox *box = openConfirmation();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QLatin1String("Anyone will be able to download")), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QLatin1String("form stops")), qPrintable(box->text()));
        QVERIFY(!m_page->applyButton()->isEnabled()); // one question at a time
        QCOMPARE(settingsCalls(), 0);                  // nothing sent while asking
        QCOMPARE(repo()->gated, std::string("manual"));

        // Cancel: nothing is sent, the choice stays to be applied or reverted.
        QVERIFY(confirm(false));
        QTRY_VERIFY(!m_page->confirmation());
        QCOMPARE(settingsCalls(), 0);
        QCOMPARE(repo()->gated, std::string("manual"));
        QVERIFY(m_page->applyButton()->isEnabled());

        // Confirm: sent once, and confirmed by the Hub.
        m_page->applyButton()->click();
        QVERIFY(confirm(true));
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().toBool(), true);
        QCOMPARE(settingsCalls(), 1);
        QCOMPARE(repo()->gated, std::string("false"));
    }

    void automaticNamesThePendingCount()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_pending = 2714;
        m_page->showRepo(context());
        m_page->findChild<QRadioButton *>(QStringLiteral("gatingAuto"))->click();
        m_page->applyButton()->click();
        QMessageBox *box = openConfirmation();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QLatin1String("2,714 pending requests will be accepted")), qPrintable(box->text()));
        QCOMPARE(settingsCalls(), 0);
        QVERIFY(confirm(false));

        // Lists not loaded: no number is made up.
        m_pending = std::nullopt;
        m_page->showRepo(context());
        m_page->findChild<QRadioButton *>(QStringLiteral("gatingAuto"))->click();
        m_page->applyButton()->click();
        box = openConfirmation();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QLatin1String("All pending requests will be accepted")), qPrintable(box->text()));
        QVERIFY(confirm(false));
        QCOMPARE(settingsCalls(), 0);
        QCOMPARE(repo()->gated, std::string("manual"));
    }

    void notificationSettingsAreShownAsKnown()
    {
        auto *frequency = m_page->findChild<QComboBox *>(QStringLiteral("notificationFrequency"));
        auto *email = m_page->findChild<QLineEdit *>(QStringLiteral("notificationEmail"));
        auto *note = m_page->findChild<QLabel *>(QStringLiteral("notificationNote"));
        // The repo info does not carry them: said plainly, with no made-up default.
        QVERIFY2(note->text().contains(QLatin1String("does not report the current notification settings")), qPrintable(note->text()));
        QVERIFY(note->isVisible());
        QCOMPARE(frequency->currentIndex(), -1);
        QVERIFY(email->text().isEmpty());
        QVERIFY2(!email->placeholderText().contains(QLatin1String("Default"), Qt::CaseInsensitive), qPrintable(email->placeholderText()));

        // After a change, the Hub's answer tells them: real-time mail to access@nimbus-ai.example.
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        m_page->findChild<QCheckBox *>(QStringLiteral("orgMembersGated"))->setChecked(true);
        m_page->applyButton()->click();
        QVERIFY(saved.wait(10000));
        QCOMPARE(frequency->currentData().toString(), QStringLiteral("real-time"));
        QCOMPARE(email->text(), QStringLiteral("access@nimbus-ai.example"));
        QVERIFY(!note->text().contains(QLatin1String("does not report")));

        // Kept for the session: another repo, then back.
        RepoContext other = context();
        other.repo.id = QStringLiteral("nimbus-ai/nimbus-7b-instruct");
        m_page->showRepo(other);
        QCOMPARE(frequency->currentIndex(), -1);
        QVERIFY(email->text().isEmpty());
        m_page->showRepo(context());
        QCOMPARE(frequency->currentData().toString(), QStringLiteral("real-time"));
        QCOMPARE(email->text(), QStringLiteral("access@nimbus-ai.example"));
    }

    void emailEditsSayWhatIsWrong()
    {
        auto *email = m_page->findChild<QLineEdit *>(QStringLiteral("notificationEmail"));
        auto *problem = m_page->findChild<QLabel *>(QStringLiteral("emailProblem"));
        email->setText(QStringLiteral("reviews"));
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("needs an @ and a domain")), qPrintable(problem->text()));
        QVERIFY(!m_page->applyButton()->isEnabled());
        email->setText(QStringLiteral("reviews@nimbus-ai"));
        QVERIFY2(problem->text().contains(QLatin1String("domain")), qPrintable(problem->text()));
        QVERIFY(!m_page->applyButton()->isEnabled());
        email->setText(QStringLiteral("reviews@nimbus-ai.example"));
        QVERIFY(!problem->isVisible());
        QVERIFY(m_page->applyButton()->isEnabled());

        // Enter in the field applies.
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        email->setFocus();
        QTest::keyClick(email, Qt::Key_Return);
        QVERIFY(saved.wait(10000));
        QCOMPARE(repo()->notificationsEmail, std::string("reviews@nimbus-ai.example"));

        // Clearing it: the document allows neither "" nor null, so the Hub can only replace an
        // address. The page says so instead of silently doing nothing.
        email->clear();
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("cannot remove")), qPrintable(problem->text()));
        QVERIFY(!m_page->applyButton()->isEnabled());
        QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("revertSettings"))->isEnabled());
        m_page->findChild<QPushButton *>(QStringLiteral("revertSettings"))->click();
        QCOMPARE(email->text(), QStringLiteral("reviews@nimbus-ai.example"));
        QVERIFY(!problem->isVisible());
    }

    void enterOnThePageApplies()
    {
        QSignalSpy saved(m_page.get(), &GatingSettingsPage::saved);
        auto *orgMembers = m_page->findChild<QCheckBox *>(QStringLiteral("orgMembersGated"));
        orgMembers->setFocus();
        QTest::keyClick(orgMembers, Qt::Key_Space);
        QVERIFY(orgMembers->isChecked());
        QTest::keyClick(orgMembers, Qt::Key_Return);
        QVERIFY(saved.wait(10000));
        QCOMPARE(repo()->orgMembersGated, true);
    }

private:
    RepoContext context() const
    {
        RepoContext c;
        c.repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        c.repo.gating = GatingMode::Manual;
        c.orgRepo = true;
        c.userName = QStringLiteral("mira-patel");
        const std::optional<int> pending = m_pending;
        c.requestCount = [pending](const QString &status) {
            return status == QLatin1String("pending") ? pending : std::nullopt;
        };
        return c;
    }
    int settingsCalls()
    {
        const emu::Json stats = m_fixture->api().callStats();
        const emu::Json calls = stats.value("calls", emu::Json::object());
        return calls.value("PUT /api/models/nimbus-ai/nimbus-7b/settings", 0);
    }
    // The confirmation the page opened (window-modal, not exec()).
    QMessageBox *openConfirmation()
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor([&] { return (box = m_page->findChild<QMessageBox *>()) && box->isVisible(); }, 5000))
            return nullptr;
        return box;
    }
    bool confirm(bool yes)
    {
        QMessageBox *box = openConfirmation();
        if (!box)
            return false;
        QAbstractButton *button = yes ? static_cast<QAbstractButton *>(box->findChild<QPushButton *>(QStringLiteral("confirmGating")))
                                      : box->button(QMessageBox::Cancel);
        if (!button)
            return false;
        button->click();
        return true;
    }
    std::optional<int> m_pending;
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
