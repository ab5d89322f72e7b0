#pragma once
// Help ▸ Keyboard Shortcuts: every action of the window and of its repo pages that has a key,
// read from the actions themselves so the list cannot drift from what the keys do.

#include <QDialog>

class QTreeWidget;

namespace hubgate {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window);
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};

} // namespace hubgate
