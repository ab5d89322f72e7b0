#pragma once
// An OIDC ID token taken apart locally: header and claims decoded from base64url JSON, never
// sent anywhere. Accepts the bare token or a CI log excerpt that contains one.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace hubgate {

struct DecodedJwt
{
    QByteArray raw; // header.payload.signature, as found
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; // header.payload, what the signature covers
    QByteArray signature;    // decoded bytes

    QString algorithm() const { return header.value(QLatin1String("alg")).toString(); }
    QString keyId() const { return header.value(QLatin1String("kid")).toString(); }
    QString issuer() const { return claims.value(QLatin1String("iss")).toString(); }
};

// The first thing shaped like a JWT (eyJ….eyJ….…) in text; empty when there is none.
QByteArray findJwt(const QString &text);
// Decodes the token in text (alone or inside a log excerpt). nullopt with one sentence in *error
// when there is no token or it does not decode.
std::optional<DecodedJwt> decodeJwt(const QString &text, QString *error);

// A claim as text: strings as they are, booleans and numbers as JSON writes them.
QString claimText(const QJsonValue &value);

} // namespace hubgate
