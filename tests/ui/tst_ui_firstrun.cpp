// First run through the app's controller against the emulator: sign-in with the keychain or
// without one, what the main area says after sign-in and sign-out, Retry after the repo list
// failed, and changing the Hub address. Run twice by CTest: without a keychain, and with a
// private gnome-keyring (HUBGATE_EXPECT_KEYCHAIN=1).
#include "hubclienttest.h"

#include "appcontroller.h"
#include "auth/tokenstore.h"
#include "mainwindow/mainwindow.h"
#include "repos/repobrowser.h"
#include "signin/signindialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hubtest;
using hubgate::AppController;
using hubgate::AppOptions;
using hubgate::SignInDialog;
using testing::EmulatorFixture;

namespace {
constexpr int Slow = 40000; // a keychain, a repo list with retries
}

class TestUiFirstRun : public QObject
{
    Q_OBJECT
    QTemporaryDir home;
    bool expectKeychain = false;
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<AppController> app;

    QLabel *notice() const
    {
        return app->window()->findChild<QLabel *>(QStringLiteral("noticeText"));
    }
    QString noticeText() const { return notice() ? notice()->text() : QString(); }

    SignInDialog *waitForDialog()
    {
        SignInDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = app->signInDialog()) && dialog->isVisible(); }, Slow);
        return shown ? dialog : nullptr;
    }
    static QPushButton *okButton(SignInDialog *dialog)
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }
    static void typeInto(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }
    // Types a token, waits for the live check, signs in.
    bool signInWith(SignInDialog *dialog, const QByteArray &token)
    {
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")),
                 QString::fromLatin1(token));
        if (!QTest::qWaitFor([&] { return okButton(dialog)->isEnabled(); }, Slow))
            return false;
        okButton(dialog)->click();
        return true;
    }
    void start(AppOptions options)
    {
        app = std::make_unique<AppController>(options);
        QVERIFY(app->start());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(home.isValid());
        expectKeychain = qEnvironmentVariableIntValue("HUBGATE_EXPECT_KEYCHAIN") == 1;
        // Preferences and found tokens of this run only; the keychain is the environment's.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
        qputenv("HF_HOME", QFile::encodeName(home.filePath(QStringLiteral("hf"))));
        qunsetenv("HF_TOKEN");
        qunsetenv("HF_ENDPOINT");
        QCoreApplication::setOrganizationName(QStringLiteral("HubGateTests"));
        QCoreApplication::setApplicationName(QStringLiteral("ui_firstrun"));
    }
    void init()
    {
        QSettings().clear();
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
    }
    void cleanup()
    {
        app.reset();
        nam.reset();
        hub.reset();
        qunsetenv("HF_ENDPOINT");
    }

    void signOutSaysWhereTheTokenWas()
    {
        AppOptions options;
        options.endpoint = hub->baseUrl().toString();
        start(options);
        SignInDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberToken"));
        auto *note = dialog->findChild<QLabel *>(QStringLiteral("rememberNote"));
        QVERIFY(remember && note);
        if (expectKeychain) {
            QVERIFY(remember->isEnabled() && remember->isChecked());
            QVERIFY(note->isHidden());
        } else {
            QVERIFY(!remember->isEnabled() && !remember->isChecked());
            QVERIFY(!note->isHidden());
            QVERIFY2(note->text().contains(QLatin1String("session only")),
                     qPrintable(note->text()));
        }
        // --endpoint chose the Hub: shown, not editable, and why.
        auto *address = dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress"));
        QVERIFY(address->isReadOnly());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("hubAddressProblem"))
                    ->text()
                    .contains(QLatin1String("--endpoint")));

        QVERIFY(signInWith(dialog, EmulatorFixture::writeToken()));
        // After sign-in the main area says what comes next, never "Sign in".
        QTRY_COMPARE_WITH_TIMEOUT(noticeText(), QStringLiteral("Select a repository on the left."),
                                  Slow);

        if (expectKeychain) {
            // The token really is in the keychain before signing out.
            hubgate::TokenStore store;
            QSignalSpy loaded(&store, &hubgate::TokenStore::loaded);
            QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                         store.load(hub->baseUrl());
                                         return loaded.wait(5000) &&
                                                loaded.takeLast().at(1).toString() ==
                                                    QString::fromLatin1(
                                                        EmulatorFixture::writeToken());
                                     }()),
                                     Slow);
        }
        Q_EMIT app->window()->signOutRequested();
        if (expectKeychain)
            QVERIFY2(noticeText().contains(QLatin1String("removed from the system keychain")),
                     qPrintable(noticeText()));
        else
            QVERIFY2(noticeText().contains(QLatin1String("never stored on disk")),
                     qPrintable(noticeText()));
        QVERIFY(!noticeText().contains(QLatin1String("Select a repository")));
    }

    void readTokenSaysWhatToDo()
    {
        AppOptions options;
        options.endpoint = hub->baseUrl().toString();
        start(options);
        SignInDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        QVERIFY(signInWith(dialog, EmulatorFixture::readToken()));
        QTRY_VERIFY_WITH_TIMEOUT(noticeText().contains(QLatin1String("read token")), Slow);
        QTRY_VERIFY_WITH_TIMEOUT(!app->window()
                                      ->repoBrowser()
                                      ->findChild<QLabel *>(QStringLiteral("repoCount"))
                                      ->text()
                                      .contains(QLatin1String("Loading")),
                                 Slow);
        QVERIFY2(noticeText().contains(QLatin1String("Sign in with a write token")),
                 qPrintable(noticeText()));
        QVERIFY(
            app->window()->findChild<QPushButton *>(QStringLiteral("noticeSignIn"))->isVisible());
    }

    void listFailureOffersRetry()
    {
        // Every list call is cut off (all retries too): nothing can be listed.
        QVERIFY(addFault(*hub, *nam, R"({"kind":"drop","path":"/api/models"})"));
        QVERIFY(addFault(*hub, *nam, R"({"kind":"drop","path":"/api/datasets"})"));
        AppOptions options;
        options.endpoint = hub->baseUrl().toString();
        start(options);
        SignInDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        QVERIFY(signInWith(dialog, EmulatorFixture::writeToken()));
        QTRY_VERIFY_WITH_TIMEOUT(noticeText().contains(QLatin1String("could not be listed")), Slow);
        auto *retry = app->window()->findChild<QPushButton *>(QStringLiteral("noticeRetry"));
        QVERIFY(retry && retry->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), nullptr); // said in the window, no box

        QVERIFY(clearFaults(*hub, *nam));
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(noticeText(), QStringLiteral("Select a repository on the left."),
                                  Slow);
    }

    void hubAddressCanBeChanged()
    {
        EmulatorFixture other;
        QSettings().setValue(QStringLiteral("hub/endpoint"), hub->baseUrl().toString());
        start({});
        SignInDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        auto *address = dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress"));
        QVERIFY(!address->isReadOnly());
        QCOMPARE(address->text(), hub->baseUrl().toDisplayString());

        // Sign in on the other Hub: the token is checked there, and the address is kept.
        typeInto(address, other.baseUrl().toString());
        QVERIFY(signInWith(dialog, EmulatorFixture::writeToken()));
        QTRY_COMPARE_WITH_TIMEOUT(noticeText(), QStringLiteral("Select a repository on the left."),
                                  Slow);
        QCOMPARE(QSettings().value(QStringLiteral("hub/endpoint")).toString(),
                 other.baseUrl().toString());
        QVERIFY(callCount(other, "GET /api/models") > 0);
        QCOMPARE(callCount(*hub, "GET /api/models"), 0);
        QCOMPARE(callCount(*hub, "GET /api/whoami-v2"), 0);

        // Back to the first Hub without a token: signed out there, and asked for its token.
        Q_EMIT app->window()->hubAddressRequested();
        dialog = waitForDialog();
        QVERIFY(dialog);
        address = dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress"));
        QCOMPARE(dialog->focusWidget(), address); // where the typing goes once it is active
        typeInto(address, hub->baseUrl().toString());
        QTRY_VERIFY_WITH_TIMEOUT(okButton(dialog)->isEnabled(), Slow);
        QVERIFY(okButton(dialog)->text().contains(QLatin1String("Use This Hub")));
        okButton(dialog)->click();
        QTRY_VERIFY_WITH_TIMEOUT(noticeText().contains(QLatin1String("Signed out of")), Slow);
        dialog = waitForDialog(); // no token stored for that one
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress"))->text(),
                 hub->baseUrl().toDisplayString());

        // And to the other Hub again: its stored token signs in without typing.
        const int checks = callCount(other, "GET /api/whoami-v2");
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress")),
                 other.baseUrl().toString());
        QTRY_VERIFY_WITH_TIMEOUT(okButton(dialog)->isEnabled(), Slow);
        okButton(dialog)->click();
        QTRY_COMPARE_WITH_TIMEOUT(noticeText(), QStringLiteral("Select a repository on the left."),
                                  Slow);
        QCOMPARE(callCount(other, "GET /api/whoami-v2"), checks + 1);
        QCOMPARE(app->signInDialog(), nullptr);
    }

    void environmentAddressWins()
    {
        EmulatorFixture other;
        QSettings().setValue(QStringLiteral("hub/endpoint"), hub->baseUrl().toString());
        qputenv("HF_ENDPOINT", other.baseUrl().toString().toUtf8());
        start({});
        SignInDialog *dialog = waitForDialog();
        QVERIFY(dialog);
        auto *address = dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress"));
        QCOMPARE(address->text(), other.baseUrl().toDisplayString());
        QVERIFY(address->isReadOnly());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("hubAddressProblem"))
                    ->text()
                    .contains(QLatin1String("HF_ENDPOINT")));
    }
};

QTEST_MAIN(TestUiFirstRun)
#include "tst_ui_firstrun.moc"
