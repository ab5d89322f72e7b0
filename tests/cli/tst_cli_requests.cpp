// `hubgate requests` run as the real program, without a display, against the in-process emulator:
// the table and the JSON Lines are compared with the emulator's own state, and every way it can
// fail (no token, a refused token, an unknown repo) ends with one sentence and the right status.
#include "auth/tokenstore.h"
#include "clitestutil.h"
#include "emulatorfixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using clitest::Run;
using clitest::runHubgate;
using hubgate::TokenStore;
using testing::EmulatorFixture;

namespace {

const QString PoetryCorpus = QStringLiteral("datasets/mira-patel/poetry-corpus");
const QString GarbageToken = QStringLiteral("hf_NotARealToken0000000000000000000000");

QString utcIso(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString utcMinutes(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// A table row cut at the header's column starts.
QStringList cells(const QString &row, const QList<qsizetype> &starts)
{
    QStringList result;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const qsizetype end = i + 1 < starts.size() ? starts[i + 1] : row.size();
        result << row.mid(starts[i], end - starts[i]).trimmed();
    }
    return result;
}

} // namespace

class TstCliRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tableMatchesTheEmulator();
    void jsonLinesMatchTheEmulator();
    void statusFilter_data();
    void statusFilter();
    void modelWithoutPrefix();
    void unknownRepoIsNamed();
    void forbiddenRepoIsNamed();
    void noTokenAtAll();
    void tokenFileIsTheLastResort();
    void garbageTokenIsInvalid();
    void endpointOrder();
    void keychainEntryIsUsed();

private:
    // Runs hubgate and checks, whatever the outcome, that no token of the run was printed.
    Run run(const QStringList &arguments, int timeoutMs = 60000);
    QStringList requests(const QStringList &more = {}) const;
    emu::Repo &repo(emu::RepoType type, const char *ns, const char *name);
    QString userName(const std::string &id);
    qint64 callsTo(const QString &pathPart);

    std::unique_ptr<EmulatorFixture> m_hub;
    std::unique_ptr<clitest::Sandbox> m_sandbox;
    QNetworkAccessManager m_nam;
};

void TstCliRequests::initTestCase()
{
    m_hub = std::make_unique<EmulatorFixture>();
}

void TstCliRequests::init()
{
    m_sandbox = std::make_unique<clitest::Sandbox>();
    QVERIFY(m_sandbox->isValid());
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(EmulatorFixture::writeToken()));
}

Run TstCliRequests::run(const QStringList &arguments, int timeoutMs)
{
    const Run result = runHubgate(arguments, m_sandbox->env(), timeoutMs);
    if (!result.finished)
        QTest::qFail("hubgate did not finish", __FILE__, __LINE__);
    const QStringList secrets{QString::fromLatin1(EmulatorFixture::writeToken()),
                              QString::fromLatin1(EmulatorFixture::readToken()), GarbageToken};
    for (const QString &secret : secrets) {
        if (result.out.contains(secret) || result.err.contains(secret))
            QTest::qFail("hubgate printed a token", __FILE__, __LINE__);
    }
    return result;
}

QStringList TstCliRequests::requests(const QStringList &more) const
{
    return QStringList{QStringLiteral("requests"), QStringLiteral("--endpoint"), m_hub->baseUrl().toString()} + more;
}

emu::Repo &TstCliRequests::repo(emu::RepoType type, const char *ns, const char *name)
{
    emu::Repo *found = m_hub->api().state().repo(type, ns, name);
    if (!found)
        qFatal("the demo seed has no %s/%s", ns, name);
    return *found;
}

QString TstCliRequests::userName(const std::string &id)
{
    const emu::User *user = m_hub->api().state().userById(id);
    return user ? QString::fromStdString(user->name) : QString();
}

qint64 TstCliRequests::callsTo(const QString &pathPart)
{
    const testing::Reply reply = testing::send(m_nam, "GET", m_hub->url(QStringLiteral("/_emulator/stats")));
    const QJsonObject calls = QJsonDocument::fromJson(reply.body).object().value(QLatin1String("calls")).toObject();
    qint64 total = 0;
    for (auto it = calls.begin(); it != calls.end(); ++it)
        if (it.key().contains(pathPart))
            total += it.value().toInteger();
    return total;
}

