#pragma once
// Test tokens: an RSA key made with OpenSSL in the test, RS256 signing, the matching JWKS, and
// claim sets shaped like each CI provider's documented examples.

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace oidctest {

inline QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

class SigningKey
{
public:
    explicit SigningKey(QString kid)
        : m_kid(std::move(kid))
    {
        m_key = EVP_RSA_gen(2048);
    }
    ~SigningKey() { EVP_PKEY_free(m_key); }
    SigningKey(const SigningKey &) = delete;
    SigningKey &operator=(const SigningKey &) = delete;

    bool isValid() const { return m_key != nullptr; }
    QString kid() const { return m_kid; }

    // header.payload.signature, RS256, with this key's kid (or the one given).
    QByteArray sign(const QJsonObject &claims, const QString &kid = {}) const
    {
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                                 {QStringLiteral("typ"), QStringLiteral("JWT")},
                                 {QStringLiteral("kid"), kid.isEmpty() ? m_kid : kid}};
        const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                 base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        EVP_MD_CTX *context = EVP_MD_CTX_new();
        size_t length = 0;
        QByteArray signature;
        if (EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key) == 1 &&
            EVP_DigestSign(context, nullptr, &length, reinterpret_cast<const unsigned char *>(input.constData()),
                           size_t(input.size())) == 1) {
            signature.resize(qsizetype(length));
            EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
            signature.resize(qsizetype(length));
        }
        EVP_MD_CTX_free(context);
        return input + '.' + base64Url(signature);
    }

    QJsonObject jwk() const
    {
        return QJsonObject{{QStringLiteral("kty"), QStringLiteral("RSA")}, {QStringLiteral("alg"), QStringLiteral("RS256")},
                           {QStringLiteral("use"), QStringLiteral("sig")}, {QStringLiteral("kid"), m_kid},
                           {QStringLiteral("n"), QString::fromLatin1(base64Url(param(OSSL_PKEY_PARAM_RSA_N)))},
                           {QStringLiteral("e"), QString::fromLatin1(base64Url(param(OSSL_PKEY_PARAM_RSA_E)))}};
    }

private:
    QByteArray param(const char *name) const
    {
        BIGNUM *number = nullptr;
        QByteArray bytes;
        if (EVP_PKEY_get_bn_param(m_key, name, &number) == 1) {
            bytes.resize(BN_num_bytes(number));
            BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
        }
        BN_free(number);
        return bytes;
    }

    QString m_kid;
    EVP_PKEY *m_key = nullptr;
};

inline QByteArray jwks(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &key : keys)
        array.append(key);
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), array}}).toJson(QJsonDocument::Compact);
}

// An unsigned-looking token (any signature bytes) for decoding and claim tests.
inline QByteArray unsignedToken(const QJsonObject &claims)
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("kid"), QStringLiteral("k1")}};
    return base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
           base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + base64Url("signature");
}

inline qint64 epoch(const QDateTime &time)
{
    return time.toSecsSinceEpoch();
}

// Shaped like GitHub's documented example token.
inline QJsonObject githubClaims(const QDateTime &now, const QString &aud = QStringLiteral("https://huggingface.co"))
{
    return QJsonObject{
        {QStringLiteral("iss"), QStringLiteral("https://token.actions.githubusercontent.com")},
        {QStringLiteral("aud"), aud},
        {QStringLiteral("sub"), QStringLiteral("repo:acme/awesome-model-training:ref:refs/heads/main")},
        {QStringLiteral("repository"), QStringLiteral("acme/awesome-model-training")},
        {QStringLiteral("repository_owner"), QStringLiteral("acme")},
        {QStringLiteral("ref"), QStringLiteral("refs/heads/main")},
        {QStringLiteral("ref_type"), QStringLiteral("branch")},
        {QStringLiteral("workflow_ref"),
         QStringLiteral("acme/awesome-model-training/.github/workflows/publish.yml@refs/heads/main")},
        {QStringLiteral("environment"), QStringLiteral("release")},
        {QStringLiteral("event_name"), QStringLiteral("push")},
        {QStringLiteral("iat"), epoch(now) - 10},
        {QStringLiteral("nbf"), epoch(now) - 10},
        {QStringLiteral("exp"), epoch(now) + 290},
    };
}

// GitLab sends booleans as strings ("true"), and ref with ref_type.
inline QJsonObject gitlabClaims(const QDateTime &now)
{
    return QJsonObject{
        {QStringLiteral("iss"), QStringLiteral("https://gitlab.com")},
        {QStringLiteral("aud"), QStringLiteral("https://huggingface.co")},
        {QStringLiteral("sub"), QStringLiteral("project_path:acme/ml/training:ref_type:branch:ref:main")},
        {QStringLiteral("project_path"), QStringLiteral("acme/ml/training")},
        {QStringLiteral("namespace_path"), QStringLiteral("acme/ml")},
        {QStringLiteral("ref"), QStringLiteral("main")},
        {QStringLiteral("ref_type"), QStringLiteral("branch")},
        {QStringLiteral("ref_protected"), QStringLiteral("true")},
        {QStringLiteral("environment"), QStringLiteral("production")},
        {QStringLiteral("environment_protected"), QStringLiteral("false")},
        {QStringLiteral("iat"), epoch(now)},
        {QStringLiteral("nbf"), epoch(now) - 5},
        {QStringLiteral("exp"), epoch(now) + 300},
    };
}

inline QJsonObject circleciClaims(const QDateTime &now)
{
    return QJsonObject{
        {QStringLiteral("iss"), QStringLiteral("https://oidc.circleci.com/org/a1b2c3d4-0000-4000-8000-000000000001")},
        {QStringLiteral("aud"), QJsonArray{QStringLiteral("https://huggingface.co")}},
        {QStringLiteral("sub"), QStringLiteral("org/a1b2c3d4-0000-4000-8000-000000000001/project/e5f6a7b8-0000-4000-8000-000000000002/user/0000")},
        {QStringLiteral("oidc.circleci.com/project-id"), QStringLiteral("e5f6a7b8-0000-4000-8000-000000000002")},
        {QStringLiteral("oidc.circleci.com/vcs-ref"), QStringLiteral("refs/heads/main")},
        {QStringLiteral("iat"), epoch(now)},
        {QStringLiteral("exp"), epoch(now) + 3600},
    };
}

// Bitbucket wraps its UUIDs in braces.
inline QJsonObject bitbucketClaims(const QDateTime &now)
{
    return QJsonObject{
        {QStringLiteral("iss"),
         QStringLiteral("https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc")},
        {QStringLiteral("aud"), QJsonArray{QStringLiteral("ari:cloud:bitbucket::workspace/{0000}"), QStringLiteral("https://huggingface.co")}},
        {QStringLiteral("sub"), QStringLiteral("{c0ffee00-0000-4000-8000-000000000003}:{5eed0000-0000-4000-8000-000000000004}")},
        {QStringLiteral("repositoryUuid"), QStringLiteral("{c0ffee00-0000-4000-8000-000000000003}")},
        {QStringLiteral("branchName"), QStringLiteral("main")},
        {QStringLiteral("iat"), epoch(now)},
        {QStringLiteral("exp"), epoch(now) + 3600},
    };
}

} // namespace oidctest
