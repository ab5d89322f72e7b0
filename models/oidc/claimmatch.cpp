#include "claimmatch.h"

#include "jwt.h"
#include "publishers/publisherpresets.h"

#include <QCoreApplication>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ClaimMatch)
};

const QString BranchRefPrefix = QStringLiteral("refs/heads/");

// What the token says for a publisher claim: the value and where it came from.
struct Derived
{
    QString value;
    QString from; // token claim name
    bool present = false;
    QString note; // why it could not be derived, for the explanation
};

Derived direct(const QJsonObject &claims, const QString &name)
{
    const QJsonValue value = claims.value(name);
    return {claimText(value), QString(), !value.isUndefined() && !value.isNull(), QString()};
}

Derived githubBranch(const QJsonObject &claims)
{
    const QString ref = claims.value(QLatin1String("ref")).toString();
    Derived derived{QString(), QStringLiteral("ref"), false, QString()};
    if (ref.startsWith(BranchRefPrefix)) {
        derived.value = ref.mid(BranchRefPrefix.size());
        derived.present = true;
    } else if (!ref.isEmpty()) {
        derived.note = Text::tr("The token's ref is %1, which is not a branch.").arg(ref);
    }
    return derived;
}

// "owner/repo/.github/workflows/publish.yml@refs/heads/main" → "publish.yml"
Derived githubWorkflow(const QJsonObject &claims)
{
    const QString ref = claims.value(QLatin1String("workflow_ref")).toString();
    Derived derived{QString(), QStringLiteral("workflow_ref"), !ref.isEmpty(), QString()};
    derived.value = ref.section(QLatin1Char('@'), 0, 0).section(QLatin1Char('/'), -1);
    return derived;
}

Derived gitlabBranch(const QJsonObject &claims)
{
    const QString refType = claimText(claims.value(QLatin1String("ref_type")));
    const QString ref = claimText(claims.value(QLatin1String("ref")));
    Derived derived{QString(), QStringLiteral("ref"), false, QString()};
    if (refType == QLatin1String("branch")) {
        derived.value = ref;
        derived.present = !ref.isEmpty();
    } else if (!refType.isEmpty()) {
        derived.note = Text::tr("The pipeline ran for a %1 (%2), not a branch.").arg(refType, ref);
    }
    return derived;
}

Derived derive(PublisherProvider provider, const QJsonObject &claims, const QString &name)
{
    if (provider == PublisherProvider::GitHub && name == claim::branch())
        return githubBranch(claims);
    if (provider == PublisherProvider::GitHub && name == claim::workflow())
        return githubWorkflow(claims);
    if (provider == PublisherProvider::GitLab && name == claim::branch())
        return gitlabBranch(claims);
    return direct(claims, name);
}

QString braceless(const QString &value)
{
    return value.startsWith(QLatin1Char('{')) && value.endsWith(QLatin1Char('}')) ? value.mid(1, value.size() - 2) : value;
}

QString source(const ClaimComparison &comparison)
{
    return comparison.derivedFrom.isEmpty() ? QString()
                                            : QStringLiteral(" (%1 %2)").arg(comparison.derivedFrom, comparison.actual);
}

QString explain(const ClaimComparison &comparison, const QJsonObject &claims, const QString &note)
{
    const QString &name = comparison.name;
    if (!note.isEmpty())
        return Text::tr("%1 The publisher only accepts %2 %3.").arg(note, name, comparison.expected);
    if (!comparison.present)
        return Text::tr("The token has no %1 claim, but the publisher requires %1 = %2.").arg(comparison.derivedFrom.isEmpty() ? name : comparison.derivedFrom, comparison.expected);
    if (braceless(comparison.actual) == braceless(comparison.expected))
        return Text::tr("The token's %1 is %2 and the publisher has %3: the braces differ, and claims are compared "
                  "exactly. Bitbucket sends UUIDs in braces.").arg(name, comparison.actual, comparison.expected);
    if (comparison.actual.compare(comparison.expected, Qt::CaseInsensitive) == 0)
        return Text::tr("The token's %1 is %2 and the publisher has %3: only the case differs, and claims are compared "
                  "exactly.").arg(name, comparison.actual, comparison.expected);
    const QJsonValue raw = claims.value(name);
    if (raw.isBool() || (raw.isString() && (raw.toString() == QLatin1String("true") || raw.toString() == QLatin1String("false"))))
        return Text::tr("The token's %1 is %2 (%3) but the publisher expects %4.")
            .arg(name, comparison.actual, raw.isBool() ? Text::tr("a boolean") : Text::tr("a string, as GitLab sends booleans"),
                 comparison.expected);
    if (name == claim::branch() || name == claim::branchName()) {
        const QString ref = claims.value(QLatin1String("ref")).toString();
        return Text::tr("The token was issued for branch %1%2 but the publisher only accepts %3.")
            .arg(comparison.actual, ref.isEmpty() || comparison.derivedFrom.isEmpty() ? QString() : QStringLiteral(" (ref %1)").arg(ref),
                 comparison.expected);
    }
    if (name == claim::workflow())
        return Text::tr("The token comes from the workflow file %1 (workflow_ref %2) but the publisher only accepts %3.")
            .arg(comparison.actual, claims.value(QLatin1String("workflow_ref")).toString(), comparison.expected);
    return Text::tr("The token's %1 is %2%3 but the publisher expects %4.").arg(name, comparison.actual, source(comparison), comparison.expected);
}

ClaimComparison issuerComparison(const QJsonObject &claims, const TrustedPublisher &publisher)
{
    ClaimComparison comparison;
    comparison.name = QStringLiteral("iss");
    comparison.expected = publisher.issuer;
    comparison.actual = claims.value(QLatin1String("iss")).toString();
    comparison.present = !comparison.actual.isEmpty();
    comparison.ok = comparison.actual == comparison.expected;
    if (!comparison.ok)
        comparison.explanation = Text::tr("The token was issued by %1, but this publisher trusts %2.")
                                     .arg(comparison.present ? comparison.actual : Text::tr("no issuer"), comparison.expected);
    return comparison;
}

} // namespace

PublisherMatch matchPublisher(const QJsonObject &tokenClaims, const TrustedPublisher &publisher)
{
    PublisherMatch match;
    match.publisher = publisher;
    match.claims.append(issuerComparison(tokenClaims, publisher));
    for (const PublisherClaim &expected : publisher.claims) {
        const Derived derived = derive(publisher.provider, tokenClaims, expected.first);
        ClaimComparison comparison;
        comparison.name = expected.first;
        comparison.expected = expected.second;
        comparison.actual = derived.value;
        comparison.derivedFrom = derived.from;
        comparison.present = derived.present;
        comparison.ok = derived.present && derived.value == expected.second;
        if (!comparison.ok)
            comparison.explanation = explain(comparison, tokenClaims, derived.note);
        match.claims.append(comparison);
    }
    match.matches = std::all_of(match.claims.cbegin(), match.claims.cend(), [](const ClaimComparison &c) { return c.ok; });
    return match;
}

} // namespace hubgate
