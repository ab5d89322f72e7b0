#pragma once
// Adds a trusted publisher: a provider preset, its issuer and claims, each field checked as the
// user types with the message next to it, and warnings about weak set-ups. Non-modal; the owner
// sends the draft and reports the Hub's answer back with showHubError() or closes it.

#include "publishers/publisherpresets.h"
#include "publishers/publishervalidation.h"

#include <QDialog>
#include <QHash>
#include <QSet>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hubgate {

class PublisherDialog : public QDialog
{
    Q_OBJECT
public:
    // submitText: "Add" when the Hub takes publishers, "Keep Locally" when it does not.
    PublisherDialog(const QString &targetName, const QString &submitText, QWidget *parent = nullptr);

    void setProvider(PublisherProvider provider);
    PublisherProvider provider() const;
    PublisherDraft draft() const;
    PublisherValidation validation() const { return validatePublisher(draft()); }

    // The editor of a claim field, the issuer, or the preset's parameter (tests and focus).
    QLineEdit *claimEdit(const QString &name) const { return m_claimEdits.value(name); }
    QLineEdit *issuerEdit() const { return m_issuer; }
    QLineEdit *parameterEdit() const { return m_parameter; }
    QPlainTextEdit *rawClaimsEdit() const { return m_rawClaims; }
    QPushButton *submitButton() const { return m_submit; }
    // The inline message shown for a claim (or the issuer with an empty name); empty when none.
    QString shownProblem(const QString &claimName) const;
    QString shownWarnings() const;

    // The Hub refused the draft: shown in the dialog, which stays open.
    void showHubError(const QString &message);
    void setBusy(bool busy);

Q_SIGNALS:
    void submitted(const hubgate::PublisherDraft &draft);

private:
    void rebuildFields();
    void updateProblems();
    void growToFit();
    void submit();
    QLabel *problemLabel();
    PublisherClaims rawClaims(QString *problem) const;

    PublisherPreset m_preset;
    QComboBox *m_providerBox;
    QFormLayout *m_form;
    QLineEdit *m_issuer = nullptr;
    QLineEdit *m_parameter = nullptr;
    QPlainTextEdit *m_rawClaims = nullptr;
    QHash<QString, QLineEdit *> m_claimEdits;
    QHash<QString, QLabel *> m_problems; // claim name ("" for the issuer, "*" for the raw claims)
    QLabel *m_claimSetProblem;
    QLabel *m_warnings;
    QLabel *m_hubError;
    QPushButton *m_submit;
    bool m_showAll = false; // after a submit attempt, empty required fields are named too
    QSet<QString> m_touched;
};

} // namespace hubgate
