#pragma once
// The request form as a requester sees it on the Hub: the heading and description (the Hub's
// own when the card sets none), the prompt rendered as Markdown, one control per field, the
// notice that contact information is shared, and the button. Nothing in it loads remote content.

#include "card/gatecard.h"
#include "hub/repo.h"

#include <QTextBrowser>
#include <QWidget>

class QVBoxLayout;
class QLabel;
class QScrollArea;

namespace hubgate {

// The prompt's Markdown, raw HTML shown as text, images and links never fetched.
class PromptView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit PromptView(QWidget *parent = nullptr);
    void setPrompt(const QString &markdown);
    QVariant loadResource(int type, const QUrl &name) override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();
};

class WheelGuard;

class GatePreview : public QWidget
{
    Q_OBJECT
public:
    explicit GatePreview(QWidget *parent = nullptr);

    void showForm(const GateSettings &settings, RepoKind kind);

    // The Hub's texts when the card sets none.
    static QString defaultHeading(RepoKind kind);
    static QString defaultDescription();
    static QString defaultButton();

    QString heading() const;
    QString description() const;
    QString promptText() const;
    QString buttonText() const;
    QStringList fieldLabels() const; // in form order
    QWidget *fieldControl(int row) const;
    QScrollArea *scrollArea() const { return m_scroll; }

private:
    void setButtonText(const QString &text);

    QLabel *m_heading;
    QLabel *m_description;
    PromptView *m_prompt;
    QWidget *m_fieldsBox;
    QVBoxLayout *m_fields;
    QList<QWidget *> m_controls; // in form order
    QLabel *m_eu;
    QLabel *m_notice;
    QLabel *m_button;
    QScrollArea *m_scroll = nullptr;
    WheelGuard *m_wheelGuard = nullptr;
};

} // namespace hubgate
