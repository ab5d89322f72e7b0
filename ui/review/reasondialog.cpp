#include "reasondialog.h"

#include "decisions/decision.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace hubgate {

namespace {
const QString templatesKey = QStringLiteral("review/reasonTemplates");
}

QStringList ReasonDialog::savedTemplates()
{
    return QSettings().value(templatesKey).toStringList();
}

void ReasonDialog::saveTemplates(const QStringList &templates)
{
    QSettings().setValue(templatesKey, templates);
}

ReasonDialog::ReasonDialog(const QStringList &people, QWidget *parent)
    : QDialog(parent)
    , m_templates(new QComboBox(this))
    , m_edit(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_save(new QPushButton(tr("Save as &template"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    const int count = int(people.size());
    setWindowTitle(count == 1 ? tr("Reject %1").arg(people.constFirst()) : tr("Reject access requests"));
    auto *intro = new QLabel(count == 1 ? tr("Reject the request of %1. The reason is optional and is "
                                             "shown to them. A rejected user cannot ask again.")
                                              .arg(people.constFirst())
                                        : tr("Reject %Ln request(s). The reason is optional and is shown to "
                                             "the requesters. Rejected users cannot ask again.", nullptr, count),
                             this);
    intro->setObjectName(QStringLiteral("reasonIntro"));
    intro->setWordWrap(true);
    m_templates->setObjectName(QStringLiteral("reasonTemplates"));
    m_edit->setObjectName(QStringLiteral("reasonEdit"));
    m_edit->setTabChangesFocus(true);
    m_edit->setPlaceholderText(tr("Optional. Enter rejects, Shift+Enter starts a new line."));
    m_edit->setFixedHeight(90);
    m_counter->setObjectName(QStringLiteral("reasonCounter"));
    m_counter->setAlignment(Qt::AlignRight);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Reject"));

    m_templates->addItem(tr("Templates…"));
    m_templates->addItems(savedTemplates());
    connect(m_templates, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_edit->setPlainText(m_templates->itemText(index));
        m_remove->setEnabled(index > 0);
    });
    m_remove->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &ReasonDialog::saveCurrentAsTemplate);
    connect(m_remove, &QPushButton::clicked, this, &ReasonDialog::removeCurrentTemplate);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReasonDialog::updateCounter);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(m_templates, 1);
    templateRow->addWidget(m_save);
    templateRow->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(templateRow);
    layout->addWidget(m_edit);
    layout->addWidget(m_counter);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    // Enter rejects at once (Shift+Enter starts a new line): the keyboard path stays short.
    m_edit->installEventFilter(this);
    m_save->setAutoDefault(false);
    m_remove->setAutoDefault(false);
    m_edit->setFocus();
    updateCounter();
}

bool ReasonDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && !(key->modifiers() & Qt::ShiftModifier)) {
            if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
                accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

QString ReasonDialog::reason() const
{
    return m_edit->toPlainText().trimmed();
}

void ReasonDialog::updateCounter()
{
    const int length = reasonLength(reason());
    const bool tooLong = length > maxRejectionReasonLength;
    const QLocale locale;
    m_counter->setText(tooLong ? tr("%1 / %2: shorten the reason by %Ln character(s)", nullptr,
                                    length - maxRejectionReasonLength)
                                     .arg(locale.toString(length), locale.toString(maxRejectionReasonLength))
                               : tr("%1 / %2").arg(locale.toString(length), locale.toString(maxRejectionReasonLength)));
    m_counter->setStyleSheet(tooLong ? QStringLiteral("color: #b00020;") : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!tooLong);
    m_save->setEnabled(!reason().isEmpty() && !tooLong);
}

void ReasonDialog::saveCurrentAsTemplate()
{
    QStringList templates = savedTemplates();
    if (templates.contains(reason()))
        return;
    templates.append(reason());
    saveTemplates(templates);
    m_templates->addItem(reason());
    m_templates->setCurrentIndex(m_templates->count() - 1);
    m_remove->setEnabled(true);
}

void ReasonDialog::removeCurrentTemplate()
{
    const int index = m_templates->currentIndex();
    if (index <= 0)
        return;
    QStringList templates = savedTemplates();
    templates.removeAll(m_templates->itemText(index));
    saveTemplates(templates);
    m_templates->removeItem(index);
    m_templates->setCurrentIndex(0);
    m_remove->setEnabled(false);
}

} // namespace hubgate
