#include "import/kinds.h"

#include "import/kinds/accountimporter.h"
#include "import/kinds/callimporter.h"
#include "import/kinds/costimporter.h"
#include "import/kinds/eventlogimporter.h"
#include "import/kinds/qaimporter.h"
#include "import/kinds/surveyimporter.h"

namespace sl {

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
