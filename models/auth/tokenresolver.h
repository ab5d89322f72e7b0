#pragma once
// Picks the Hub token to use without asking anybody, in this order:
//   1. the HF_TOKEN environment variable,
//   2. the system keychain entry for the endpoint (what HubGate's sign-in saved),
//   3. $HF_HOME/token (what `hf auth login` wrote; HF_HOME defaults to ~/.cache/huggingface).
// The first non-empty one wins. The keychain is only asked when HF_TOKEN is not set, and a
// keychain that is missing or does not answer in time is skipped without a word, so the rules
// work the same in a terminal without a desktop session.

#include <QMetaType>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace hubgate {

class TokenStore;

struct ResolvedToken
{
    enum class Source { None, Environment, Keychain, TokenFile };

    QString token; // empty when no source had one
    Source source = Source::None;
    QString origin; // translated phrase: "from the HF_TOKEN environment variable", "from ~/.cache/..."

    bool isEmpty() const { return token.isEmpty(); }
};

class TokenResolver : public QObject
{
    Q_OBJECT
public:
    // `store` is the keychain to ask (not owned; it must have no other operation pending while
    // resolve() runs). Without one the resolver uses a private TokenStore.
    explicit TokenResolver(QProcessEnvironment environment, TokenStore *store = nullptr,
                           QObject *parent = nullptr);
    ~TokenResolver() override;

    // A keychain that takes longer is skipped (a locked keyring may wait for a password prompt
    // that nobody will answer). Default: 3000 ms.
    void setKeychainTimeout(int milliseconds) { m_timeout.setInterval(milliseconds); }

    // Emits resolved() exactly once per call, always later from the event loop. A new call while
    // one is running replaces it: only the new one is answered.
    void resolve(const QUrl &endpoint);

    // Why the keychain could not be asked in the last resolve(), if it could not; for diagnostics.
    QString keychainProblem() const { return m_keychainProblem; }

Q_SIGNALS:
    void resolved(const hubgate::ResolvedToken &token);

private:
    void askKeychain();
    void onKeychainAnswer(const QString &token);
    void finishWithTokenFile();
    void finish(const ResolvedToken &token);

    QProcessEnvironment m_environment;
    TokenStore *m_store;
    QTimer m_timeout;
    QUrl m_endpoint;
    QString m_keychainProblem;
    quint64 m_generation = 0; // bumped per resolve(): late keychain answers of older calls are ignored
    bool m_waitingForKeychain = false;
};

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::ResolvedToken)
