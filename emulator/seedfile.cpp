#include "seedfile.h"

#include <QFile>

namespace emu {

QString demoSeedPath()
{
    return QStringLiteral(":/emulator/demo-hub.json");
}

bool loadSeedFile(const QString &path, HubState *state, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray data = file.readAll();
    try {
        const Json json = Json::parse(data.begin(), data.end());
        *state = HubState::fromJson(json);
    } catch (const std::exception &e) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

} // namespace emu
