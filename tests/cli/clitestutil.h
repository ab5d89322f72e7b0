#pragma once
// Runs the real hubgate program the way a user would in a terminal without a desktop: no
// display, no D-Bus session, a throw-away home, and only the Hub settings a test gives it.

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

namespace clitest {

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;

    QStringList outLines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    // For QVERIFY2 messages.
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout (first 600)\n%2\n--- stderr\n%3").arg(exitCode).arg(out.left(600), err);
    }
};

// A home of its own, with an empty HF_HOME and an empty configuration: nothing of the
// developer's own tokens, keychain or preferences can leak into a test.
class Sandbox
{
public:
    Sandbox()
    {
        m_env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "HF_TOKEN",
                                 "HF_ENDPOINT", "HF_HOME", "XDG_CACHE_HOME", "HF_TOKEN_PATH"})
            m_env.remove(QString::fromLatin1(name));
        const QString root = m_dir.path();
        QDir(root).mkpath(QStringLiteral("config"));
        QDir(root).mkpath(QStringLiteral("hf"));
        m_env.insert(QStringLiteral("HOME"), root);
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), root + QStringLiteral("/config"));
        m_env.insert(QStringLiteral("HF_HOME"), root + QStringLiteral("/hf"));
    }
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QProcessEnvironment &env() { return m_env; }
    void set(const QString &name, const QString &value) { m_env.insert(name, value); }
    void unset(const QString &name) { m_env.remove(name); }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

// Starts the program and lets the event loop run while it works (an in-process emulator must
// keep answering), up to timeoutMs.
inline Run runHubgate(const QStringList &arguments, const QProcessEnvironment &env, int timeoutMs = 60000)
{
    QProcess process;
    process.setProgram(QStringLiteral(HUBGATE_PROGRAM));
    process.setArguments(arguments);
    process.setProcessEnvironment(env);
    process.start();
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    run.finished = QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace clitest
