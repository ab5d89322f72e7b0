#pragma once
// Asks for an optional rejection reason (shown to the requester, at most 200 characters), with
// reason templates the user can save and reuse.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace hubgate {

class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    // people: how each selected requester is shown ("Ada Lovelace (@ada)"); one is named.
    explicit ReasonDialog(const QStringList &people, QWidget *parent = nullptr);
    QString reason() const;

    static QStringList savedTemplates();
    static void saveTemplates(const QStringList &templates);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCounter();
    void saveCurrentAsTemplate();
    void removeCurrentTemplate();

    QComboBox *m_templates;
    QPlainTextEdit *m_edit;
    QLabel *m_counter;
    QPushButton *m_save;
    QPushButton *m_remove;
    QDialogButtonBox *m_buttons;
};

} // namespace hubgate
