// The sign-in dialog against the emulator: typing a token checks it live with whoami-v2, the
// Hub address can be changed (and is checked), and "session only" is said exactly when true.
#include "hubclienttest.h"

#include "auth/tokendiscovery.h"
#include "signin/signindialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QAction>
#include <QIcon>
#include <QTest>

#include <memory>

using namespace hubtest;
using hubgate::DiscoveredToken;
using hubgate::SignInDialog;
using testing::EmulatorFixture;

class TestUiSignIn : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<SignInDialog> dialog;

    QLineEdit *tokenEdit() const { return dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")); }
    QLabel *result() const { return dialog->findChild<QLabel *>(QStringLiteral("result")); }
    QLabel *warning() const { return dialog->findChild<QLabel *>(QStringLiteral("warning")); }
    QComboBox *found() const { return dialog->findChild<QComboBox *>(QStringLiteral("foundTokens")); }
    QPushButton *signIn() const
    {
        return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    bool open(const QList<DiscoveredToken> &tokens = {})
    {
        dialog = std::make_unique<SignInDialog>(nam.get(), hub->baseUrl(), tokens);
        dialog->show();
        return QTest::qWaitForWindowExposed(dialog.get()) && tokenEdit() && result() && warning() && signIn();
    }

    void type(const QByteArray &text)
    {
        tokenEdit()->setFocus();
        QTest::keyClick(tokenEdit(), Qt::Key_A, Qt::ControlModifier); // replace what is there
        QTest::keyClicks(tokenEdit(), QString::fromLatin1(text));
    }

    static int whoamiCalls(EmulatorFixture &hub) { return callCount(hub, "GET /api/whoami-v2"); }

    QLineEdit *hubAddress() const { return dialog->findChild<QLineEdit *>(QStringLiteral("hubAddress")); }
    QLabel *hubProblem() const { return dialog->findChild<QLabel *>(QStringLiteral("hubAddressProblem")); }
    QCheckBox *remember() const { return dialog->findChild<QCheckBox *>(QStringLiteral("rememberToken")); }
    QLabel *rememberNote() const { return dialog->findChild<QLabel *>(QStringLiteral("rememberNote")); }

    void typeAddress(const QString &text)
    {
        hubAddress()->setFocus();
        QTest::keyClick(hubAddress(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(hubAddress(), text);
    }

private Q_SLOTS:
    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
    }
    void cleanup()
    {
        dialog.reset();
        nam.reset();
        hub.reset();
    }

    void writeTokenShowsUserAndOrgs()
    {
        QVERIFY(open());
        QVERIFY(!signIn()->isEnabled());
        QCOMPARE(found(), nullptr); // nothing found: no combo
        type(EmulatorFixture::writeToken());
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        const QString text = result()->text();
        QVERIFY2(text.contains(QLatin1String("Mira Patel")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("mira-patel")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("nimbus-ai (admin)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("open-ocean-lab (write)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("role <b>write</b>")), qPrintable(text));
        QVERIFY(warning()->isHidden());
        QCOMPARE(dialog->token(), QString::fromLatin1(EmulatorFixture::writeToken()));
        QCOMPARE(dialog->account().name, QStringLiteral("mira-patel"));
        QCOMPARE(dialog->tokenSource(), QStringLiteral("pasted"));
        QCOMPARE(whoamiCalls(*hub), 1); // one check for 37 keystrokes
    }

    void theShowTokenButtonIsVisibleWithoutAnIconTheme()
    {
        QIcon::setThemeName(QString()); // as on a desktop without an icon theme
        QVERIFY(open());
        auto *reveal = dialog->findChild<QAction *>(QStringLiteral("revealToken"));
        QVERIFY(reveal);
        QVERIFY(!reveal->icon().isNull());
        QVERIFY(!reveal->icon().pixmap(16, 16).isNull());
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        reveal->trigger();
        QCOMPARE(edit->echoMode(), QLineEdit::Normal);
        QVERIFY(!reveal->icon().isNull());
    }

    void anUnreachableHubOffersRetry()
    {
        std::string error;
        auto rule = emu::FaultRule::parse("kind=status,status=503,path=/api/whoami-v2", &error);
        QVERIFY2(rule, error.c_str());
        hub->api().faults().add(*rule);
        QVERIFY(open());
        auto *retry = dialog->findChild<QPushButton *>(QStringLiteral("retryCheck"));
        QVERIFY(retry && retry->isHidden());
        type(EmulatorFixture::writeToken());
        QTRY_VERIFY_WITH_TIMEOUT(!retry->isHidden(), 30000);
        QVERIFY(!signIn()->isEnabled());
        hub->api().faults().clear(); // the Hub is back
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QVERIFY(retry->isHidden());
        QVERIFY(result()->text().contains(QLatin1String("mira-patel")));
    }

    void aRefusedTokenOffersNoRetry()
    {
        QVERIFY(open());
        type("hf_ThisIsNotAValidToken0000000000000000");
        QTRY_VERIFY_WITH_TIMEOUT(result()->text().contains(QLatin1String("invalid"), Qt::CaseInsensitive), 10000);
        QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("retryCheck"))->isHidden());
    }

    void readTokenShowsTheWarning()
    {
        QVERIFY(open());
        type(EmulatorFixture::readToken());
        QTRY_VERIFY_WITH_TIMEOUT(!warning()->isHidden(), 10000);
        QVERIFY2(warning()->text().contains(QLatin1String("read token")), qPrintable(warning()->text()));
        QVERIFY2(result()->text().contains(QLatin1String("role <b>read</b>")), qPrintable(result()->text()));
        QVERIFY(signIn()->isEnabled()); // allowed, with the warning
        QCOMPARE(dialog->token(), QString::fromLatin1(EmulatorFixture::readToken()));
    }

    void garbageTokenIsRefused()
    {
        QVERIFY(open());
        type("hf_garbage");
        // Before the check: it does not even look like a token.
        QVERIFY2(result()->text().contains(QLatin1String("does not look like")), qPrintable(result()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(result()->text().contains(QLatin1String("invalid or has expired")), 10000);
        QVERIFY(!signIn()->isEnabled());
        QVERIFY(dialog->token().isEmpty());
        QVERIFY(warning()->isHidden());
        QCOMPARE(whoamiCalls(*hub), 1); // a 401 is not retried
    }

    void clearingTheTokenWaitsAgain()
    {
        QVERIFY(open());
        type(EmulatorFixture::writeToken());
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QTest::keyClick(tokenEdit(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(tokenEdit(), Qt::Key_Backspace);
        QVERIFY(!signIn()->isEnabled());
        QVERIFY(dialog->token().isEmpty());
        QCOMPARE(result()->text(), QStringLiteral("Waiting for a token."));
    }

    void editingDropsTheStaleAnswer()
    {
        QVERIFY(open());
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":1500,\"path\":\"/api/whoami-v2\",\"times\":1}"));
        type(EmulatorFixture::writeToken());
        // The first check is on the wire (and slow)...
        QTRY_COMPARE_WITH_TIMEOUT(whoamiCalls(*hub), 1, 5000);
        QVERIFY(result()->text().contains(QLatin1String("Checking")));
        // ...when the person pastes another token.
        type(EmulatorFixture::readToken());
        QTRY_VERIFY_WITH_TIMEOUT(result()->text().contains(QLatin1String("role <b>read</b>")), 10000);
        QVERIFY(!warning()->isHidden());
        QCOMPARE(dialog->token(), QString::fromLatin1(EmulatorFixture::readToken()));
        QCOMPARE(whoamiCalls(*hub), 2);
        // The slow answer about the write token never takes over (it was due 1.5 s after the
        // first call).
        QVERIFY(!QTest::qWaitFor([this] { return result()->text().contains(QLatin1String("role <b>write</b>")); }, 2500));
        QCOMPARE(dialog->token(), QString::fromLatin1(EmulatorFixture::readToken()));
        QCOMPARE(dialog->account().tokenRole, QStringLiteral("read"));
        QVERIFY(!warning()->isHidden());
    }

    void foundTokensAreOfferedAndChecked()
    {
        const QList<DiscoveredToken> tokens{
            {QString::fromLatin1(EmulatorFixture::writeToken()), DiscoveredToken::Source::Environment,
             QStringLiteral("HF_TOKEN"), QString()},
            {QString::fromLatin1(EmulatorFixture::readToken()), DiscoveredToken::Source::TokenFile,
             QStringLiteral("/nonexistent/huggingface/token"), QString()}};
        QVERIFY(open(tokens));
        QComboBox *combo = found();
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        QVERIFY(combo->itemText(1).contains(hubgate::maskToken(tokens[0].token)));
        QVERIFY(combo->itemText(1).contains(hubgate::describeSource(tokens[0])));
        QVERIFY(combo->itemText(2).contains(hubgate::describeSource(tokens[1])));
        QVERIFY(!combo->itemText(1).contains(tokens[0].token)); // masked, never shown whole

        // The first found token is chosen and checked at once.
        QCOMPARE(combo->currentIndex(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QVERIFY(result()->text().contains(QLatin1String("role <b>write</b>")));
        QCOMPARE(dialog->tokenSource(), hubgate::describeSource(tokens[0]));
        QCOMPARE(tokenEdit()->text(), tokens[0].token);

        // Choosing the other one checks that one.
        combo->setCurrentIndex(2);
        QCOMPARE(tokenEdit()->text(), tokens[1].token);
        QVERIFY(!signIn()->isEnabled()); // until its check is back
        QTRY_VERIFY_WITH_TIMEOUT(result()->text().contains(QLatin1String("role <b>read</b>")), 10000);
        QVERIFY(!warning()->isHidden());
        QCOMPARE(dialog->token(), tokens[1].token);
        QCOMPARE(dialog->tokenSource(), hubgate::describeSource(tokens[1]));
        QCOMPARE(whoamiCalls(*hub), 2);

        // Typing over it makes it a pasted token again.
        type(EmulatorFixture::writeToken());
        QCOMPARE(combo->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(result()->text().contains(QLatin1String("role <b>write</b>")), 10000);
        QCOMPARE(dialog->tokenSource(), QStringLiteral("pasted"));
    }

    void sessionOnlyIsSaidExactlyWhenTrue()
    {
        QVERIFY(open());
        QVERIFY(remember() && rememberNote());
        // A keychain: ticked, and nothing says "session only".
        QVERIFY(remember()->isChecked());
        QVERIFY(remember()->isEnabled());
        QVERIFY(rememberNote()->isHidden());
        remember()->setFocus();
        QTest::keyClick(remember(), Qt::Key_Space);
        QVERIFY(!remember()->isChecked());
        QVERIFY(!rememberNote()->isHidden());
        QVERIFY2(rememberNote()->text().contains(QLatin1String("session only")), qPrintable(rememberNote()->text()));
        QVERIFY(!dialog->rememberToken());
        QTest::keyClick(remember(), Qt::Key_Space);
        QVERIFY(rememberNote()->isHidden());

        // No keychain: unticked, disabled, and the reason.
        dialog->setKeychainAvailable(false, QStringLiteral("No keychain is available on this system."));
        QVERIFY(!remember()->isChecked());
        QVERIFY(!remember()->isEnabled());
        QVERIFY(!rememberNote()->isHidden());
        QVERIFY2(rememberNote()->text().startsWith(QLatin1String("No keychain is available on this system.")),
                 qPrintable(rememberNote()->text()));
        QVERIFY(rememberNote()->text().contains(QLatin1String("never written to disk")));
        QVERIFY(!dialog->rememberToken());
    }

    void hubAddressCanBeChanged()
    {
        EmulatorFixture other;
        QVERIFY(open());
        QVERIFY(hubAddress());
        QCOMPARE(hubAddress()->text(), hub->baseUrl().toDisplayString());
        type(EmulatorFixture::writeToken());
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QCOMPARE(whoamiCalls(*hub), 1);
        QVERIFY(!dialog->endpointChanged());

        // A refused address: the reason next to the field, no sign-in.
        typeAddress(QStringLiteral("http://hub.example.org"));
        QTRY_VERIFY_WITH_TIMEOUT(!hubProblem()->isHidden(), 5000);
        QVERIFY2(hubProblem()->text().contains(QLatin1String("plain http")), qPrintable(hubProblem()->text()));
        QVERIFY(!signIn()->isEnabled());

        // Another Hub: the same token is checked there.
        typeAddress(other.baseUrl().toString() + QStringLiteral("/"));
        QTRY_COMPARE_WITH_TIMEOUT(whoamiCalls(other), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QVERIFY(hubProblem()->isHidden());
        QCOMPARE(dialog->endpoint(), other.baseUrl());
        QVERIFY(dialog->endpointChanged());
        QCOMPARE(dialog->token(), QString::fromLatin1(EmulatorFixture::writeToken()));
        QCOMPARE(whoamiCalls(*hub), 1);

        // No token: the button goes to that Hub, whose stored token the app then loads.
        QTest::keyClick(tokenEdit(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(tokenEdit(), Qt::Key_Backspace);
        QVERIFY(signIn()->isEnabled());
        QVERIFY2(signIn()->text().contains(QLatin1String("Use This Hub")), qPrintable(signIn()->text()));
    }

    void lockedAddressSaysWhy()
    {
        QVERIFY(open());
        dialog->setEndpointLocked(QStringLiteral("Set by the HF_ENDPOINT environment variable: unset it to choose the Hub here."));
        QVERIFY(hubAddress()->isReadOnly());
        QVERIFY(!hubProblem()->isHidden());
        QVERIFY(hubProblem()->text().contains(QLatin1String("HF_ENDPOINT")));
        type(EmulatorFixture::writeToken());
        QTRY_VERIFY_WITH_TIMEOUT(signIn()->isEnabled(), 10000);
        QVERIFY(!dialog->endpointChanged());
    }
};

QTEST_MAIN(TestUiSignIn)
#include "tst_ui_signin.moc"