void TstCliRequests::tableMatchesTheEmulator()
{
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus}));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.err, QString()); // no terminal: no progress, no summary

    const emu::Repo &corpus = repo(emu::RepoType::Dataset, "mira-patel", "poetry-corpus");
    const QStringList lines = result.outLines();
    QCOMPARE(lines.size(), qsizetype(corpus.requests().size()) + 1);

    // The header: fixed columns, then the gate form's fields in form order.
    const QStringList names{QStringLiteral("User"), QStringLiteral("Full name"), QStringLiteral("E-mail"),
                            QStringLiteral("Status"), QStringLiteral("Requested (UTC)"),
                            QStringLiteral("Reviewed (UTC)"), QStringLiteral("Name"), QStringLiteral("Country"),
                            QStringLiteral("Start date")};
    QList<qsizetype> starts;
    for (const QString &name : names) {
        starts << lines.first().indexOf(name, starts.isEmpty() ? 0 : starts.last() + 1);
        QVERIFY2(starts.last() >= 0, qPrintable(name));
    }
    QCOMPARE(cells(lines.first(), starts), names);

    // Every row is one request of the emulator, with the same user, status, times and answers.
    QHash<QString, const emu::AccessRequest *> expected;
    for (const emu::AccessRequest &request : corpus.requests())
        expected.insert(userName(request.userId), &request);
    QSet<QString> seen;
    QStringList statusOrder;
    for (const QString &line : lines.mid(1)) {
        const QStringList row = cells(line, starts);
        const emu::AccessRequest *request = expected.value(row.at(0));
        QVERIFY2(request, qPrintable(line));
        QVERIFY2(!seen.contains(row.at(0)), qPrintable(line));
        seen.insert(row.at(0));
        const emu::User *user = m_hub->api().state().userById(request->userId);
        QCOMPARE(row.at(1), QString::fromStdString(user->fullname));
        QCOMPARE(row.at(2), QString::fromStdString(user->email));
        QCOMPARE(row.at(3), QString::fromStdString(request->status));
        QCOMPARE(row.at(4), utcMinutes(request->timestampMs));
        QCOMPARE(row.at(5), request->reviewedAtMs ? utcMinutes(request->reviewedAtMs) : QString());
        for (int field = 6; field < names.size(); ++field) {
            const auto answer = request->fields.find(names.at(field).toStdString());
            QCOMPARE(row.at(field), answer == request->fields.end() ? QString() : QString::fromStdString(answer->second));
        }
        if (statusOrder.isEmpty() || statusOrder.constLast() != row.at(3))
            statusOrder << row.at(3);
    }
    // Grouped by status, in the app's order.
    QCOMPARE(statusOrder, (QStringList{QStringLiteral("pending"), QStringLiteral("accepted"), QStringLiteral("rejected")}));
    // The seeded request is there as the seed says.
    const int tomasz = int(lines.indexOf(QRegularExpression(QStringLiteral("tomasz-nowak .*")))); // whole line
    QVERIFY(tomasz > 0);
    QCOMPARE(cells(lines.at(tomasz), starts).mid(3),
             (QStringList{QStringLiteral("rejected"), QStringLiteral("2026-09-01 08:00"), QStringLiteral("2026-09-02 08:00"),
                          QStringLiteral("Tomasz Nowak"), QStringLiteral("PL"), QStringLiteral("2026-10-01")}));
}

