#include "gatepreview.h"

#include "common/wheelguard.h"
#include "countries/countries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace hubgate {

namespace {

QLabel *wrappingLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

// As narrow as the pane allows, not as wide as its longest entry.
QComboBox *shrinkingComboBox(const QString &placeholder)
{
    auto *combo = new QComboBox;
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
    combo->setPlaceholderText(placeholder);
    return combo;
}

// A checkbox whose label wraps, which the text of a QCheckBox never does.
QWidget *wrappingCheckBox(const QString &text)
{
    auto *box = new QWidget;
    auto *check = new QCheckBox(box);
    check->setAccessibleName(text);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(check, 0, Qt::AlignTop);
    row->addWidget(wrappingLabel(text), 1);
    return box;
}

} // namespace

PromptView::PromptView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("previewPrompt"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // long links and words too
    viewport()->setAutoFillBackground(false);
}

void PromptView::setPrompt(const QString &markdown)
{
    // NoHTML: tags in real cards show as text, and no <img> or <style> can reach anything.
    document()->setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub
                                                                      | QTextDocument::MarkdownNoHTML));
    // Code blocks come unbreakable; the pane has no horizontal scroll bar, so they wrap too.
    QTextCursor cursor(document());
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().nonBreakableLines()) {
            QTextBlockFormat format = block.blockFormat();
            format.setNonBreakableLines(false);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(format);
        }
    }
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
    , m_fields(new QVBoxLayout(m_fieldsBox))
    , m_eu(new QLabel)
    , m_notice(new QLabel)
    , m_button(new QLabel)
{
    m_heading->setObjectName(QStringLiteral("previewHeading"));
    m_description->setObjectName(QStringLiteral("previewDescription"));
    m_notice->setObjectName(QStringLiteral("previewNotice"));
    m_button->setObjectName(QStringLiteral("previewButton"));
    QFont big = m_heading->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_heading->setFont(big);
    for (QLabel *label : {m_heading, m_description, m_eu, m_notice, m_button}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_notice->setStyleSheet(QStringLiteral("color: #555;"));
    m_eu->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_eu->setText(tr("Requests from the European Union are not accepted for this repository."));
    // A picture of the Hub's button, it sends nothing; a label so that a long text wraps. The
    // padding is given as margins, which the label counts when it measures its text.
    m_button->setContentsMargins(12, 5, 12, 5);
    m_button->setIndent(0); // a label with a border indents its text by default
    m_button->setStyleSheet(QStringLiteral("#previewButton { border: 1px solid palette(mid); border-radius: 4px;"
                                           " background: palette(button); }"));
    // Each label above its control, as on the Hub; controls take the card's width. (Not a
    // QFormLayout: it does not make a row with wrapped text tall enough.)
    m_fields->setContentsMargins(0, 0, 0, 0);
    m_fields->setSpacing(10);

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
    layout->addWidget(m_button); // left, as wide as its text: see setButtonText()
    layout->addStretch();

    // Everything in the card wraps or shrinks to the pane's width: only vertical scrolling.
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("previewScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(card);
    m_wheelGuard = new WheelGuard(m_scroll);
    auto *title = new QLabel(tr("Preview: the request form as requesters see it"), this);
    title->setWordWrap(true);
    title->setStyleSheet(QStringLiteral("color: gray;"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(title);
    outer->addWidget(m_scroll, 1);
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
    setButtonText(orDefault(settings.buttonContent, defaultButton()));
    m_eu->setVisible(settings.euDisallowed.value_or(false));
    m_notice->setText(kind == RepoKind::Dataset
                          ? tr("By clicking on the button, you agree to share your username and email "
                               "address with the dataset authors.")
                          : tr("By clicking on the button, you agree to share your username and email "
                               "address with the model authors."));

    qDeleteAll(m_fieldsBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    m_controls.clear();
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
            control = wrappingCheckBox(field.name);
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
            QComboBox *combo = shrinkingComboBox(tr("Select a country"));
            for (const auto &[code, name] : allCountries())
                combo->addItem(name, code);
            combo->setCurrentIndex(-1);
            control = combo;
            break;
        }
        case Type::Select: {
            QComboBox *combo = shrinkingComboBox(tr("Select an option"));
            for (const GateOption &option : field.options)
                combo->addItem(option.label, option.value);
            combo->setCurrentIndex(-1);
            control = combo;
            break;
        }
        case Type::IpLocation:
            control = wrappingLabel(tr("Filled in by the Hub: your location from your IP address"));
            break;
        case Type::Unknown:
            control = wrappingLabel(tr("A field of a type this preview does not know"));
            break;
        }
        if (qobject_cast<QComboBox *>(control) || qobject_cast<QDateEdit *>(control))
            m_wheelGuard->guard(control);
        control->setProperty("gateField", field.name);
        auto *row = new QWidget(m_fieldsBox);
        auto *rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(4);
        if (field.type != Type::Checkbox) // the checkbox carries the label, as on the Hub
            rowLayout->addWidget(wrappingLabel(field.name));
        rowLayout->addWidget(control);
        m_fields->addWidget(row);
        m_controls << control;
    }
    m_fieldsBox->setVisible(!m_controls.isEmpty());
}

// The button is as wide as its text on one line, and wraps only when the pane is narrower. (Left
// to itself, a word-wrapped label picks a narrower width, which its row is not made tall enough for.)
void GatePreview::setButtonText(const QString &text)
{
    m_button->setText(text);
    const QMargins margins = m_button->contentsMargins();
    const int slack = 4; // the border, and rounding between measuring and laying out
    m_button->setMaximumWidth(m_button->fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + slack);
}

QString GatePreview::heading() const { return m_heading->text(); }
QString GatePreview::description() const { return m_description->text(); }
QString GatePreview::promptText() const { return m_prompt->isHidden() ? QString() : m_prompt->toPlainText(); }
QString GatePreview::buttonText() const { return m_button->text(); }

QStringList GatePreview::fieldLabels() const
{
    QStringList labels;
    for (const QWidget *control : m_controls)
        labels << control->property("gateField").toString();
    return labels;
}

QWidget *GatePreview::fieldControl(int row) const
{
    return m_controls.value(row);
}

} // namespace hubgate
