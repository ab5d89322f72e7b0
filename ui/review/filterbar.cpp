#include "filterbar.h"

#include "access/accessrequestfilter.h"
#include "common/drawnicons.h"
#include "common/wrappingrow.h"
#include "countries/countries.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

namespace hubgate {

FilterBar::FilterBar(AccessRequestFilter *filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_search(new QLineEdit(this))
    , m_searchState(new QAction(m_search))
    , m_field(new QComboBox(this))
    , m_value(new QComboBox(this))
    , m_useDates(new QCheckBox(tr("Requested &between"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_count(new QLabel(this))
{
    m_search->setObjectName(QStringLiteral("requestSearch"));
    m_search->setPlaceholderText(tr("Search user, name, e-mail, answers (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    // Always there, so the text does not move when it turns into an hourglass.
    m_searchState->setObjectName(QStringLiteral("searchState"));
    m_search->addAction(m_searchState, QLineEdit::LeadingPosition);
    showFiltering(m_filter->isFiltering());
    m_field->setObjectName(QStringLiteral("filterField"));
    m_field->setMinimumContentsLength(16);
    m_value->setObjectName(QStringLiteral("filterValue"));
    m_value->setEnabled(false);
    m_value->setMinimumContentsLength(14);
    m_useDates->setObjectName(QStringLiteral("filterDates"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_from->setObjectName(QStringLiteral("filterFrom"));
    m_to->setObjectName(QStringLiteral("filterTo"));
    m_from->setDate(QDate::currentDate().addMonths(-1));
    m_to->setDate(QDate::currentDate());
    m_count->setObjectName(QStringLiteral("requestCount"));
    m_count->setMinimumWidth(120);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_count);
    auto *answerFilter = new QHBoxLayout;
    answerFilter->addWidget(new QLabel(tr("Filter:"), this));
    answerFilter->addWidget(m_field);
    answerFilter->addWidget(m_value, 1);
    auto *dateFilter = new QHBoxLayout;
    dateFilter->addSpacing(12);
    dateFilter->addWidget(m_useDates);
    dateFilter->addWidget(m_from);
    dateFilter->addWidget(new QLabel(tr("and"), this));
    dateFilter->addWidget(m_to);
    dateFilter->addStretch();
    auto *filterRow = new WrappingRow(this); // the dates go on a line of their own when narrow
    filterRow->setObjectName(QStringLiteral("filterRow"));
    filterRow->addGroup(answerFilter, 1);
    filterRow->addGroup(dateFilter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addWidget(filterRow);

    connect(m_search, &QLineEdit::textChanged, m_filter, &AccessRequestFilter::setSearchText);
    connect(m_filter, &AccessRequestFilter::filteringChanged, this, &FilterBar::showFiltering);
    connect(m_searchState, &QAction::triggered, this, &FilterBar::focusSearch);
    // Escape in the search clears it (a second Escape leaves it for the table).
    auto *clearSearch = new QAction(m_search);
    clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    m_search->addAction(clearSearch);
    connect(clearSearch, &QAction::triggered, this, [this] {
        if (!m_search->text().isEmpty())
            m_search->clear();
        else
            Q_EMIT searchLeft();
    });
    connect(m_field, &QComboBox::currentIndexChanged, this, &FilterBar::onFieldChosen);
    connect(m_value, &QComboBox::currentIndexChanged, this, &FilterBar::applyFieldFilter);
    connect(m_useDates, &QCheckBox::toggled, this, &FilterBar::applyDates);
    connect(m_from, &QDateEdit::dateChanged, this, &FilterBar::applyDates);
    connect(m_to, &QDateEdit::dateChanged, this, &FilterBar::applyDates);
    setGateFields({});
}

void FilterBar::setGateFields(const QList<GateField> &fields)
{
    m_fields.clear();
    const QSignalBlocker blocker(m_field);
    m_field->clear();
    m_field->addItem(tr("Any answer"));
    for (const GateField &field : fields) {
        if (field.type == GateField::Type::Country || field.type == GateField::Type::Select ||
            field.type == GateField::Type::Checkbox) {
            m_fields.append(field);
            m_field->addItem(field.name);
        }
    }
    m_field->setEnabled(!m_fields.isEmpty());
    m_field->setToolTip(m_fields.isEmpty() ? tr("This gate form has no country, select or checkbox field")
                                           : QString());
    onFieldChosen(0);
}

void FilterBar::onFieldChosen(int index)
{
    m_filter->clearFieldFilters();
    m_activeField.clear();
    const QSignalBlocker blocker(m_value);
    m_value->clear();
    m_value->setEnabled(index > 0);
    if (index <= 0)
        return;
    const GateField &field = m_fields[index - 1];
    m_activeField = field.name;
    m_value->addItem(tr("Any value"), QString());
    switch (field.type) {
    case GateField::Type::Checkbox:
        m_value->addItem(tr("Ticked"), QStringLiteral("checked"));
        m_value->addItem(tr("Not ticked"), QStringLiteral("unchecked"));
        break;
    case GateField::Type::Select:
        for (qsizetype i = 0; i < field.optionValues.size(); ++i)
            m_value->addItem(field.optionLabels.value(i, field.optionValues[i]), field.optionValues[i]);
        break;
    case GateField::Type::Country:
        for (const auto &[code, name] : allCountries())
            m_value->addItem(tr("%1 (%2)").arg(name, code), code);
        break;
    default:
        break;
    }
}

void FilterBar::applyFieldFilter()
{
    if (!m_activeField.isEmpty())
        m_filter->setFieldFilter(m_activeField, m_value->currentData().toString());
}

void FilterBar::applyDates()
{
    const bool on = m_useDates->isChecked();
    m_from->setEnabled(on);
    m_to->setEnabled(on);
    m_filter->setDateRange(on ? m_from->date() : QDate(), on ? m_to->date() : QDate());
}

void FilterBar::showFiltering(bool busy)
{
    m_searchState->setIcon(searchIcon(busy));
    m_searchState->setToolTip(busy ? tr("Filtering the requests…") : tr("Search"));
}

void FilterBar::setCounts(int shown, int total)
{
    const QLocale locale;
    m_count->setText(shown == total ? tr("%Ln request(s)", nullptr, total)
                                    : tr("%1 of %2").arg(locale.toString(shown), locale.toString(total)));
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::clearFilters()
{
    m_search->clear();
    m_field->setCurrentIndex(0);
    m_useDates->setChecked(false);
}

} // namespace hubgate
