#pragma once
// Finds Hub tokens the user already has (HF_TOKEN, `hf auth login` files) so HubGate can offer them.

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace hubgate {

struct DiscoveredToken
{
    QString token;
    enum class Source { Environment, TokenFile, StoredTokens } source = Source::Environment;
    QString location; // the variable name (Environment) or the absolute file path
    QString name;     // the token's name in stored_tokens; empty otherwise
};

// In order: HF_TOKEN, $HF_HOME/token, then each section of $HF_HOME/stored_tokens. Values are
// trimmed; empty, implausible (binary, multi-line) and duplicate tokens are left out, a duplicate
// keeping its first source. Files over 1 MiB are ignored.
QList<DiscoveredToken> discoverTokens(const QProcessEnvironment &env);

// A translated phrase such as "from the HF_TOKEN environment variable" or
// "stored token “ci” in ~/.cache/huggingface/stored_tokens" (this process's home shown as ~).
QString describeSource(const DiscoveredToken &token);

// "hf_" followed by exactly 34 ASCII letters or digits.
bool looksLikeUserToken(const QString &token);

// For display: "hf_…wxyz". Shows at most the last 4 characters (none for short strings).
QString maskToken(const QString &token);

} // namespace hubgate
