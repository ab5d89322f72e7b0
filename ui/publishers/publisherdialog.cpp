#include "publisherdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hubgate {

namespace {
const QString issuerKey; // m_problems key of the issuer (and of a preset's parameter)
const QString rawKey = QStringLiteral("*");
} // namespace

PublisherDialog::PublisherDialog(const QString &targetName, const QString &submitText, QWidget *parent)
    : QDialog(parent)
    , m_providerBox(new QComboBox(this))
    , m_form(new QFormLayout)
    , m_claimSetProblem(problemLabel())
    , m_warnings(new QLabel(this))
    , m_hubError(problemLabel())
    , m_submit(new QPushButton(submitText, this))
{
    setWindowTitle(tr("Add a Trusted Publisher"));
    setObjectName(QStringLiteral("publisherDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    for (PublisherProvider provider : allProviders())
        m_providerBox->addItem(providerDisplayName(provider), int(provider));
    m_providerBox->setObjectName(QStringLiteral("providerBox"));
    m_warnings->setObjectName(QStringLiteral("publisherWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_hubError->setObjectName(QStringLiteral("hubError"));
    m_submit->setObjectName(QStringLiteral("submitPublisher"));
    m_submit->setDefault(true);

    auto *intro = new QLabel(tr("CI jobs whose ID token has exactly these values may get a token for %1.")
                                 .arg(targetName), this);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_submit, QDialogButtonBox::AcceptRole);
    auto *top = new QFormLayout;
    top->addRow(tr("&Provider:"), m_providerBox);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(top);
    layout->addLayout(m_form);
    layout->addWidget(m_claimSetProblem);
    layout->addWidget(m_warnings);
    layout->addWidget(m_hubError);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_providerBox, &QComboBox::currentIndexChanged, this, &PublisherDialog::rebuildFields);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_submit, &QPushButton::clicked, this, &PublisherDialog::submit);
    rebuildFields();
    resize(520, sizeHint().height());
}

QLabel *PublisherDialog::problemLabel()
{
    auto *label = new QLabel(this);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setVisible(false);
    return label;
}

void PublisherDialog::setProvider(PublisherProvider provider)
{
    m_providerBox->setCurrentIndex(m_providerBox->findData(int(provider)));
}

PublisherProvider PublisherDialog::provider() const
{
    return static_cast<PublisherProvider>(m_providerBox->currentData().toInt());
}

void PublisherDialog::rebuildFields()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_claimEdits.clear();
    m_problems.clear();
    m_touched.clear();
    m_showAll = false;
    m_issuer = m_parameter = nullptr;
    m_rawClaims = nullptr;
    m_preset = publisherPreset(provider());

    auto addEdit = [this](const QString &key, const QString &label, const QString &placeholder,
                          const QString &help) {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(placeholder);
        edit->setToolTip(help);
        m_form->addRow(label, edit);
        QLabel *problem = problemLabel();
        m_form->addRow(QString(), problem);
        m_problems.insert(key, problem);
        connect(edit, &QLineEdit::textEdited, this, [this, key] {
            m_touched.insert(key);
            m_hubError->hide();
            updateProblems();
        });
        return edit;
    };
    if (m_preset.issuerInput == IssuerInput::FromParameter) {
        m_parameter = addEdit(issuerKey, m_preset.parameterLabel + QLatin1Char(':'), m_preset.parameterPlaceholder,
                              m_preset.issuerHelp);
        m_parameter->setObjectName(QStringLiteral("issuerParameter"));
    }
    m_issuer = new QLineEdit(m_preset.defaultIssuer, this);
    m_issuer->setObjectName(QStringLiteral("issuer"));
    m_issuer->setToolTip(m_preset.issuerHelp);
    // A Hub with a test issuer (an emulator) takes it for every provider, so it may be typed.
    m_issuer->setReadOnly(testIssuer().isEmpty() && (m_preset.issuerInput == IssuerInput::Fixed ||
                                                     m_preset.issuerInput == IssuerInput::FromParameter));
    m_form->addRow(tr("&Issuer:"), m_issuer);
    if (!m_parameter) {
        QLabel *problem = problemLabel();
        m_form->addRow(QString(), problem);
        m_problems.insert(issuerKey, problem);
        connect(m_issuer, &QLineEdit::textEdited, this, [this] {
            m_touched.insert(issuerKey);
            updateProblems();
        });
    } else {
        connect(m_parameter, &QLineEdit::textChanged, this, [this](const QString &value) {
            m_issuer->setText(value.trimmed().isEmpty() ? QString()
                                                       : issuerFromParameter(provider(), value.trimmed()));
        });
    }
    for (const ClaimField &field : std::as_const(m_preset.fields)) {
        const QString label = field.required ? tr("%1 (required):").arg(field.label) : field.label + QLatin1Char(':');
        QLineEdit *edit = addEdit(field.name, label, field.placeholder, field.help);
        edit->setObjectName(QStringLiteral("claim_") + field.name);
        m_claimEdits.insert(field.name, edit);
    }
    if (m_preset.rawClaims) {
        m_rawClaims = new QPlainTextEdit(this);
        m_rawClaims->setObjectName(QStringLiteral("rawClaims"));
        m_rawClaims->setPlaceholderText(tr("One claim a line, as name=value, e.g.\nsub=repo:acme/training:ref:refs/heads/main"));
        m_rawClaims->setFixedHeight(fontMetrics().lineSpacing() * 6);
        m_form->addRow(tr("&Claims:"), m_rawClaims);
        QLabel *problem = problemLabel();
        m_form->addRow(QString(), problem);
        m_problems.insert(rawKey, problem);
        connect(m_rawClaims, &QPlainTextEdit::textChanged, this, [this] {
            m_touched.insert(rawKey);
            updateProblems();
        });
    }
    m_hubError->hide();
    updateProblems();
}

