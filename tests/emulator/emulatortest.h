#pragma once
// Shared helpers of the emulator tests: a fresh emulator per test function, requests by path with
// JSON bodies, state look-ups, and readable QCOMPARE output for JSON and std::string.

#include "emulatorfixture.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <memory>
#include <string>
#include <vector>

namespace emutest {
// A JSON value for JCOMPARE. QCOMPARE cannot take emu::Json itself: its templated conversion
// operator makes every qCompare overload (float, qfloat16, ...) a candidate.
struct JsonValue
{
    template <typename T>
    explicit JsonValue(const T &value) : json(value) {}
    emu::Json json;
    bool operator==(const JsonValue &other) const { return json == other.json; }
};
} // namespace emutest

namespace QTest {
template <> inline char *toString(const std::string &text) { return qstrdup(text.c_str()); }
template <> inline char *toString(const emutest::JsonValue &value)
{
    return qstrdup(value.json.dump().c_str());
}
} // namespace QTest

// QCOMPARE for JSON values (either side may be a Json, a string literal, a number, ...).
#define JCOMPARE(actual, expected) \
    QCOMPARE(emutest::JsonValue(actual), emutest::JsonValue(expected))

namespace emutest {

using emu::Json;
using testing::EmulatorFixture;
using testing::Reply;

// The demo tokens that EmulatorFixture does not name.
inline QByteArray leoToken() { return QByteArrayLiteral("hf_DemoLeoWrite0000000000000000000001"); }
inline QByteArray tomaszToken() { return QByteArrayLiteral("hf_DemoTomaszWrite0000000000000000001"); }
inline QByteArray yukiToken() { return QByteArrayLiteral("hf_DemoYukiWrite000000000000000000001"); }

class Hub
{
public:
    explicit Hub(const Json &seed = {});

    EmulatorFixture &fixture() { return m_fixture; }
    emu::HubApi &api() { return m_fixture.api(); }
    emu::HubState &state() { return m_fixture.api().state(); }
    QNetworkAccessManager &nam() { return m_nam; }
    std::string base() const { return m_fixture.baseUrl().toString().toStdString(); }

    // path is percent-encoded as it goes on the wire, e.g. "/api/models/ns/name?limit=10".
    Reply send(const QByteArray &method, const std::string &path, const QByteArray &token = {},
               const QByteArray &body = {},
               const QByteArray &contentType = QByteArrayLiteral("application/json"));
    Reply sendUrl(const QByteArray &method, const QUrl &url, const QByteArray &token = {});
    Reply get(const std::string &path, const QByteArray &token = {});
    Reply post(const std::string &path, const Json &body, const QByteArray &token = {});
    Reply put(const std::string &path, const Json &body, const QByteArray &token = {});
    Reply del(const std::string &path, const QByteArray &token = {});

    emu::Repo &repo(const std::string &id, emu::RepoType type = emu::RepoType::Model);
    const emu::AccessRequest *request(const std::string &repoId, const std::string &user,
                                      emu::RepoType type = emu::RepoType::Model);

    // Replies that lacked X-Request-Id; the Hub sends it on every response.
    int missingRequestIds = 0;

private:
    Reply checked(Reply reply);
    EmulatorFixture m_fixture;
    QNetworkAccessManager m_nam;
};

// The body of a reply as std::string (readable in QCOMPARE).
std::string text(const QByteArray &bytes);
std::string header(const Reply &reply, const char *name);

// The target of Link rel="next", or an empty URL.
QUrl nextLink(const Reply &reply);

// Query value of a URL, decoded.
std::string queryValue(const QUrl &url, const char *key);

// Requests of one status in the server's own order (ascending timestamps).
std::vector<const emu::AccessRequest *> requestsWithStatus(const emu::Repo &repo,
                                                           const std::string &status);

// What the API can change, one line per repo (settings, head, every request) plus the number of
// users: cheap enough to compare before and after each refused call, even in an ASan build.
std::vector<std::string> digest(emu::HubState &state);

// A README with front matter and a short body.
std::string readme(const std::string &yaml);

} // namespace emutest
