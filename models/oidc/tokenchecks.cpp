#include "tokenchecks.h"

#include "publishers/publishervalidation.h"

#include "publishers/workflowgenerator.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TokenChecks)
};

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

TokenCheck issuerCheck(const DecodedJwt &token)
{
    const QString iss = token.issuer();
    if (iss.isEmpty())
        return {QStringLiteral("iss"), false, Text::tr("The token has no issuer (iss).")};
    if (!testIssuer().isEmpty() && iss == testIssuer())
        return {QStringLiteral("iss"), true, Text::tr("Issued by %1, the Hub's own test issuer.").arg(iss)};
    const QUrl url(iss);
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return {QStringLiteral("iss"), false,
                Text::tr("The issuer %1 is not an https address; the Hub only fetches keys over https.").arg(iss)};
    return {QStringLiteral("iss"), true, Text::tr("Issued by %1.").arg(iss)};
}

TokenCheck audienceCheck(const DecodedJwt &token, const QUrl &hubUrl)
{
    const QString expected = audienceFor(hubUrl);
    const QJsonValue aud = token.claims.value(QLatin1String("aud"));
    QStringList audiences;
    if (aud.isArray()) {
        for (const QJsonValue &value : aud.toArray())
            audiences << value.toString();
    } else if (aud.isString()) {
        audiences << aud.toString();
    }
    if (audiences.isEmpty())
        return {QStringLiteral("aud"), false, Text::tr("The token has no audience (aud); it must be %1.").arg(expected)};
    if (audiences.contains(expected))
        return {QStringLiteral("aud"), true,
                audiences.size() > 1 ? Text::tr("The audience list includes %1.").arg(expected)
                                     : Text::tr("The audience is %1.").arg(expected)};
    const QString listed = audiences.join(QStringLiteral(", "));
    for (const QString &audience : std::as_const(audiences)) {
        if (audience.endsWith(QLatin1Char('/')) && audience.chopped(1) == expected)
            return {QStringLiteral("aud"), false,
                    Text::tr("The token was requested for the audience %1, with a trailing slash; the Hub expects exactly %2.")
                        .arg(audience, expected)};
    }
    return {QStringLiteral("aud"), false,
            Text::tr("The token was requested for the audience %1, but this Hub expects %2. Set the audience (aud) "
               "to %2 where the CI job requests its ID token.")
                .arg(listed, expected)};
}

QList<TokenCheck> timeChecks(const DecodedJwt &token, const TokenCheckOptions &options)
{
    const qint64 now = (options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
    const int skew = options.clockSkewSeconds;
    QList<TokenCheck> checks;
    const QJsonValue exp = token.claims.value(QLatin1String("exp"));
    if (!exp.isDouble()) {
        checks.append({QStringLiteral("exp"), false, Text::tr("The token has no expiry time (exp).")});
    } else if (now > qint64(exp.toDouble()) + skew) {
        checks.append({QStringLiteral("exp"), false,
                       Text::tr("The token expired at %1, %n second(s) ago (allowing %2 s of clock skew). ID tokens live "
                          "minutes: exchange it right after the job requests it.", nullptr, int(now - qint64(exp.toDouble())))
                           .arg(utc(qint64(exp.toDouble())))
                           .arg(skew)});
    } else {
        checks.append({QStringLiteral("exp"), true, Text::tr("Valid until %1.").arg(utc(qint64(exp.toDouble())))});
    }
    const QJsonValue nbf = token.claims.value(QLatin1String("nbf"));
    if (nbf.isDouble() && now + skew < qint64(nbf.toDouble()))
        checks.append({QStringLiteral("nbf"), false,
                       Text::tr("The token is not valid before %1, %n second(s) from now (allowing %2 s of clock skew): "
                          "a clock is wrong.", nullptr, int(qint64(nbf.toDouble()) - now))
                           .arg(utc(qint64(nbf.toDouble())))
                           .arg(skew)});
    else
        checks.append({QStringLiteral("nbf"), true,
                       nbf.isDouble() ? Text::tr("Valid from %1.").arg(utc(qint64(nbf.toDouble()))) : Text::tr("No not-before time.")});
    const QJsonValue iat = token.claims.value(QLatin1String("iat"));
    if (iat.isDouble() && now + skew < qint64(iat.toDouble()))
        checks.append({QStringLiteral("iat"), false,
                       Text::tr("The token claims to be issued at %1, in the future (allowing %2 s of clock skew): a clock "
                          "is wrong.").arg(utc(qint64(iat.toDouble()))).arg(skew)});
    else
        checks.append({QStringLiteral("iat"), true,
                       iat.isDouble() ? Text::tr("Issued at %1.").arg(utc(qint64(iat.toDouble()))) : Text::tr("No issue time.")});
    return checks;
}

} // namespace

QList<TokenCheck> checkToken(const DecodedJwt &token, const TokenCheckOptions &options, const SignatureCheck &signature)
{
    QList<TokenCheck> checks{issuerCheck(token), audienceCheck(token, options.hubUrl)};
    checks += timeChecks(token, options);
    checks.append({QStringLiteral("signature"), signature.isAcceptable(), signature.detail});
    return checks;
}

} // namespace hubgate
