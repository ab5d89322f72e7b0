#include "gatefieldlist.h"

#include "common/wrappingrow.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hubgate {

namespace {

using Type = GateFieldSpec::Type;
const QList<Type> EditableTypes = {Type::Text, Type::Checkbox, Type::DatePicker,
                                   Type::Country, Type::Select, Type::IpLocation};

QLabel *problemLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setVisible(false);
    return label;
}

void showProblem(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace

GateFieldList::GateFieldList(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add field"), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
    , m_details(new QWidget(this))
    , m_name(new QLineEdit(m_details))
    , m_nameProblem(problemLabel(m_details, QStringLiteral("fieldNameProblem")))
    , m_type(new QComboBox(m_details))
    , m_unknownNote(new QLabel(m_details))
    , m_optionsBox(new QWidget(m_details))
    , m_options(new QTableWidget(0, 2, m_optionsBox))
    , m_optionsProblem(problemLabel(m_optionsBox, QStringLiteral("optionsProblem")))
{
    m_list->setObjectName(QStringLiteral("gateFields"));
    m_list->setMinimumHeight(120);
    // A long name is cut short with "…" (the tooltip shows it whole), never scrolled sideways.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_name->setObjectName(QStringLiteral("fieldName"));
    m_type->setObjectName(QStringLiteral("fieldType"));
    for (Type type : EditableTypes)
        m_type->addItem(gateFieldTypeName(type), int(type));
    m_unknownNote->setWordWrap(true);
    m_unknownNote->setStyleSheet(QStringLiteral("color: gray;"));
    m_options->setObjectName(QStringLiteral("selectOptions"));
    m_options->setHorizontalHeaderLabels({tr("Label"), tr("Value (if not the label)")});
    m_options->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_options->verticalHeader()->setVisible(false);
    m_options->setMinimumHeight(110);

    auto *addOption = new QPushButton(tr("Add o&ption"), m_optionsBox);
    auto *removeOption = new QPushButton(tr("Remove op&tion"), m_optionsBox);
    auto *optionButtons = new QHBoxLayout;
    optionButtons->addWidget(addOption);
    optionButtons->addWidget(removeOption);
    optionButtons->addStretch();
    auto *optionsLayout = new QVBoxLayout(m_optionsBox);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(m_options);
    optionsLayout->addLayout(optionButtons);
    optionsLayout->addWidget(m_optionsProblem);

    auto *details = new QFormLayout(m_details);
    m_detailsLayout = details;
    details->setContentsMargins(0, 0, 0, 0);
    details->setRowWrapPolicy(QFormLayout::WrapLongRows);
    details->addRow(tr("Field &name:"), m_name);
    details->addRow(QString(), m_nameProblem);
    details->addRow(tr("T&ype:"), m_type);
    details->addRow(QString(), m_unknownNote);
    details->addRow(tr("Options:"), m_optionsBox);

    // Two pairs, one under the other when the pane is narrow.
    auto *buttons = new WrappingRow(this);
    for (const auto &pair : {std::pair{m_add, m_remove}, std::pair{m_up, m_down}}) {
        auto *group = new QHBoxLayout;
        group->addWidget(pair.first);
        group->addWidget(pair.second);
        group->addStretch();
        buttons->addGroup(group, pair.first == m_up ? 1 : 0); // side by side, the room goes after the last
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    layout->addWidget(m_details);

    // Keys work wherever the focus is in the fields part of the form.
    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
    };
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveCurrent(-1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveCurrent(1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Insert), [this] { addField(); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Delete), [this] { removeCurrent(); });

    connect(m_list, &QListWidget::currentRowChanged, this, &GateFieldList::showCurrent);
    connect(m_add, &QPushButton::clicked, this, &GateFieldList::addField);
    connect(m_remove, &QPushButton::clicked, this, &GateFieldList::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_name, &QLineEdit::textEdited, this, &GateFieldList::onNameEdited);
    connect(m_type, &QComboBox::activated, this, &GateFieldList::onTypeChosen);
    connect(m_options, &QTableWidget::itemChanged, this, &GateFieldList::onOptionsEdited);
    connect(addOption, &QPushButton::clicked, this, &GateFieldList::addOption);
    connect(removeOption, &QPushButton::clicked, this, &GateFieldList::removeOption);
    showCurrent();
}

void GateFieldList::setFields(const QList<GateFieldSpec> &fields)
{
    m_fields = fields;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int row = 0; row < int(m_fields.size()); ++row) {
        m_list->addItem(QString());
        refreshItem(row);
    }
    m_list->setCurrentRow(m_fields.isEmpty() ? -1 : 0);
    showCurrent();
}

void GateFieldList::setProblems(const QList<GateProblem> &problems)
{
    m_problems = problems;
    for (int row = 0; row < int(m_fields.size()); ++row)
        refreshItem(row);
    const int row = m_list->currentRow();
    showProblem(m_nameProblem, problemFor(row, false));
    showProblem(m_optionsProblem, problemFor(row, true));
}

QString GateFieldList::problemFor(int row, bool optionsProblem) const
{
    for (const GateProblem &problem : m_problems) {
        const bool aboutOptions = problem.kind == GateProblem::Kind::SelectWithoutOptions;
        if (problem.fieldIndex == row && row >= 0 && aboutOptions == optionsProblem)
            return problem.message;
    }
    return {};
}

void GateFieldList::refreshItem(int row)
{
    QListWidgetItem *item = m_list->item(row);
    const GateFieldSpec &field = m_fields.at(row);
    const QString type = field.isEditable() ? gateFieldTypeName(field.type) : tr("kept as written");
    const QString name = field.name.isEmpty() ? tr("(no name)") : field.name;
    item->setText(tr("%1 — %2").arg(name, type));
    QFont font = item->font();
    font.setItalic(!field.isEditable());
    item->setFont(font);
    const QString problem = problemFor(row, false) + problemFor(row, true);
    item->setForeground(!problem.isEmpty() ? QColor(0xb0, 0x00, 0x20)
                                           : field.isEditable() ? palette().text().color()
                                                                : palette().placeholderText().color());
    item->setToolTip(problem.isEmpty() ? item->text() : problem);
}

void GateFieldList::showCurrent()
{
    const int row = m_list->currentRow();
    const bool has = row >= 0 && row < int(m_fields.size());
    m_remove->setEnabled(has);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row + 1 < int(m_fields.size()));
    m_details->setEnabled(has);
    const QSignalBlocker b1(m_name), b2(m_type), b3(m_options);
    const GateFieldSpec field = has ? m_fields.at(row) : GateFieldSpec();
    m_name->setText(field.name);
    m_name->setReadOnly(!field.isEditable());
    m_type->setEnabled(field.isEditable());
    m_type->setCurrentIndex(field.isEditable() ? int(EditableTypes.indexOf(field.type)) : -1);
    m_type->setPlaceholderText(tr("unknown type"));
    m_unknownNote->setText(tr("This field's type is not one the editor knows; it is kept exactly as "
                              "the card writes it:\n%1")
                               .arg(QString::fromUtf8(field.sourceText.trimmed())));
    // Rows, not only their widgets, so no empty label is left behind.
    m_detailsLayout->setRowVisible(m_optionsBox, field.type == Type::Select);
    m_detailsLayout->setRowVisible(m_unknownNote, !field.isEditable());
    m_options->setRowCount(0);
    for (const GateOption &option : field.options) {
        const int r = m_options->rowCount();
        m_options->insertRow(r);
        m_options->setItem(r, 0, new QTableWidgetItem(option.label));
        m_options->setItem(r, 1, new QTableWidgetItem(option.labelled ? option.value : QString()));
    }
    showProblem(m_nameProblem, problemFor(row, false));
    showProblem(m_optionsProblem, problemFor(row, true));
}

