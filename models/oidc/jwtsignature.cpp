#include "jwtsignature.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(JwtSignature)
};

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *pointer) const { Free(pointer); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using BigNumber = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

BigNumber bigNumber(const QString &base64Url)
{
    const QByteArray bytes = QByteArray::fromBase64(base64Url.toLatin1(), QByteArray::Base64UrlEncoding);
    if (bytes.isEmpty())
        return nullptr;
    return BigNumber(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()), nullptr));
}

// An RSA public key from a JWK's n and e.
Pkey rsaKey(const QJsonObject &jwk)
{
    const BigNumber n = bigNumber(jwk.value(QLatin1String("n")).toString());
    const BigNumber e = bigNumber(jwk.value(QLatin1String("e")).toString());
    if (!n || !e)
        return nullptr;
    const ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
        return nullptr;
    const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    const PkeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return nullptr;
    return Pkey(key);
}

bool verifyRs256(EVP_PKEY *key, const QByteArray &signingInput, const QByteArray &signature)
{
    const DigestContext context(EVP_MD_CTX_new());
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key) <= 0)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size())) == 1;
}

SignatureCheck result(SignatureCheck::Status status, const QString &detail)
{
    return SignatureCheck{status, detail};
}

} // namespace

SignatureCheck signatureNotVerified(const QString &reason)
{
    return result(SignatureCheck::Status::NotVerified,
                  reason.isEmpty() ? Text::tr("The signature was not verified: the issuer's keys were not fetched.")
                                   : Text::tr("The signature was not verified: %1").arg(reason));
}

SignatureCheck verifySignature(const DecodedJwt &token, const QByteArray &jwks)
{
    if (token.algorithm() != QLatin1String("RS256"))
        return result(SignatureCheck::Status::UnsupportedAlgorithm,
                      Text::tr("The token is signed with “%1”; CI providers and the Hub use RS256.").arg(token.algorithm()));
    const QJsonArray keys = QJsonDocument::fromJson(jwks).object().value(QLatin1String("keys")).toArray();
    const QString kid = token.keyId();
    for (const QJsonValue &value : keys) {
        const QJsonObject jwk = value.toObject();
        if (jwk.value(QLatin1String("kid")).toString() != kid || jwk.value(QLatin1String("kty")).toString() != QLatin1String("RSA"))
            continue;
        const Pkey key = rsaKey(jwk);
        if (!key)
            return signatureNotVerified(Text::tr("the issuer's key %1 cannot be read.").arg(kid));
        if (verifyRs256(key.get(), token.signingInput, token.signature))
            return result(SignatureCheck::Status::Verified, Text::tr("The signature is valid: key %1 of the issuer signed it.").arg(kid));
        return result(SignatureCheck::Status::Invalid,
                      Text::tr("The signature does not match the issuer's key %1: the token was altered or was not "
                         "signed by this issuer.").arg(kid));
    }
    return result(SignatureCheck::Status::UnknownKey,
                  Text::tr("The issuer publishes no key with the id “%1” (the token's kid): it was signed by a key the "
                     "issuer does not know, or one it has retired.").arg(kid));
}

} // namespace hubgate
