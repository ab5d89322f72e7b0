#pragma once
// The ready-to-paste CI configuration for a publisher: a job that gets an OIDC ID token from the
// CI provider and lets the hf CLI exchange it for a Hub token scoped to the resource.

#include "publisherscope.h"
#include "trustedpublisher.h"

#include <QUrl>

namespace hubgate {

struct GeneratedWorkflow
{
    QString fileName; // where it goes in the CI repository: ".github/workflows/publish.yml"
    QString text;     // YAML (a shell snippet for a custom provider)
    bool isYaml = true;
};

// hubUrl is the client's endpoint: the token's audience and, when it is not huggingface.co,
// the hf CLI's HF_ENDPOINT. The publisher's pinned branch, workflow and environment are used.
GeneratedWorkflow generateWorkflow(PublisherProvider provider, const PublisherClaims &claims,
                                   const PublisherScope &scope, const QUrl &hubUrl);
GeneratedWorkflow generateWorkflow(const TrustedPublisher &publisher, const PublisherScope &scope,
                                   const QUrl &hubUrl);

// A YAML scalar for text: plain when that reads back as the same string, else double-quoted.
QString yamlScalar(const QString &text);
// The Hub URL as an `aud` value: no trailing slash.
QString audienceFor(const QUrl &hubUrl);

} // namespace hubgate