void GateFieldList::addField()
{
    GateFieldSpec field;
    field.name = tr("New field");
    const int row = m_list->currentRow() + 1; // after the selected one, or first
    m_fields.insert(row, field);
    m_list->insertItem(row, QString());
    refreshItem(row);
    m_list->setCurrentRow(row);
    m_name->setFocus();
    m_name->selectAll();
    Q_EMIT edited();
}

void GateFieldList::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_fields.removeAt(row);
    delete m_list->takeItem(row);
    showCurrent();
    Q_EMIT edited();
}

void GateFieldList::moveCurrent(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= int(m_fields.size()))
        return;
    m_fields.move(row, to);
    const QSignalBlocker blocker(m_list);
    m_list->insertItem(to, m_list->takeItem(row));
    m_list->setCurrentRow(to);
    showCurrent();
    Q_EMIT edited();
}

void GateFieldList::onNameEdited(const QString &name)
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_fields[row].name = name;
    refreshItem(row);
    Q_EMIT edited();
}

void GateFieldList::onTypeChosen(int index)
{
    const int row = m_list->currentRow();
    if (row < 0 || index < 0)
        return;
    GateFieldSpec &field = m_fields[row];
    field.type = Type(m_type->itemData(index).toInt());
    if (field.type == Type::Select)
        field.form = GateFieldSpec::Form::Mapping; // options need the mapping form
    else
        field.options.clear();
    refreshItem(row);
    showCurrent();
    Q_EMIT edited();
}

void GateFieldList::onOptionsEdited()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    QList<GateOption> options;
    for (int r = 0; r < m_options->rowCount(); ++r) {
        const QString label = m_options->item(r, 0) ? m_options->item(r, 0)->text() : QString();
        const QString value = m_options->item(r, 1) ? m_options->item(r, 1)->text() : QString();
        if (label.isEmpty() && value.isEmpty())
            continue; // a row being filled in
        options << (value.isEmpty() ? GateOption{label, label, false} : GateOption{label, value, true});
    }
    m_fields[row].options = options;
    Q_EMIT edited();
}

void GateFieldList::addOption()
{
    const int r = m_options->rowCount();
    m_options->insertRow(r);
    m_options->setCurrentCell(r, 0);
    m_options->setFocus();
}

void GateFieldList::removeOption()
{
    const int r = m_options->currentRow();
    if (r < 0)
        return;
    m_options->removeRow(r);
    onOptionsEdited();
}

} // namespace hubgate
