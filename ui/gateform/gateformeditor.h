#pragma once
// The typed editor of a card's gate keys: prompt (Markdown), heading, description, button text,
// EU restriction and the fields. It starts from the card's keys and gives back the settings to
// write; a key the user did not touch stays exactly as the card has it, and keys the card holds
// in a shape the editor cannot show are read-only.

#include "card/gatevalidation.h"
#include "hub/repo.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace hubgate {

class GateFieldList;

class GateFormEditor : public QWidget
{
    Q_OBJECT
public:
    explicit GateFormEditor(QWidget *parent = nullptr);

    // The card as read: what "unchanged" means, and which keys are read-only.
    void setCard(const GateCard &card, RepoKind kind);
    // Fills the controls (the card's settings, or edits restored on top of it).
    void setSettings(const GateSettings &settings);
    GateSettings settings() const;
    void setProblems(const QList<GateProblem> &problems);

    QPlainTextEdit *promptEdit() const { return m_prompt; }
    QLineEdit *headingEdit() const { return m_heading; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QLineEdit *buttonEdit() const { return m_button; }
    QCheckBox *euCheck() const { return m_eu; }
    GateFieldList *fieldList() const { return m_fields; }

Q_SIGNALS:
    void edited();

private:
    GateSettings m_original;
    QPlainTextEdit *m_prompt;
    QLabel *m_promptProblem;
    QLineEdit *m_heading;
    QLineEdit *m_description;
    QLineEdit *m_button;
    QCheckBox *m_eu;
    GateFieldList *m_fields;
    QLabel *m_readOnlyNote;
};

} // namespace hubgate
