#include "gatepreview.h"

#include "countries/countries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextDocument>
#include <QVBoxLayout>

namespace hubgate {

PromptView::PromptView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("previewPrompt"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAutoFillBackground(false);
}

void PromptView::setPrompt(const QString &markdown)
{
    // NoHTML: tags in real cards show as text, and no <img> or <style> can reach anything.
    document()->setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub
                                                                      | QTextDocument::MarkdownNoHTML));
    setVisible(!markdown.trimmed().isEmpty());
    fitHeight();
}

QVariant PromptView::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    return {}; // no image, style sheet or page is ever fetched: not from the web, not from disk
}

void PromptView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    fitHeight();
}

void PromptView::fitHeight()
{
    document()->setTextWidth(viewport()->width());
    const int height = int(document()->size().height()) + 2 * frameWidth() + 4;
    if (height != this->height())
        setFixedHeight(height);
}

GatePreview::GatePreview(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel)
    , m_description(new QLabel)
    , m_prompt(new PromptView)
    , m_fieldsBox(new QWidget)
    , m_fields(new QFormLayout(m_fieldsBox))
    , m_eu(new QLabel)
    , m_notice(new QLabel)
    , m_button(new QPushButton)
{
    m_heading->setObjectName(QStringLiteral("previewHeading"));
    m_description->setObjectName(QStringLiteral("previewDescription"));
    m_notice->setObjectName(QStringLiteral("previewNotice"));
    m_button->setObjectName(QStringLiteral("previewButton"));
    QFont big = m_heading->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_heading->setFont(big);
    for (QLabel *label : {m_heading, m_description, m_eu, m_notice}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_notice->setStyleSheet(QStringLiteral("color: #555;"));
    m_eu->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_eu->setText(tr("Requests from the European Union are not accepted for this repository."));
    m_fields->setContentsMargins(0, 0, 0, 0);
    m_fields->setRowWrapPolicy(QFormLayout::WrapLongRows); // narrow previews put the control under its label
    m_button->setFocusPolicy(Qt::NoFocus); // a picture of the Hub's button, it sends nothing

    auto *card = new QFrame;
    card->setObjectName(QStringLiteral("previewCard"));
    card->setFrameShape(QFrame::StyledPanel);
    card->setAutoFillBackground(true);
    QPalette palette = card->palette();
    palette.setColor(QPalette::Window, palette.color(QPalette::Base));
    card->setPalette(palette);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(m_heading);
    layout->addWidget(m_description);
    layout->addWidget(m_prompt);
    layout->addWidget(m_fieldsBox);
    layout->addWidget(m_eu);
    layout->addWidget(m_notice);
    layout->addWidget(m_button, 0, Qt::AlignLeft);
    layout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(card);
    auto *title = new QLabel(tr("Preview: the request form as requesters see it"), this);
    title->setStyleSheet(QStringLiteral("color: gray;"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(title);
    outer->addWidget(scroll, 1);
}

QString GatePreview::defaultHeading(RepoKind kind)
{
    return kind == RepoKind::Dataset
        ? tr("You need to agree to share your contact information to access this dataset")
        : tr("You need to agree to share your contact information to access this model");
}

QString GatePreview::defaultDescription()
{
    return tr("This repository is publicly accessible, but you have to accept the conditions to access "
              "its files and content.");
}

QString GatePreview::defaultButton()
{
    return tr("Agree and send request to access repo");
}

void GatePreview::showForm(const GateSettings &settings, RepoKind kind)
{
    const auto orDefault = [](const std::optional<QString> &value, const QString &fallback) {
        return value && !value->isEmpty() ? *value : fallback;
    };
    m_heading->setText(orDefault(settings.heading, defaultHeading(kind)));
    m_description->setText(orDefault(settings.description, defaultDescription()));
    m_prompt->setPrompt(settings.prompt.value_or(QString()));
    m_button->setText(orDefault(settings.buttonContent, defaultButton()));
    m_eu->setVisible(settings.euDisallowed.value_or(false));
    m_notice->setText(kind == RepoKind::Dataset
                          ? tr("By clicking on the button, you agree to share your username and email "
                               "address with the dataset authors.")
                          : tr("By clicking on the button, you agree to share your username and email "
                               "address with the model authors."));

    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    using Type = GateFieldSpec::Type;
    for (const GateFieldSpec &field : settings.fields.value_or(QList<GateFieldSpec>())) {
        QWidget *control = nullptr;
        switch (field.type) {
        case Type::Text: {
            auto *edit = new QLineEdit;
            edit->setReadOnly(true);
            control = edit;
            break;
        }
        case Type::Checkbox:
            control = new QCheckBox(field.name);
            break;
        case Type::DatePicker: {
            // Empty until a date is picked, as on the Hub: the minimum date shows as a prompt.
            auto *date = new QDateEdit;
            date->setCalendarPopup(true);
            date->setMinimumDate(QDate(1900, 1, 1));
            date->setSpecialValueText(tr("Select a date"));
            date->setDate(date->minimumDate());
            control = date;
            break;
        }
        case Type::Country: {
            auto *combo = new QComboBox;
            combo->setPlaceholderText(tr("Select a country"));
            for (const auto &[code, name] : allCountries())
                combo->addItem(name, code);
            combo->setCurrentIndex(-1);
            control = combo;
            break;
        }
        case Type::Select: {
            auto *combo = new QComboBox;
            combo->setPlaceholderText(tr("Select an option"));
            for (const GateOption &option : field.options)
                combo->addItem(option.label, option.value);
            combo->setCurrentIndex(-1);
            control = combo;
            break;
        }
        case Type::IpLocation:
            control = new QLabel(tr("Filled in by the Hub: your location from your IP address"));
            break;
        case Type::Unknown:
            control = new QLabel(tr("A field of a type this preview does not know"));
            break;
        }
        control->setProperty("gateField", field.name);
        if (field.type == Type::Checkbox)
            m_fields->addRow(control); // the checkbox carries the label, as on the Hub
        else
            m_fields->addRow(field.name, control);
    }
    m_fieldsBox->setVisible(m_fields->rowCount() > 0);
}

QString GatePreview::heading() const { return m_heading->text(); }
QString GatePreview::description() const { return m_description->text(); }
QString GatePreview::promptText() const { return m_prompt->isHidden() ? QString() : m_prompt->toPlainText(); }
QString GatePreview::buttonText() const { return m_button->text(); }

QStringList GatePreview::fieldLabels() const
{
    QStringList labels;
    for (int row = 0; row < m_fields->rowCount(); ++row)
        labels << fieldControl(row)->property("gateField").toString();
    return labels;
}

QWidget *GatePreview::fieldControl(int row) const
{
    QLayoutItem *item = m_fields->itemAt(row, QFormLayout::FieldRole);
    if (!item)
        item = m_fields->itemAt(row, QFormLayout::SpanningRole);
    return item ? item->widget() : nullptr;
}

} // namespace hubgate
