#include "import/kinds.h"

#include "import/kinds/accountimporter.h"
#include "import/kinds/callimporter.h"
#include "import/kinds/costimporter.h"
#include "import/kinds/eventlogimporter.h"
#include "import/kinds/qaimporter.h"
#include "import/kinds/surveyimporter.h"

#include <array>

namespace sl {

namespace {

constexpr std::array<std::pair<RecordKind, const char *>, 7> kindNames = {{
    {RecordKind::Tickets, "tickets"},
    {RecordKind::Calls, "calls"},
    {RecordKind::Surveys, "surveys"},
    {RecordKind::Customers, "customers"},
    {RecordKind::Costs, "costs"},
    {RecordKind::Qa, "qa"},
    {RecordKind::Events, "events"},
}};

} // namespace

QString recordKindName(RecordKind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<RecordKind> recordKindFromName(const QString &name)
{
    for (const auto &[kind, text] : kindNames) {
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

// Each kind's file adds its factory here.
std::vector<std::unique_ptr<KindImporter>> createKindImporters()
{
    std::vector<std::unique_ptr<KindImporter>> importers;
    importers.push_back(std::make_unique<AccountImporter>());
    importers.push_back(std::make_unique<CallImporter>());
    importers.push_back(std::make_unique<CostImporter>());
    importers.push_back(std::make_unique<QaImporter>());
    importers.push_back(std::make_unique<SurveyImporter>());
    importers.push_back(std::make_unique<EventLogImporter>());
    return importers;
}

} // namespace sl
