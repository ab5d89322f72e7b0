#include "shortcutsdialog.h"

#include "repopage/repopage.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMap>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hubgate {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text().isEmpty() ? action->toolTip() : action->text();
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    return text.section(QStringLiteral(" ("), 0, 0); // tooltips end with the key in brackets
}

QString groupOf(const QAction *action, QWidget *window)
{
    for (QObject *owner = action->parent(); owner && owner != window; owner = owner->parent())
        if (const auto *page = qobject_cast<const RepoPage *>(owner))
            return page->title().remove(QLatin1Char('&'));
    return ShortcutsDialog::tr("Window");
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setHeaderLabels({tr("Action"), tr("Keys")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    QMap<QString, QMap<QString, QString>> groups; // group -> action -> keys
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->isSeparator())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        groups[groupOf(action, window)].insert(plainText(action), keys.join(tr(" or ")));
    }
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        auto *header = new QTreeWidgetItem(m_list, {group.key()});
        QFont bold = header->font(0);
        bold.setBold(true);
        header->setFont(0, bold);
        header->setFirstColumnSpanned(true);
        for (auto it = group->cbegin(); it != group->cend(); ++it)
            new QTreeWidgetItem(header, {it.key(), it.value()});
    }
    m_list->expandAll();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(460, 520);
}

} // namespace hubgate
