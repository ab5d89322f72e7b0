#pragma once
// Which request columns each status tab shows. By default a tab leaves out what adds nothing
// there (Status on a status tab, review columns on Pending, the reviewer of rejections, which the
// Hub does not list); what the user picks in the column chooser is remembered per tab.

#include <QSettings>
#include <QString>

namespace hubgate {

class AccessRequestModel;

class ReviewColumns
{
public:
    // A stable name for a column across repos and reloads: "user", ..., "field:<name>".
    static QString keyOf(const AccessRequestModel &model, int column);
    static bool canHide(const QString &key) { return key != QLatin1String("user"); }
    static bool hiddenByDefault(const QString &status, const QString &key);

    explicit ReviewColumns(QString settingsGroup = QStringLiteral("review/columns"));
    bool isHidden(const QString &status, const QString &key) const;
    void setHidden(const QString &status, const QString &key, bool hidden);
    void resetToDefaults(const QString &status);

private:
    QString m_group;
};

} // namespace hubgate
