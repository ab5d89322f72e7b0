#include "gatevalidation.h"

#include <QCoreApplication>

namespace hubgate {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::GateValidation)
};

} // namespace

QList<GateProblem> validateGate(const GateSettings &settings)
{
    QList<GateProblem> problems;
    if (settings.prompt && settings.prompt->size() > MaxGatePromptLength) {
        problems.append({GateProblem::Kind::PromptTooLong, gatekeys::Prompt, -1,
                         Text::tr("The prompt has %1 characters; at most %2 are accepted.")
                             .arg(settings.prompt->size())
                             .arg(MaxGatePromptLength)});
    }
    const QList<GateFieldSpec> fields = settings.fields.value_or(QList<GateFieldSpec>());
    QStringList seen;
    for (int i = 0; i < fields.size(); ++i) {
        const GateFieldSpec &field = fields.at(i);
        const QString name = field.name.trimmed();
        if (name.isEmpty()) {
            problems.append({GateProblem::Kind::EmptyFieldName, gatekeys::Fields, i,
                             Text::tr("Every field needs a name.")});
        } else if (seen.contains(name)) {
            problems.append({GateProblem::Kind::DuplicateFieldName, gatekeys::Fields, i,
                             Text::tr("Another field is already called “%1”.").arg(name)});
        }
        seen << name;
        if (field.type == GateFieldSpec::Type::Select && field.options.isEmpty()) {
            problems.append({GateProblem::Kind::SelectWithoutOptions, gatekeys::Fields, i,
                             Text::tr("The list “%1” needs at least one option.").arg(name)});
        }
    }
    return problems;
}

} // namespace hubgate
