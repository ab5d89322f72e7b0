#pragma once
// The Publishers page and CI/CD access window against the in-process emulator: a client signed in
// as mira-patel, the emulator's test issuer accepted, ID tokens minted by it, and the page driven
// the way a user does (the Add dialog's fields, its buttons, the debugger's buttons).

#include "emulatorfixture.h"
#include "hubclienttest.h"

#include "hub/hubclient.h"
#include "publishers/publisherdialog.h"
#include "publishers/publisherlistmodel.h"
#include "publishers/publisherspage.h"
#include "publishers/publisherspanel.h"
#include "publishers/publishervalidation.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace pubuitest {

inline QString withoutSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

struct Session
{
    testing::EmulatorFixture hub;
    QNetworkAccessManager nam;
    hubgate::HubClient client{&nam, hub.baseUrl()};

    Session()
    {
        client.setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        client.setRetryPolicy(hubtest::fastPolicy());
        // ID tokens name this server as their audience, as they would name the real Hub.
        control("PUT", QStringLiteral("/_emulator/oidc"), emu::Json{{"hubUrl", hubUrl().toStdString()}});
        hubgate::setTestIssuer(issuer());
    }
    ~Session() { hubgate::setTestIssuer({}); }

    QString hubUrl() const { return withoutSlash(hub.baseUrl().toString()); }
    QString issuer() const { return hubUrl() + QStringLiteral("/oidc-test"); }

    testing::Reply control(const QByteArray &method, const QString &path, const emu::Json &body,
                           const QByteArray &token = {})
    {
        return testing::send(nam, method, hub.url(path), token, QByteArray::fromStdString(body.dump()));
    }

    // A token of the test issuer with these claims (iss, aud, iat, nbf, exp filled in unless given).
    QString mint(const emu::Json &claims, emu::Json options = emu::Json::object())
    {
        options["claims"] = claims;
        const testing::Reply reply = control("POST", QStringLiteral("/oidc-test/mint"), options);
        if (reply.status != 200)
            qFatal("mint failed: %s", reply.body.constData());
        return QString::fromStdString(reply.json()["token"].get<std::string>());
    }

    testing::Reply commit(const QString &repoPath, const QByteArray &token)
    {
        const emu::Json body{{"summary", "Publish checkpoint"},
                             {"files", emu::Json::array({emu::Json{{"path", "checkpoint.txt"}, {"content", "step 1000"}}})}};
        return control("POST", QStringLiteral("/api/") + repoPath + QStringLiteral("/commit/main"), body, token);
    }
};

inline hubgate::RepoContext repoContext(const QString &id, hubgate::RepoKind kind = hubgate::RepoKind::Model)
{
    hubgate::RepoContext context;
    context.repo.kind = kind;
    context.repo.id = id;
    context.userName = QStringLiteral("mira-patel");
    return context;
}

// Types into a field as a user would, replacing what it holds.
inline void typeInto(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// A GitHub Actions ID token's claims, shaped like the example in GitHub's OIDC documentation.
inline emu::Json githubClaims(const std::string &branch = "main")
{
    return emu::Json{{"sub", "repo:nimbus-ai/nimbus-training:ref:refs/heads/" + branch},
                     {"ref", "refs/heads/" + branch},
                     {"sha", "a1b2c3d4"},
                     {"repository", "nimbus-ai/nimbus-training"},
                     {"repository_owner", "nimbus-ai"},
                     {"repository_visibility", "private"},
                     {"run_id", "5123"},
                     {"actor", "octocat"},
                     {"workflow", "Publish to Hugging Face"},
                     {"workflow_ref", "nimbus-ai/nimbus-training/.github/workflows/publish.yml@refs/heads/" + branch},
                     {"event_name", "push"},
                     {"ref_type", "branch"}};
}

// Loads the panel's list and waits for it.
inline bool waitLoaded(hubgate::PublishersPanel *panel)
{
    QSignalSpy loaded(panel, &hubgate::PublishersPanel::loaded);
    if (!panel->isLoading())
        panel->load();
    return loaded.wait(20000) && loaded.first().first().toBool();
}

// Fills and sends the Add dialog; true when the Hub took the publisher.
inline bool addThroughDialog(hubgate::PublishersPanel *panel, hubgate::PublisherProvider provider,
                             const QString &issuer, const QList<QPair<QString, QString>> &claims)
{
    panel->addButton()->click();
    hubgate::PublisherDialog *dialog = panel->addDialog();
    if (!dialog || !dialog->isVisible())
        return false;
    dialog->setProvider(provider);
    typeInto(dialog->issuerEdit(), issuer);
    for (const auto &claim : claims) {
        if (QLineEdit *edit = dialog->claimEdit(claim.first))
            typeInto(edit, claim.second);
        else if (dialog->rawClaimsEdit())
            dialog->rawClaimsEdit()->appendPlainText(claim.first + QLatin1Char('=') + claim.second);
    }
    QSignalSpy changed(panel, &hubgate::PublishersPanel::changed);
    QTest::mouseClick(dialog->submitButton(), Qt::LeftButton);
    // Kept locally, the answer is immediate; from the Hub it comes later.
    return (!changed.isEmpty() || changed.wait(20000)) && changed.first().first().toBool();
}

} // namespace pubuitest
