#pragma once

// A request's period and filter in words, for the line under a page's title.

#include "metrics/metricsquery.h"

#include <QCoreApplication>
#include <QString>

namespace sl::ui {

// "1 Mar 2025 – 31 Mar 2025", "since 1 Mar 2025", "all time".
QString periodDescription(const MetricsRequest &request);
// "Channel: Email, Chat · Agent: Ana" (empty for no filter).
QString filterDescription(const MetricsFilter &filter);

class RequestText
{
    Q_DECLARE_TR_FUNCTIONS(RequestText)
};

} // namespace sl::ui
