#include "emulatortest.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace emutest {

Hub::Hub(const Json &seed)
    : m_fixture(seed)
{
    // ask-access answers 303: the tests look at the redirect itself, not where it leads.
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Reply Hub::checked(Reply reply)
{
    if (reply.status != 0 && reply.header("X-Request-Id").isEmpty())
        ++missingRequestIds;
    return reply;
}

Reply Hub::send(const QByteArray &method, const std::string &path, const QByteArray &token,
                const QByteArray &body, const QByteArray &contentType)
{
    const QUrl url(QString::fromStdString(base() + path), QUrl::StrictMode);
    return checked(testing::send(m_nam, method, url, token, body, contentType));
}

Reply Hub::sendUrl(const QByteArray &method, const QUrl &url, const QByteArray &token)
{
    return checked(testing::send(m_nam, method, url, token));
}

Reply Hub::get(const std::string &path, const QByteArray &token)
{
    return send(QByteArrayLiteral("GET"), path, token);
}

Reply Hub::post(const std::string &path, const Json &body, const QByteArray &token)
{
    return send(QByteArrayLiteral("POST"), path, token, QByteArray::fromStdString(body.dump()));
}

Reply Hub::put(const std::string &path, const Json &body, const QByteArray &token)
{
    return send(QByteArrayLiteral("PUT"), path, token, QByteArray::fromStdString(body.dump()));
}

Reply Hub::del(const std::string &path, const QByteArray &token)
{
    return send(QByteArrayLiteral("DELETE"), path, token);
}

emu::Repo &Hub::repo(const std::string &id, emu::RepoType type)
{
    const auto slash = id.find('/');
    emu::Repo *found = state().repo(type, id.substr(0, slash), id.substr(slash + 1));
    if (!found)
        qFatal("test bug: no repo %s in the seed", id.c_str());
    return *found;
}

const emu::AccessRequest *Hub::request(const std::string &repoId, const std::string &user,
                                       emu::RepoType type)
{
    const emu::User *u = state().userByName(user);
    return u ? repo(repoId, type).findRequest(u->id) : nullptr;
}

std::string text(const QByteArray &bytes)
{
    return bytes.toStdString();
}

std::string header(const Reply &reply, const char *name)
{
    return reply.header(QByteArray(name)).toStdString();
}

QUrl nextLink(const Reply &reply)
{
    static const QRegularExpression next(QStringLiteral("<([^>]*)>\\s*;\\s*rel=\"next\""));
    const auto match = next.match(QString::fromUtf8(reply.header("Link")));
    return match.hasMatch() ? QUrl(match.captured(1), QUrl::StrictMode) : QUrl();
}

std::string queryValue(const QUrl &url, const char *key)
{
    return QUrlQuery(url)
        .queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded)
        .toStdString();
}

std::vector<const emu::AccessRequest *> requestsWithStatus(const emu::Repo &repo,
                                                           const std::string &status)
{
    std::vector<const emu::AccessRequest *> out;
    for (const auto &request : repo.requests())
        if (request.status == status)
            out.push_back(&request);
    return out;
}

std::vector<std::string> digest(emu::HubState &state)
{
    std::vector<std::string> out{"users " + std::to_string(state.users().size())};
    for (const auto type : {emu::RepoType::Model, emu::RepoType::Dataset}) {
        for (const emu::Repo *repo : state.repos(type)) {
            std::string line = repo->id() + " " + repo->gated + " " + repo->notificationsMode + " " +
                               repo->notificationsEmail + " " + std::to_string(repo->isPrivate) +
                               std::to_string(repo->orgMembersGated) + std::to_string(repo->discussionsDisabled) +
                               " " + repo->discussionsSorting + " " + (repo->headCommit() ? repo->headCommit()->oid : std::string("-")) + " " +
                               std::to_string(repo->commits.size());
            for (const auto &r : repo->requests()) {
                line += "\n" + r.userId + " " + r.status + " " + std::to_string(r.timestampMs) + " " +
                        std::to_string(r.reviewedAtMs) + " " + r.grantedById + " " + r.rejectionReason + " " + r.resetReason;
                for (const auto &[key, value] : r.fields)
                    line += " " + key + "=" + value;
            }
            out.push_back(std::move(line));
        }
    }
    return out;
}

std::string readme(const std::string &yaml)
{
    return "---\n" + yaml + "---\n\n# Model\n\nSome text.\n";
}

} // namespace emutest
