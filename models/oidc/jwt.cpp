#include "jwt.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Jwt)
};

std::optional<QByteArray> base64Url(const QByteArray &part)
{
    const auto result = QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                                 QByteArray::OmitTrailingEquals |
                                                                 QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

std::optional<QJsonObject> jsonObject(const QByteArray &part)
{
    const std::optional<QByteArray> bytes = base64Url(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

} // namespace

QByteArray findJwt(const QString &text)
{
    // Header and payload are JSON objects, so their base64url starts with "eyJ" ("{\"").
    static const QRegularExpression pattern(
        QStringLiteral("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));
    const QRegularExpressionMatch match = pattern.match(text);
    return match.hasMatch() ? match.captured().toLatin1() : QByteArray();
}

std::optional<DecodedJwt> decodeJwt(const QString &text, QString *error)
{
    const QByteArray raw = findJwt(text);
    if (raw.isEmpty()) {
        *error = text.trimmed().isEmpty()
                     ? Text::tr("There is no token: the input is empty.")
                     : Text::tr("No JWT was found: an OIDC ID token is three base64url parts separated by dots, "
                          "starting with “eyJ”.");
        return std::nullopt;
    }
    const QList<QByteArray> parts = raw.split('.');
    DecodedJwt token;
    token.raw = raw;
    const std::optional<QJsonObject> header = jsonObject(parts.at(0));
    if (!header) {
        *error = Text::tr("The token's header is not base64url-encoded JSON.");
        return std::nullopt;
    }
    const std::optional<QJsonObject> claims = jsonObject(parts.at(1));
    if (!claims) {
        *error = Text::tr("The token's claims are not base64url-encoded JSON.");
        return std::nullopt;
    }
    const std::optional<QByteArray> signature = base64Url(parts.at(2));
    if (!signature) {
        *error = Text::tr("The token's signature is not base64url.");
        return std::nullopt;
    }
    token.header = *header;
    token.claims = *claims;
    token.signingInput = parts.at(0) + '.' + parts.at(1);
    token.signature = *signature;
    return token;
}

QString claimText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        return number == double(qint64(number)) ? QString::number(qint64(number)) : QString::number(number);
    }
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return {};
}

} // namespace hubgate
