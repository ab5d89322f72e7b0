#include "gateformeditor.h"

#include "gatefieldlist.h"
#include "gatepreview.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace hubgate {

namespace {

// An untouched text keeps the card's value (or absence); an emptied one removes the key.
std::optional<QString> textValue(const std::optional<QString> &original, const QString &text)
{
    if (text == original.value_or(QString()))
        return original;
    if (text.isEmpty())
        return std::nullopt;
    return text;
}

} // namespace

GateFormEditor::GateFormEditor(QWidget *parent)
    : QWidget(parent)
    , m_prompt(new QPlainTextEdit(this))
    , m_promptProblem(new QLabel(this))
    , m_heading(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_button(new QLineEdit(this))
    , m_eu(new QCheckBox(tr("Refuse requests from the &European Union"), this))
    , m_fields(new GateFieldList(this))
    , m_readOnlyNote(new QLabel(this))
{
    m_prompt->setObjectName(QStringLiteral("gatePrompt"));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setPlaceholderText(tr("Markdown shown above the form, for example the license terms"));
    m_prompt->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_prompt->setMinimumHeight(120);
    m_promptProblem->setObjectName(QStringLiteral("promptProblem"));
    m_promptProblem->setWordWrap(true);
    m_promptProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_promptProblem->setVisible(false);
    m_heading->setObjectName(QStringLiteral("gateHeading"));
    m_description->setObjectName(QStringLiteral("gateDescription"));
    m_button->setObjectName(QStringLiteral("gateButton"));
    m_eu->setObjectName(QStringLiteral("gateEuDisallowed"));
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setStyleSheet(QStringLiteral("color: gray;"));
    m_readOnlyNote->setVisible(false);

    auto *texts = new QGroupBox(tr("Request form"), this);
    auto *form = new QFormLayout(texts);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Heading:"), m_heading);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Button:"), m_button);
    form->addRow(tr("&Prompt:"), m_prompt);
    form->addRow(QString(), m_promptProblem);
    form->addRow(QString(), m_eu);
    form->addRow(m_readOnlyNote);
    auto *fieldsBox = new QGroupBox(tr("Fields, in form order"), this);
    auto *fieldsLayout = new QVBoxLayout(fieldsBox);
    fieldsLayout->addWidget(m_fields);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(texts);
    layout->addWidget(fieldsBox, 1);

    connect(m_prompt, &QPlainTextEdit::textChanged, this, &GateFormEditor::edited);
    for (QLineEdit *edit : {m_heading, m_description, m_button})
        connect(edit, &QLineEdit::textEdited, this, &GateFormEditor::edited);
    connect(m_eu, &QCheckBox::toggled, this, &GateFormEditor::edited);
    connect(m_fields, &GateFieldList::edited, this, &GateFormEditor::edited);
}

void GateFormEditor::setCard(const GateCard &card, RepoKind kind)
{
    m_original = card.settings;
    m_original.keepAsIs += QSet<QString>(card.foreignKeys.cbegin(), card.foreignKeys.cend());
    const QSet<QString> &keep = m_original.keepAsIs;
    m_prompt->setReadOnly(keep.contains(gatekeys::Prompt));
    m_heading->setReadOnly(keep.contains(gatekeys::Heading));
    m_description->setReadOnly(keep.contains(gatekeys::Description));
    m_button->setReadOnly(keep.contains(gatekeys::ButtonContent));
    m_eu->setEnabled(!keep.contains(gatekeys::EuDisallowed));
    m_fields->setEnabled(!keep.contains(gatekeys::Fields));
    m_readOnlyNote->setVisible(!card.foreignKeys.isEmpty());
    m_readOnlyNote->setText(tr("Kept as the card writes them (not in a shape this editor shows): %1")
                                .arg(card.foreignKeys.join(QLatin1String(", "))));
    m_heading->setPlaceholderText(GatePreview::defaultHeading(kind));
    m_description->setPlaceholderText(GatePreview::defaultDescription());
    m_button->setPlaceholderText(GatePreview::defaultButton());
}

void GateFormEditor::setSettings(const GateSettings &settings)
{
    {
        const QSignalBlocker b1(m_prompt), b2(m_eu);
        m_prompt->setPlainText(settings.prompt.value_or(QString()));
        m_heading->setText(settings.heading.value_or(QString()));
        m_description->setText(settings.description.value_or(QString()));
        m_button->setText(settings.buttonContent.value_or(QString()));
        for (QLineEdit *edit : {m_heading, m_description, m_button})
            edit->setCursorPosition(0); // a text wider than its box shows its start
        m_eu->setChecked(settings.euDisallowed.value_or(false));
        m_fields->setFields(settings.fields.value_or(QList<GateFieldSpec>()));
    }
    Q_EMIT edited();
}

GateSettings GateFormEditor::settings() const
{
    GateSettings s = m_original;
    const QSet<QString> &keep = m_original.keepAsIs;
    if (!keep.contains(gatekeys::Prompt))
        s.prompt = textValue(m_original.prompt, m_prompt->toPlainText());
    if (!keep.contains(gatekeys::Heading))
        s.heading = textValue(m_original.heading, m_heading->text());
    if (!keep.contains(gatekeys::Description))
        s.description = textValue(m_original.description, m_description->text());
    if (!keep.contains(gatekeys::ButtonContent))
        s.buttonContent = textValue(m_original.buttonContent, m_button->text());
    if (!keep.contains(gatekeys::EuDisallowed) && m_eu->isChecked() != m_original.euDisallowed.value_or(false))
        s.euDisallowed = m_eu->isChecked();
    if (!keep.contains(gatekeys::Fields)) {
        const QList<GateFieldSpec> &fields = m_fields->fields();
        if (fields != m_original.fields.value_or(QList<GateFieldSpec>())) // no fields left: the key goes
            s.fields = fields.isEmpty() ? std::nullopt : std::optional<QList<GateFieldSpec>>(fields);
    }
    return s;
}

void GateFormEditor::setProblems(const QList<GateProblem> &problems)
{
    QString promptProblem;
    for (const GateProblem &problem : problems) {
        if (problem.key == gatekeys::Prompt)
            promptProblem = problem.message;
    }
    m_promptProblem->setText(promptProblem);
    m_promptProblem->setVisible(!promptProblem.isEmpty());
    m_fields->setProblems(problems);
}

} // namespace hubgate
