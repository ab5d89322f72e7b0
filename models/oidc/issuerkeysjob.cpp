#include "issuerkeysjob.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(IssuerKeysJob)
};

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

} // namespace

QString issuerUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return Text::tr("%1 is not an address.").arg(url.toString());
    if (url.scheme() == QLatin1String("https") || (url.scheme() == QLatin1String("http") && isLoopback(url)))
        return {};
    return Text::tr("%1 is not an https address.").arg(url.toString());
}

IssuerKeysJob::IssuerKeysJob(QNetworkAccessManager *nam, const QString &issuer, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_issuer(issuer)
{
}

IssuerKeysJob::~IssuerKeysJob()
{
    if (m_reply)
        m_reply->abort();
}

void IssuerKeysJob::start()
{
    QString base = m_issuer;
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl discovery(base + QStringLiteral("/.well-known/openid-configuration"));
    const QString problem = issuerUrlProblem(discovery);
    if (!problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, problem] { fail(problem); });
        return;
    }
    get(discovery, &IssuerKeysJob::onDiscovery);
}

void IssuerKeysJob::get(const QUrl &url, void (IssuerKeysJob::*next)(const QByteArray &))
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::finished, this, [this, next, url] {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            fail(Text::tr("%1 could not be fetched (%2).").arg(url.toString(), reply->errorString()));
            return;
        }
        (this->*next)(reply->readAll());
    });
}

void IssuerKeysJob::onDiscovery(const QByteArray &body)
{
    const QJsonObject document = QJsonDocument::fromJson(body).object();
    m_jwksUrl = QUrl(document.value(QLatin1String("jwks_uri")).toString());
    if (m_jwksUrl.isEmpty()) {
        fail(Text::tr("the issuer's discovery document names no jwks_uri."));
        return;
    }
    const QString problem = issuerUrlProblem(m_jwksUrl);
    if (!problem.isEmpty()) {
        fail(problem);
        return;
    }
    get(m_jwksUrl, &IssuerKeysJob::onKeys);
}

void IssuerKeysJob::onKeys(const QByteArray &body)
{
    if (!QJsonDocument::fromJson(body).object().value(QLatin1String("keys")).isArray()) {
        fail(Text::tr("%1 is not a JSON Web Key Set.").arg(m_jwksUrl.toString()));
        return;
    }
    m_jwks = body;
    finish();
}

void IssuerKeysJob::fail(const QString &error)
{
    m_error = error;
    finish();
}

void IssuerKeysJob::finish()
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(this);
}

} // namespace hubgate
