#include "reviewcolumns.h"

#include "access/accessrequest.h"
#include "access/accessrequestmodel.h"

namespace hubgate {

QString ReviewColumns::keyOf(const AccessRequestModel &model, int column)
{
    switch (column) {
    case AccessRequestModel::User: return QStringLiteral("user");
    case AccessRequestModel::FullName: return QStringLiteral("fullname");
    case AccessRequestModel::Email: return QStringLiteral("email");
    case AccessRequestModel::RequestedAt: return QStringLiteral("requested");
    case AccessRequestModel::ReviewedAt: return QStringLiteral("reviewed");
    case AccessRequestModel::GrantedBy: return QStringLiteral("reviewer");
    case AccessRequestModel::Status: return QStringLiteral("status");
    default: break;
    }
    const int field = column - AccessRequestModel::FirstFieldColumn;
    if (field >= 0 && field < model.gateFields().size())
        return QStringLiteral("field:") + model.gateFields().at(field).name;
    return {};
}

bool ReviewColumns::hiddenByDefault(const QString &status, const QString &key)
{
    if (key == QLatin1String("status"))
        return knownRequestStatuses().contains(status); // a tab of unknown status may mix them
    if (status == QLatin1String("pending"))
        return key == QLatin1String("reviewed") || key == QLatin1String("reviewer");
    if (status == QLatin1String("rejected"))
        return key == QLatin1String("reviewer");
    return false;
}

ReviewColumns::ReviewColumns(QString settingsGroup)
    : m_group(std::move(settingsGroup))
{
}

bool ReviewColumns::isHidden(const QString &status, const QString &key) const
{
    if (!canHide(key))
        return false;
    const QSettings settings;
    const QString base = m_group + QLatin1Char('/') + status;
    if (settings.value(base + QStringLiteral("/shown")).toStringList().contains(key))
        return false;
    if (settings.value(base + QStringLiteral("/hidden")).toStringList().contains(key))
        return true;
    return hiddenByDefault(status, key);
}

void ReviewColumns::setHidden(const QString &status, const QString &key, bool hidden)
{
    if (!canHide(key))
        return;
    QSettings settings;
    const QString base = m_group + QLatin1Char('/') + status;
    QStringList shown = settings.value(base + QStringLiteral("/shown")).toStringList();
    QStringList hiddenKeys = settings.value(base + QStringLiteral("/hidden")).toStringList();
    shown.removeAll(key);
    hiddenKeys.removeAll(key);
    if (hidden != hiddenByDefault(status, key))
        (hidden ? hiddenKeys : shown).append(key);
    settings.setValue(base + QStringLiteral("/shown"), shown);
    settings.setValue(base + QStringLiteral("/hidden"), hiddenKeys);
}

void ReviewColumns::resetToDefaults(const QString &status)
{
    QSettings().remove(m_group + QLatin1Char('/') + status);
}

} // namespace hubgate
