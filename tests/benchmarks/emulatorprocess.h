#pragma once
// Starts a hubgate-emulator process for a benchmark and waits, on its output signal, until it
// says where it listens.

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrl>

#include <cstdio>

// The emulator's base URL; empty (with what it said on stderr) if it did not start in time.
inline QUrl startEmulator(QProcess &emulator, const QString &program, const QStringList &arguments, int timeoutMs)
{
    emulator.start(program, arguments);
    static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QByteArray said;
    while (true) {
        QSignalSpy output(&emulator, &QProcess::readyReadStandardError);
        if (!output.wait(timeoutMs))
            break;
        said += emulator.readAllStandardError();
        const auto match = listening.match(QString::fromUtf8(said));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    std::fprintf(stderr, "the emulator did not start: %s\n", said.constData());
    return {};
}
