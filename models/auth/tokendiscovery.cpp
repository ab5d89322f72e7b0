#include "auth/tokendiscovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace hubgate {

namespace {

constexpr qint64 MaxFileSize = 1024 * 1024; // a token file is ~40 bytes: anything huge is not ours
constexpr qsizetype MaxTokenLength = 512;
const char *const Context = "hubgate::TokenDiscovery";

QString expandHome(const QString &path, const QString &home)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(home + path.mid(1));
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// As huggingface_hub: $HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
QString hfHome(const QProcessEnvironment &env)
{
    const QString home = env.value(QStringLiteral("HOME"));
    const QString explicitHome = env.value(QStringLiteral("HF_HOME"));
    if (!explicitHome.isEmpty())
        return expandHome(explicitHome, home);
    const QString cache = env.value(QStringLiteral("XDG_CACHE_HOME"));
    if (!cache.isEmpty())
        return expandHome(cache, home) + QLatin1String("/huggingface");
    if (home.isEmpty())
        return {}; // never guess a relative path
    return QDir::cleanPath(home + QLatin1String("/.cache/huggingface"));
}

// Tokens are short printable ASCII; anything else (binary junk, several lines) is not a token.
bool plausibleToken(const QString &token)
{
    if (token.isEmpty() || token.size() > MaxTokenLength)
        return false;
    for (const QChar c : token) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

bool readSmallFile(const QString &path, QByteArray *data)
{
    const QFileInfo info(path);
    if (!info.isFile() || info.size() > MaxFileSize)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    *data = file.read(MaxFileSize + 1); // the size may have changed since the check
    return data->size() <= MaxFileSize;
}

struct NamedValue
{
    QString name;
    QString value;
};

// The stored_tokens INI as Python's configparser writes it: [name] sections, `hf_token = value`.
// Parsed by hand because QSettings would percent-decode and rename sections.
QList<NamedValue> parseStoredTokens(const QByteArray &data)
{
    QList<NamedValue> result;
    QString section;
    bool inSection = false;
    for (const QByteArray &raw : data.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (line.startsWith(u'[')) {
            inSection = line.endsWith(u']') && line.size() > 2;
            section = inSection ? line.mid(1, line.size() - 2) : QString();
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        const qsizetype colon = line.indexOf(u':');
        const qsizetype split = equals < 0 ? colon : colon < 0 ? equals : qMin(equals, colon);
        if (!inSection || split <= 0)
            continue;
        if (line.left(split).trimmed().compare(QLatin1String("hf_token"), Qt::CaseInsensitive) == 0)
            result.append({section, line.mid(split + 1).trimmed()});
    }
    return result;
}

QString displayPath(const QString &path)
{
    const QString home = QDir::cleanPath(QDir::homePath());
    const QString clean = QDir::cleanPath(path);
    if (home.size() > 1 && clean == home)
        return QStringLiteral("~");
    if (home.size() > 1 && clean.startsWith(home + u'/'))
        return u'~' + clean.mid(home.size());
    return QDir::toNativeSeparators(clean);
}

} // namespace

QList<DiscoveredToken> discoverTokens(const QProcessEnvironment &env)
{
    QList<DiscoveredToken> found;
    QSet<QString> seen;
    const auto add = [&](const QString &value, DiscoveredToken::Source source, const QString &location,
                         const QString &name) {
        const QString token = value.trimmed();
        if (!plausibleToken(token) || seen.contains(token))
            return;
        seen.insert(token);
        found.append({token, source, location, name});
    };

    add(env.value(QStringLiteral("HF_TOKEN")), DiscoveredToken::Source::Environment, QStringLiteral("HF_TOKEN"), {});

    const QString home = hfHome(env);
    if (home.isEmpty())
        return found;
    QByteArray data;
    const QString tokenPath = home + QLatin1String("/token");
    if (readSmallFile(tokenPath, &data))
        add(QString::fromUtf8(data), DiscoveredToken::Source::TokenFile, tokenPath, {});
    const QString storedPath = home + QLatin1String("/stored_tokens");
    if (readSmallFile(storedPath, &data)) {
        for (const NamedValue &entry : parseStoredTokens(data))
            add(entry.value, DiscoveredToken::Source::StoredTokens, storedPath, entry.name);
    }
    return found;
}

QString describeSource(const DiscoveredToken &token)
{
    switch (token.source) {
    case DiscoveredToken::Source::Environment:
        return QCoreApplication::translate(Context, "from the %1 environment variable").arg(token.location);
    case DiscoveredToken::Source::TokenFile:
        return QCoreApplication::translate(Context, "from %1").arg(displayPath(token.location));
    case DiscoveredToken::Source::StoredTokens:
        return QCoreApplication::translate(Context, "stored token “%1” in %2")
            .arg(token.name, displayPath(token.location));
    }
    return {};
}

bool looksLikeUserToken(const QString &token)
{
    if (token.size() != 37 || !token.startsWith(QLatin1String("hf_")))
        return false;
    for (qsizetype i = 3; i < token.size(); ++i) {
        const char16_t c = token.at(i).unicode();
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!alnum)
            return false;
    }
    return true;
}

QString maskToken(const QString &token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty())
        return {};
    // "hf_" is the same for every user token, so showing it gives nothing away.
    const QString prefix = trimmed.startsWith(QLatin1String("hf_")) ? QStringLiteral("hf_") : QString();
    const qsizetype secretLength = trimmed.size() - prefix.size();
    if (secretLength < 16)
        return prefix + u'…'; // the last 4 would be too large a share of a short secret
    return prefix + u'…' + trimmed.right(4);
}

} // namespace hubgate
