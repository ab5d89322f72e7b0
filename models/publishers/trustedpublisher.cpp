#include "trustedpublisher.h"

#include <QCoreApplication>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace hubgate {

using OrderedJson = nlohmann::ordered_json; // claims keep the Hub's order

namespace {

struct ProviderName
{
    PublisherProvider provider;
    const char *key;
};

constexpr ProviderName ProviderNames[] = {
    {PublisherProvider::GitHub, "github"},       {PublisherProvider::GitLab, "gitlab"},
    {PublisherProvider::CircleCI, "circleci"},   {PublisherProvider::Bitbucket, "bitbucket"},
    {PublisherProvider::Custom, "custom"},
};

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TrustedPublisher)
};

QString text(const OrderedJson &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QDateTime time(const OrderedJson &value)
{
    return value.is_string() ? QDateTime::fromString(text(value), Qt::ISODateWithMs) : QDateTime();
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<TrustedPublisher> fromJson(const OrderedJson &object, QString *error)
{
    if (!object.is_object()) {
        *error = Text::tr("a publisher is not a JSON object");
        return std::nullopt;
    }
    TrustedPublisher publisher;
    publisher.id = text(object.value("_id", OrderedJson()));
    publisher.providerText = text(object.value("provider", OrderedJson()));
    publisher.provider = providerFromKey(publisher.providerText).value_or(PublisherProvider::Custom);
    publisher.issuer = text(object.value("issuer", OrderedJson()));
    if (publisher.issuer.isEmpty()) {
        *error = Text::tr("a publisher has no issuer");
        return std::nullopt;
    }
    const OrderedJson claims = object.value("claims", OrderedJson::object());
    if (!claims.is_object()) {
        *error = Text::tr("the claims of a publisher are not a JSON object");
        return std::nullopt;
    }
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        // Claims are strings; a number or boolean is kept as its JSON text.
        const QString value = it.value().is_string() ? text(it.value()) : QString::fromStdString(it.value().dump());
        publisher.claims.append({QString::fromStdString(it.key()), value});
    }
    publisher.createdAt = time(object.value("createdAt", OrderedJson()));
    publisher.createdBy = text(object.value("createdBy", OrderedJson()));
    const OrderedJson lastUsed = object.value("lastUsedAt", OrderedJson());
    if (lastUsed.is_string())
        publisher.lastUsedAt = time(lastUsed);
    return publisher;
}

OrderedJson claimsJson(const PublisherClaims &claims)
{
    OrderedJson object = OrderedJson::object();
    for (const PublisherClaim &claim : claims)
        object[claim.first.toStdString()] = claim.second.toStdString();
    return object;
}

std::optional<OrderedJson> parse(const QByteArray &json, QString *error)
{
    try {
        return OrderedJson::parse(json.constData(), json.constData() + json.size());
    } catch (const nlohmann::json::exception &e) {
        *error = Text::tr("not JSON (%1)").arg(QString::fromUtf8(e.what()));
        return std::nullopt;
    }
}

} // namespace

QString providerKey(PublisherProvider provider)
{
    for (const ProviderName &name : ProviderNames)
        if (name.provider == provider)
            return QString::fromLatin1(name.key);
    return QStringLiteral("custom");
}

std::optional<PublisherProvider> providerFromKey(const QString &key)
{
    for (const ProviderName &name : ProviderNames)
        if (key == QLatin1String(name.key))
            return name.provider;
    return std::nullopt;
}

QString providerDisplayName(PublisherProvider provider)
{
    switch (provider) {
    case PublisherProvider::GitHub: return Text::tr("GitHub Actions");
    case PublisherProvider::GitLab: return Text::tr("GitLab CI");
    case PublisherProvider::CircleCI: return Text::tr("CircleCI");
    case PublisherProvider::Bitbucket: return Text::tr("Bitbucket Pipelines");
    case PublisherProvider::Custom: break;
    }
    return Text::tr("Other OIDC provider");
}

QString claimValue(const PublisherClaims &claims, const QString &name)
{
    for (const PublisherClaim &claim : claims)
        if (claim.first == name)
            return claim.second;
    return {};
}

bool hasClaim(const PublisherClaims &claims, const QString &name)
{
    return std::any_of(claims.cbegin(), claims.cend(), [&name](const PublisherClaim &claim) { return claim.first == name; });
}

QString TrustedPublisher::claimsText() const
{
    QStringList parts;
    for (const PublisherClaim &claim : claims)
        parts << claim.first + QLatin1Char('=') + claim.second;
    return parts.join(QStringLiteral(", "));
}

QByteArray publisherCreateBody(const PublisherDraft &draft)
{
    const OrderedJson body{{"provider", providerKey(draft.provider).toStdString()},
                           {"issuer", draft.issuer.toStdString()},
                           {"claims", claimsJson(draft.claims)}};
    return QByteArray::fromStdString(body.dump());
}

std::optional<TrustedPublisher> parsePublisher(const QByteArray &json, QString *error)
{
    const std::optional<OrderedJson> doc = parse(json, error);
    return doc ? fromJson(*doc, error) : std::nullopt;
}

std::optional<QList<TrustedPublisher>> parsePublisherList(const QByteArray &json, QString *error)
{
    const std::optional<OrderedJson> doc = parse(json, error);
    if (!doc)
        return std::nullopt;
    if (doc->is_object()) { // a single publisher is a list of one
        std::optional<TrustedPublisher> one = fromJson(*doc, error);
        return one ? std::optional<QList<TrustedPublisher>>(QList<TrustedPublisher>{*one}) : std::nullopt;
    }
    if (!doc->is_array()) {
        *error = Text::tr("the publishers are not a JSON array");
        return std::nullopt;
    }
    QList<TrustedPublisher> publishers;
    for (const OrderedJson &item : *doc) {
        std::optional<TrustedPublisher> publisher = fromJson(item, error);
        if (!publisher)
            return std::nullopt;
        publishers.append(*publisher);
    }
    return publishers;
}

QByteArray publishersToJson(const QList<TrustedPublisher> &publishers)
{
    OrderedJson array = OrderedJson::array();
    for (const TrustedPublisher &publisher : publishers) {
        array.push_back(OrderedJson{
            {"_id", publisher.id.toStdString()},
            {"provider", (publisher.providerText.isEmpty() ? providerKey(publisher.provider) : publisher.providerText).toStdString()},
            {"issuer", publisher.issuer.toStdString()},
            {"claims", claimsJson(publisher.claims)},
            {"createdAt", publisher.createdAt.isValid() ? OrderedJson(isoTime(publisher.createdAt).toStdString()) : OrderedJson()},
            {"createdBy", publisher.createdBy.toStdString()},
            {"lastUsedAt", publisher.lastUsedAt ? OrderedJson(isoTime(*publisher.lastUsedAt).toStdString()) : OrderedJson()},
        });
    }
    return QByteArray::fromStdString(array.dump());
}

} // namespace hubgate
