// The requester's side (ask-access) and the user access report.
#include "emulatortest.h"

using namespace emutest;

namespace {

// Answers to tiny-poet's form (auto-accepted repo).
Json tinyPoetAnswers()
{
    return Json{{"Company", "Seoul National University"},
                {"Country", "KR"},
                {"I want to use this model for", "other"}, // the value of {label: Other, value: other}
                {"I agree to use this model for non-commercial use ONLY", true}};
}

// Answers to nimbus-7b's form (manually reviewed repo).
Json nimbusAnswers()
{
    return Json{{"Full name", "Yuki Tanaka"},
                {"Affiliation", "Kyoto University"},
                {"Job title", "Researcher"},
                {"Country", "JP"},
                {"Date of birth", "1990-05-17"},
                {"Intended use", "Research"},
                {"I agree to the license terms", "on"},
                {"I will not use Nimbus-7B to develop weapons", "on"}};
}

} // namespace

class TestEmulatorRequester : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    // ---- ask-access ----

    void autoRepoAccepts()
    {
        QVERIFY(!hub->request("mira-patel/tiny-poet", "grace-kim"));
        const Reply reply = hub->post("/mira-patel/tiny-poet/ask-access", tinyPoetAnswers(),
                                      EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 303);
        QCOMPARE(header(reply, "Location"), hub->base() + "/mira-patel/tiny-poet");
        const emu::AccessRequest *request = hub->request("mira-patel/tiny-poet", "grace-kim");
        QVERIFY(request);
        QCOMPARE(request->status, std::string("accepted"));
        QVERIFY(request->reviewedAtMs > 0);
        const std::map<std::string, std::string> stored{
            {"Company", "Seoul National University"},
            {"Country", "KR"},
            {"I want to use this model for", "other"},
            {"I agree to use this model for non-commercial use ONLY", "on"}};
        QCOMPARE(request->fields, stored);
    }

    void manualRepoPending()
    {
        const std::size_t count = hub->repo("nimbus-ai/nimbus-7b").requests().size();
        const Reply reply = hub->post("/nimbus-ai/nimbus-7b/ask-access", nimbusAnswers(), yukiToken());
        QCOMPARE(reply.status, 303);
        QCOMPARE(header(reply, "Location"), hub->base() + "/nimbus-ai/nimbus-7b");
        const emu::AccessRequest *request = hub->request("nimbus-ai/nimbus-7b", "yuki-tanaka");
        QVERIFY(request);
        QCOMPARE(request->status, std::string("pending"));
        QCOMPARE(request->reviewedAtMs, std::int64_t(0));
        std::map<std::string, std::string> sent;
        const Json answers = nimbusAnswers(); // a named object: items() does not own it
        for (const auto &[key, value] : answers.items())
            sent[key] = value;
        QCOMPARE(request->fields, sent);

        // Asking again while pending changes nothing and still redirects.
        const Reply again = hub->post("/nimbus-ai/nimbus-7b/ask-access", nimbusAnswers(), yukiToken());
        QCOMPARE(again.status, 303);
        QCOMPARE(hub->repo("nimbus-ai/nimbus-7b").requests().size(), count + 1);
    }

    void datasetPath()
    {
        const Json answers{{"Institution", "Kyoto University"}, {"Research project", "Coral health"}};
        const Reply reply = hub->post("/datasets/open-ocean-lab/reef-sounds/ask-access", answers, yukiToken());
        QCOMPARE(reply.status, 303);
        QCOMPARE(header(reply, "Location"), hub->base() + "/datasets/open-ocean-lab/reef-sounds");
        const emu::AccessRequest *request =
            hub->request("open-ocean-lab/reef-sounds", "yuki-tanaka", emu::RepoType::Dataset);
        QVERIFY(request);
        QCOMPARE(request->status, std::string("pending"));
        QVERIFY(!request->fields.count("I will cite the dataset")); // unticked box: not stored
    }

    void rejectedUserCannotAskAgain()
    {
        // tomasz-nowak was rejected on poetry-corpus in the seed.
        const emu::AccessRequest *before =
            hub->request("mira-patel/poetry-corpus", "tomasz-nowak", emu::RepoType::Dataset);
        QCOMPARE(before->status, std::string("rejected"));
        const Json answers{{"Name", "Tomasz Nowak"}, {"Country", "PL"}, {"Start date", "2026-10-01"}};
        const Reply reply = hub->post("/datasets/mira-patel/poetry-corpus/ask-access", answers, tomaszToken());
        QCOMPARE(reply.status, 403);
        QVERIFY(reply.json()["error"].is_string());
        QCOMPARE(before->status, std::string("rejected"));

        // Someone rejected through the API is refused the same way.
        QCOMPARE(hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                           Json{{"user", "grace-kim"}, {"status", "rejected"}}, EmulatorFixture::writeToken()).status,
                 200);
        QCOMPARE(hub->post("/nimbus-ai/nimbus-7b/ask-access", nimbusAnswers(), EmulatorFixture::requesterToken()).status,
                 403);
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->status, std::string("rejected"));
    }

    void askRefusals_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("drop");   // a form answer to leave out
        QTest::addColumn<QString>("field");  // a form answer to replace ...
        QTest::addColumn<QString>("value");  // ... with this
        QTest::addColumn<int>("status");
        const QString nimbus = QStringLiteral("/nimbus-ai/nimbus-7b/ask-access");
        const QByteArray yuki = yukiToken();
        QTest::newRow("anonymous") << QByteArray() << nimbus << QString() << QString() << QString() << 401;
        QTest::newRow("missing text field") << yuki << nimbus << QStringLiteral("Affiliation") << QString() << QString() << 400;
        QTest::newRow("empty text field") << yuki << nimbus << QString() << QStringLiteral("Full name") << QString() << 400;
        QTest::newRow("country name") << yuki << nimbus << QString() << QStringLiteral("Country") << QStringLiteral("Japan") << 400;
        QTest::newRow("lower-case code") << yuki << nimbus << QString() << QStringLiteral("Country") << QStringLiteral("jp") << 400;
        QTest::newRow("unassigned code") << yuki << nimbus << QString() << QStringLiteral("Country") << QStringLiteral("XX") << 400;
        QTest::newRow("date format") << yuki << nimbus << QString() << QStringLiteral("Date of birth") << QStringLiteral("17/05/1990") << 400;
        QTest::newRow("impossible date") << yuki << nimbus << QString() << QStringLiteral("Date of birth") << QStringLiteral("1990-02-30") << 400;
        QTest::newRow("select label instead of value")
            << yuki << nimbus << QString() << QStringLiteral("Intended use") << QStringLiteral("Other") << 400;
        QTest::newRow("select unknown") << yuki << nimbus << QString() << QStringLiteral("Intended use") << QStringLiteral("Fun") << 400;
        QTest::newRow("not gated") << yuki << QStringLiteral("/mira-patel/sketch-diffusion/ask-access") << QString() << QString() << QString() << 400;
        QTest::newRow("private repo of someone else")
            << yuki << QStringLiteral("/leo-hartmann/private-notes/ask-access") << QString() << QString() << QString() << 404;
    }
    void askRefusals()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, path);
        QFETCH(QString, drop);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, status);
        Json answers = nimbusAnswers();
        if (!drop.isEmpty())
            answers.erase(drop.toStdString());
        if (!field.isEmpty())
            answers[field.toStdString()] = value.toStdString();
        const auto before = digest(hub->state());
        const Reply reply = hub->post(path.toStdString(), answers, token);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_string());
        if (!field.isEmpty() || !drop.isEmpty()) // the message names the field
            QVERIFY(reply.json()["error"].get<std::string>().find(QString(field + drop).toStdString()) != std::string::npos);
        QVERIFY(digest(hub->state()) == before);
    }

    void validAnswerVariants()
    {
        // A date on 29 February of a leap year and a plain-string select option.
        Json answers = nimbusAnswers();
        answers["Date of birth"] = "1996-02-29";
        answers["Intended use"] = "Commercial product";
        QCOMPARE(hub->post("/nimbus-ai/nimbus-7b/ask-access", answers, yukiToken()).status, 303);
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "yuki-tanaka")->fields.at("Date of birth"),
                 std::string("1996-02-29"));
    }

    // ---- user access report ----

    void report_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("repoId");
        QTest::addColumn<bool>("dataset");
        QTest::newRow("model") << QStringLiteral("/nimbus-ai/nimbus-7b/user-access-report") << QStringLiteral("nimbus-ai/nimbus-7b") << false;
        QTest::newRow("dataset") << QStringLiteral("/datasets/mira-patel/poetry-corpus/user-access-report")
                                 << QStringLiteral("mira-patel/poetry-corpus") << true;
    }
    void report()
    {
        QFETCH(QString, path);
        QFETCH(QString, repoId);
        QFETCH(bool, dataset);
        const Reply reply = hub->get(path.toStdString(), EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        const std::string disposition = header(reply, "Content-Disposition");
        QVERIFY2(disposition.rfind("attachment;", 0) == 0, disposition.c_str());
        QVERIFY(disposition.find("filename=") != std::string::npos);

        const emu::Repo &repo = hub->repo(repoId.toStdString(), dataset ? emu::RepoType::Dataset : emu::RepoType::Model);
        Json entries = reply.json();
        QCOMPARE(entries.size(), repo.requests().size()); // one per request
        int pending = 0, reviewed = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const emu::AccessRequest &request = repo.requests()[i];
            const emu::User *user = hub->state().userById(request.userId);
            Json &entry = entries[i];
            JCOMPARE(entry["user"], user->name);
            JCOMPARE(entry["fullname"], user->fullname);
            JCOMPARE(entry["status"], request.status);
            JCOMPARE(entry["time"], emu::isoTime(request.timestampMs));
            QCOMPARE(entry.contains("email"), !user->email.empty());
            if (!user->email.empty())
                JCOMPARE(entry["email"], user->email);
            if (request.status == "pending") {
                ++pending;
                QVERIFY(!entry.contains("reviewedAt"));
            } else if (request.reviewedAtMs) {
                ++reviewed;
                JCOMPARE(entry["reviewedAt"], emu::isoTime(request.reviewedAtMs));
            }
        }
        QVERIFY(pending > 0 && reviewed > 0); // both cases were checked
    }

    void reportAfterReview()
    {
        // Accepting grace-kim moves her report entry from pending to accepted with a review time.
        QCOMPARE(hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                           Json{{"user", "grace-kim"}, {"status", "accepted"}}, EmulatorFixture::writeToken()).status,
                 200);
        Json report = hub->get("/nimbus-ai/nimbus-7b/user-access-report", EmulatorFixture::writeToken()).json();
        for (auto &entry : report) {
            if (entry["user"] != "grace-kim")
                continue;
            JCOMPARE(entry["status"], "accepted");
            JCOMPARE(entry["reviewedAt"], emu::isoTime(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->reviewedAtMs));
            return;
        }
        QFAIL("grace-kim is missing from the report");
    }

    void reportRefusals()
    {
        const std::string path = "/nimbus-ai/nimbus-7b/user-access-report";
        QCOMPARE(hub->get(path, EmulatorFixture::readToken()).status, 403);
        QCOMPARE(hub->get(path, EmulatorFixture::contributorToken()).status, 403);
        QCOMPARE(hub->get(path, EmulatorFixture::requesterToken()).status, 403);
        QCOMPARE(hub->get(path).status, 401);
        QCOMPARE(hub->get("/leo-hartmann/private-notes/user-access-report", EmulatorFixture::writeToken()).status, 404);
        // A model path does not reach a dataset.
        QCOMPARE(hub->get("/mira-patel/poetry-corpus/user-access-report", EmulatorFixture::writeToken()).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRequester)
#include "tst_emulator_requester.moc"