void TstCliRequests::jsonLinesMatchTheEmulator()
{
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--json")}));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.err, QString());

    const emu::Repo &corpus = repo(emu::RepoType::Dataset, "mira-patel", "poetry-corpus");
    const QStringList lines = result.outLines();
    QCOMPARE(lines.size(), qsizetype(corpus.requests().size()));
    QCOMPARE(result.out.count(u'\n'), lines.size()); // one object per line, nothing else

    QHash<QString, const emu::AccessRequest *> expected;
    for (const emu::AccessRequest &request : corpus.requests())
        expected.insert(userName(request.userId), &request);
    const QStringList keys{QStringLiteral("avatarUrl"), QStringLiteral("email"), QStringLiteral("fields"),
                           QStringLiteral("fullname"), QStringLiteral("grantedBy"), QStringLiteral("isPro"),
                           QStringLiteral("reviewedAt"), QStringLiteral("status"), QStringLiteral("timestamp"),
                           QStringLiteral("user"), QStringLiteral("userId")};
    QSet<QString> seen;
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(document.isObject(), qPrintable(error.errorString() + QStringLiteral(": ") + line));
        const QJsonObject object = document.object();
        QCOMPARE(object.keys(), keys);
        const QString name = object.value(QLatin1String("user")).toString();
        const emu::AccessRequest *request = expected.value(name);
        QVERIFY2(request && !seen.contains(name), qPrintable(line));
        seen.insert(name);
        const emu::User *user = m_hub->api().state().userById(request->userId);
        QCOMPARE(object.value(QLatin1String("userId")).toString(), QString::fromStdString(user->id));
        QCOMPARE(object.value(QLatin1String("fullname")).toString(), QString::fromStdString(user->fullname));
        if (user->email.empty())
            QVERIFY(object.value(QLatin1String("email")).isNull());
        else
            QCOMPARE(object.value(QLatin1String("email")).toString(), QString::fromStdString(user->email));
        QVERIFY(!object.value(QLatin1String("avatarUrl")).toString().isEmpty());
        QCOMPARE(object.value(QLatin1String("isPro")).toBool(), user->isPro);
        QCOMPARE(object.value(QLatin1String("status")).toString(), QString::fromStdString(request->status));
        QCOMPARE(object.value(QLatin1String("timestamp")).toString(), utcIso(request->timestampMs));
        if (request->reviewedAtMs)
            QCOMPARE(object.value(QLatin1String("reviewedAt")).toString(), utcIso(request->reviewedAtMs));
        else
            QVERIFY(object.value(QLatin1String("reviewedAt")).isNull());
        if (request->grantedById.empty())
            QVERIFY(object.value(QLatin1String("grantedBy")).isNull());
        else
            QCOMPARE(object.value(QLatin1String("grantedBy")).toString(), userName(request->grantedById));
        QJsonObject fields;
        for (const auto &[key, value] : request->fields)
            fields.insert(QString::fromStdString(key), QString::fromStdString(value));
        QCOMPARE(object.value(QLatin1String("fields")).toObject(), fields);
    }
    QCOMPARE(seen.size(), expected.size());
}

void TstCliRequests::statusFilter_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("json");
    for (const char *status : {"pending", "accepted", "rejected"}) {
        QTest::addRow("%s table", status) << QString::fromLatin1(status) << false;
        QTest::addRow("%s json", status) << QString::fromLatin1(status) << true;
    }
}

void TstCliRequests::statusFilter()
{
    QFETCH(QString, status);
    QFETCH(bool, json);
    QStringList arguments = requests({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--status"), status});
    if (json)
        arguments << QStringLiteral("--json");
    const Run result = run(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    QSet<QString> expected;
    for (const emu::AccessRequest &request : repo(emu::RepoType::Dataset, "mira-patel", "poetry-corpus").requests())
        if (QString::fromStdString(request.status) == status)
            expected.insert(userName(request.userId));
    QVERIFY(!expected.isEmpty());

    QStringList lines = result.outLines();
    if (!json)
        QVERIFY(lines.takeFirst().startsWith(QLatin1String("User ")));
    QCOMPARE(lines.size(), expected.size());
    QSet<QString> users;
    for (const QString &line : std::as_const(lines)) {
        if (json) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            QCOMPARE(object.value(QLatin1String("status")).toString(), status);
            users.insert(object.value(QLatin1String("user")).toString());
        } else {
            QVERIFY2(line.contains(QStringLiteral("  ") + status + QStringLiteral("  ")), qPrintable(line));
            users.insert(line.section(u' ', 0, 0));
        }
    }
    QCOMPARE(users, expected);
}

void TstCliRequests::modelWithoutPrefix()
{
    const Run result = run(requests({QStringLiteral("--repo"), QStringLiteral("nimbus-ai/nimbus-7b-instruct"),
                                     QStringLiteral("--json")}));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.outLines().size(), qsizetype(repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b-instruct").requests().size()));
}

void TstCliRequests::unknownRepoIsNamed()
{
    const Run result = run(requests({QStringLiteral("--repo"), QStringLiteral("nimbus-ai/no-such-model")}));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("hubgate: Could not list the access requests of nimbus-ai/no-such-model: ")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("does not exist")), qPrintable(result.err));
    QCOMPARE(result.err.count(u'\n'), 1);
}

void TstCliRequests::forbiddenRepoIsNamed()
{
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(EmulatorFixture::readToken()));
    const Run result = run(requests({QStringLiteral("--repo"), QStringLiteral("nimbus-ai/nimbus-7b")}));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QLatin1String("hubgate: Could not list the access requests of nimbus-ai/nimbus-7b: ")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("not allowed")) && result.err.contains(QLatin1String("HF_TOKEN")),
             qPrintable(result.err));
}

