#include "services/requesttext.h"

#include <QLocale>

namespace sl::ui {

QString periodDescription(const MetricsRequest &request)
{
    const QLocale locale;
    const QString from = request.from ? locale.toString(*request.from, QLocale::ShortFormat) : QString();
    const QString to = request.to ? locale.toString(*request.to, QLocale::ShortFormat) : QString();
    if (request.from && request.to)
        return request.from == request.to ? from : RequestText::tr("%1 – %2").arg(from, to);
    if (request.from)
        return RequestText::tr("since %1").arg(from);
    if (request.to)
        return RequestText::tr("until %1").arg(to);
    return RequestText::tr("all time");
}

QString filterDescription(const MetricsFilter &filter)
{
    QStringList parts;
    const auto add = [&](const QString &label, const QStringList &values) {
        if (!values.isEmpty())
            parts.append(label.arg(QLocale().createSeparatedList(values)));
    };
    add(RequestText::tr("Channel: %1"), filter.channels);
    add(RequestText::tr("Agent: %1"), filter.agents);
    add(RequestText::tr("Team: %1"), filter.teams);
    add(RequestText::tr("Priority: %1"), filter.priorities);
    add(RequestText::tr("Tag: %1"), filter.tags);
    return parts.join(QStringLiteral(" · "));
}

} // namespace sl::ui