PublisherClaims PublisherDialog::rawClaims(QString *problem) const
{
    PublisherClaims claims;
    if (!m_rawClaims)
        return claims;
    const QStringList lines = m_rawClaims->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (problem && problem->isEmpty())
                *problem = tr("Line %1 is not of the form name=value.").arg(i + 1);
            continue;
        }
        claims.append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    return claims;
}

PublisherDraft PublisherDialog::draft() const
{
    PublisherDraft draft;
    draft.provider = provider();
    draft.issuer = m_issuer ? m_issuer->text().trimmed() : QString();
    for (const ClaimField &field : std::as_const(m_preset.fields))
        draft.claims.append({field.name, m_claimEdits.value(field.name)->text().trimmed()});
    draft.claims += rawClaims(nullptr);
    draft.claims = filledClaims(draft.claims);
    return draft;
}

void PublisherDialog::updateProblems()
{
    const PublisherValidation result = validation();
    auto show = [this](const QString &key, const QString &message) {
        QLabel *label = m_problems.value(key);
        if (!label)
            return;
        const bool visible = !message.isEmpty() && (m_showAll || m_touched.contains(key));
        label->setText(visible ? message : QString());
        label->setVisible(visible);
    };
    show(issuerKey, m_parameter ? issuerParameterProblem(provider(), m_parameter->text().trimmed())
                                : result.issuerError());
    for (auto it = m_claimEdits.cbegin(); it != m_claimEdits.cend(); ++it)
        show(it.key(), result.errorFor(it.key()));
    if (m_rawClaims) {
        QString problem;
        rawClaims(&problem);
        for (const PublisherProblem &p : result.errors)
            if (problem.isEmpty() && p.where == PublisherProblem::Where::Claim)
                problem = p.message;
        show(rawKey, problem);
    }
    QStringList setProblems;
    for (const PublisherProblem &p : result.errors)
        if (p.where == PublisherProblem::Where::ClaimSet)
            setProblems << p.message;
    m_claimSetProblem->setText(setProblems.join(QLatin1Char('\n')));
    m_claimSetProblem->setVisible(m_showAll && !setProblems.isEmpty());
    QStringList warnings;
    for (const PublisherProblem &p : result.warnings)
        warnings << tr("Warning: %1").arg(p.message);
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    // Warnings once the user has started: a fresh form is not a weak set-up yet.
    m_warnings->setVisible(!warnings.isEmpty() && (m_showAll || !m_touched.isEmpty()));
    growToFit();
}

void PublisherDialog::growToFit()
{
    // Messages that wrap need more height than the form had.
    layout()->activate();
    const int wanted = layout()->totalHeightForWidth(width());
    if (wanted > height())
        resize(width(), wanted);
}

QString PublisherDialog::shownProblem(const QString &claimName) const
{
    const QLabel *label = m_problems.value(claimName);
    return label && label->isVisible() ? label->text() : QString();
}

QString PublisherDialog::shownWarnings() const
{
    return m_warnings->isVisible() ? m_warnings->text() : QString();
}

void PublisherDialog::submit()
{
    m_showAll = true;
    updateProblems();
    QString rawProblem;
    rawClaims(&rawProblem);
    if (!validation().isValid() || !rawProblem.isEmpty())
        return;
    m_hubError->hide();
    Q_EMIT submitted(draft());
}

void PublisherDialog::showHubError(const QString &message)
{
    setBusy(false);
    m_hubError->setText(message);
    m_hubError->setVisible(true);
    growToFit();
}

void PublisherDialog::setBusy(bool busy)
{
    m_submit->setEnabled(!busy);
    m_providerBox->setEnabled(!busy);
}

} // namespace hubgate