void TstCliRequests::noTokenAtAll()
{
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString()); // set but empty; HF_HOME is empty; no D-Bus
    const qint64 before = callsTo(QStringLiteral("/api/"));
    QElapsedTimer timer;
    timer.start();
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus}));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(timer.elapsed() < 5000, "a missing keychain must not keep the command waiting");
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, QStringLiteral("hubgate: No Hub token was found for 127.0.0.1: set HF_TOKEN, log in with "
                                        "“hf auth login”, or sign in once in the HubGate window.\n"));
    QCOMPARE(callsTo(QStringLiteral("/api/")), before); // nothing was asked without a token
}

void TstCliRequests::tokenFileIsTheLastResort()
{
    m_sandbox->unset(QStringLiteral("HF_TOKEN"));
    QFile file(m_sandbox->path() + QStringLiteral("/hf/token"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(EmulatorFixture::writeToken() + '\n');
    file.close();
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--status"),
                                     QStringLiteral("rejected"), QStringLiteral("--json")}));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(QLatin1String("\"user\":\"tomasz-nowak\"")));
}

void TstCliRequests::garbageTokenIsInvalid()
{
    m_sandbox->set(QStringLiteral("HF_TOKEN"), GarbageToken);
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus}));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(QStringLiteral("hubgate: Could not list the access requests of %1: ").arg(PoetryCorpus)),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QLatin1String("invalid")) &&
                 result.err.contains(QLatin1String("from the HF_TOKEN environment variable")),
             qPrintable(result.err));
    QCOMPARE(result.err.count(u'\n'), 1); // three lists failed alike: said once
}

// --endpoint, then HF_ENDPOINT, then the app's saved preference.
void TstCliRequests::endpointOrder()
{
    const QString hub = m_hub->baseUrl().toString();
    const QString dead = hub + QStringLiteral("/elsewhere"); // a Hub that knows no repo: a quick 404
    const QStringList tail{QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--status"), QStringLiteral("rejected")};
    const QStringList withoutOption = QStringList{QStringLiteral("requests")} + tail;

    {
        QSettings preferences(m_sandbox->path() + QStringLiteral("/config/HubGate/HubGate.conf"), QSettings::IniFormat);
        preferences.setValue(QStringLiteral("hub/endpoint"), hub);
    }
    Run result = run(withoutOption);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe())); // the preference

    m_sandbox->set(QStringLiteral("HF_ENDPOINT"), dead);
    result = run(withoutOption);
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe())); // HF_ENDPOINT before the preference
    QVERIFY2(result.err.contains(QLatin1String("Could not list")), qPrintable(result.err));

    result = run(requests(tail));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe())); // --endpoint before HF_ENDPOINT

    m_sandbox->set(QStringLiteral("HF_ENDPOINT"), hub);
    QSettings(m_sandbox->path() + QStringLiteral("/config/HubGate/HubGate.conf"), QSettings::IniFormat)
        .setValue(QStringLiteral("hub/endpoint"), dead);
    result = run(withoutOption);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe())); // HF_ENDPOINT alone
}

// ctest runs this one again in a private D-Bus session with a real gnome-keyring
// (HUBGATE_EXPECT_KEYCHAIN=1): the entry the app's TokenStore saves is what the command uses.
void TstCliRequests::keychainEntryIsUsed()
{
    if (qEnvironmentVariableIntValue("HUBGATE_EXPECT_KEYCHAIN") != 1)
        QSKIP("needs a keychain: run through tests/auth/with-private-keyring.sh");
    TokenStore store;
    QSignalSpy saved(&store, &TokenStore::saved);
    store.save(m_hub->baseUrl(), QString::fromLatin1(EmulatorFixture::writeToken()));
    QVERIFY(saved.wait(20000));
    QVERIFY2(saved.at(0).at(1).toBool(), "the token did not reach the keychain");

    m_sandbox->unset(QStringLiteral("HF_TOKEN"));
    m_sandbox->set(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    const Run result = run(requests({QStringLiteral("--repo"), PoetryCorpus, QStringLiteral("--status"),
                                     QStringLiteral("rejected"), QStringLiteral("--json")}));

    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(m_hub->baseUrl());
    QVERIFY(removed.wait(20000));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(QLatin1String("\"user\":\"tomasz-nowak\"")));
}

QTEST_GUILESS_MAIN(TstCliRequests)
#include "tst_cli_requests.moc"
