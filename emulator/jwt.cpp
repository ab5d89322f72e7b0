#include "jwt.h"

#include <QByteArray>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

namespace emu {

namespace {

constexpr auto base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string bigNumberParam(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1)
        return {};
    std::string out(std::size_t(BN_num_bytes(number)), '\0');
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(out.data()));
    BN_free(number);
    return out;
}

// The public key a JWK describes; nullptr with a reason if it is not a usable RSA key.
EVP_PKEY *publicKeyFromJwk(const Json &jwk, std::string *error)
{
    if (jwk.value("kty", std::string()) != "RSA") {
        *error = "the key is not an RSA key (kty " + jwk.value("kty", std::string("missing")) + ")";
        return nullptr;
    }
    const auto n = base64UrlDecode(jwk.value("n", std::string()));
    const auto e = base64UrlDecode(jwk.value("e", std::string()));
    if (!n || !e || n->empty() || e->empty()) {
        *error = "the key's modulus or exponent is not base64url";
        return nullptr;
    }
    BIGNUM *modulus = BN_bin2bn(reinterpret_cast<const unsigned char *>(n->data()), int(n->size()), nullptr);
    BIGNUM *exponent = BN_bin2bn(reinterpret_cast<const unsigned char *>(e->data()), int(e->size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = nullptr;
    EVP_PKEY *key = nullptr;
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    if (builder && modulus && exponent && context &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus) == 1 &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent) == 1 &&
        (params = OSSL_PARAM_BLD_to_param(builder)) != nullptr &&
        EVP_PKEY_fromdata_init(context) == 1)
        EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params);
    if (!key)
        *error = "OpenSSL could not build an RSA key from the JWK";
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(modulus);
    BN_free(exponent);
    return key;
}

} // namespace

std::string base64UrlEncode(const std::string &data)
{
    return bytes(data).toBase64(base64Url).toStdString();
}

std::optional<std::string> base64UrlDecode(const std::string &text)
{
    if (text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
        std::string::npos)
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(
        bytes(text), base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded.toStdString();
}

std::optional<Jwt> parseJwt(const std::string &token, std::string *error)
{
    const auto firstDot = token.find('.');
    const auto secondDot = firstDot == std::string::npos ? firstDot : token.find('.', firstDot + 1);
    if (secondDot == std::string::npos || token.find('.', secondDot + 1) != std::string::npos) {
        *error = "it is not a JWT (three base64url parts separated by dots)";
        return std::nullopt;
    }
    const auto header = base64UrlDecode(token.substr(0, firstDot));
    const auto payload = base64UrlDecode(token.substr(firstDot + 1, secondDot - firstDot - 1));
    const auto signature = base64UrlDecode(token.substr(secondDot + 1));
    if (!header || !payload || !signature) {
        *error = "a part of the JWT is not base64url";
        return std::nullopt;
    }
    Jwt jwt;
    jwt.header = Json::parse(*header, nullptr, false);
    jwt.claims = Json::parse(*payload, nullptr, false);
    if (!jwt.header.is_object() || !jwt.claims.is_object()) {
        *error = "the JWT's header or payload is not a JSON object";
        return std::nullopt;
    }
    jwt.signingInput = token.substr(0, secondDot);
    jwt.signature = *signature;
    return jwt;
}

std::unique_ptr<RsaKey> RsaKey::generate(const std::string &kid)
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    if (!key)
        return nullptr;
    return std::unique_ptr<RsaKey>(new RsaKey(kid, key));
}

RsaKey::~RsaKey()
{
    EVP_PKEY_free(m_key);
}

Json RsaKey::publicJwk() const
{
    return Json{{"kty", "RSA"},
                {"use", "sig"},
                {"alg", "RS256"},
                {"kid", m_kid},
                {"n", base64UrlEncode(bigNumberParam(m_key, OSSL_PKEY_PARAM_RSA_N))},
                {"e", base64UrlEncode(bigNumberParam(m_key, OSSL_PKEY_PARAM_RSA_E))}};
}

std::string RsaKey::signRs256(const std::string &input) const
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    std::size_t length = 0;
    std::string signature;
    // RSA keys sign with PKCS#1 v1.5 padding unless told otherwise: RS256 as RFC 7518 defines it.
    if (context && EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key) == 1 &&
        EVP_DigestSign(context, nullptr, &length,
                       reinterpret_cast<const unsigned char *>(input.data()), input.size()) == 1) {
        signature.resize(length);
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(input.data()), input.size()) == 1)
            signature.resize(length);
        else
            signature.clear();
    }
    EVP_MD_CTX_free(context);
    return signature;
}

bool verifyRs256(const Json &jwk, const std::string &input, const std::string &signature,
                 std::string *error)
{
    EVP_PKEY *key = publicKeyFromJwk(jwk, error);
    if (!key)
        return false;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    EVP_PKEY_CTX *keyContext = nullptr;
    const bool valid =
        context && EVP_DigestVerifyInit(context, &keyContext, EVP_sha256(), nullptr, key) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1 &&
        EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char *>(input.data()),
                         input.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    if (!valid)
        *error = "the signature does not verify with key " + jwk.value("kid", std::string());
    return valid;
}

} // namespace emu
