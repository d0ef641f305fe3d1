#include "agents/agentcharts.h"

#include "charts/chartstyle.h"
#include "services/agentdetail.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLocale>
#include <QRegularExpression>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace sl::ui {

namespace {

class ChartText
{
    Q_DECLARE_TR_FUNCTIONS(ChartText)
};

// The agent in the main series colour, the team in the comparison colour, as every chart does.
using charts::applyPalette;
using charts::replaceChart;
QColor agentColor(const QPalette &palette)
{
    return charts::primaryColor(palette);
}
QColor teamColor(const QPalette &palette)
{
    return charts::comparisonColor(palette);
}

QString teamLabel(const AgentDetail &detail)
{
    return detail.team.isEmpty() ? ChartText::tr("All agents, per agent")
                                 : ChartText::tr("%1, per agent").arg(detail.team);
}

} // namespace

QChartView *createAgentChartView(const QString &accessibleName, QWidget *parent)
{
    // The window's chart view: not a Tab stop, the window's palette and fonts. The charts put in
    // it keep their legend (agent against team).
    QChartView *view = charts::createChartView(accessibleName, parent);
    view->setMinimumSize(320, 220);
    return view;
}

void showWeeklyTrend(QChartView *view, const AgentDetail &detail)
{
    const QPalette palette = view->palette();
    auto *chart = new QChart;
    chart->setTitle(ChartText::tr("Tickets solved per week"));
    auto *agent = new QLineSeries(chart);
    agent->setName(detail.agent);
    auto *team = new QLineSeries(chart);
    team->setName(teamLabel(detail));
    double highest = 1;
    for (std::size_t w = 0; w < detail.weeks.size(); ++w) {
        const auto x = qreal(detail.weeks[w].startOfDay().toMSecsSinceEpoch());
        agent->append(x, detail.agentSolvedByWeek[w]);
        team->append(x, detail.teamSolvedPerAgentByWeek[w]);
        highest = std::max({ highest, detail.agentSolvedByWeek[w], detail.teamSolvedPerAgentByWeek[w] });
    }
    chart->addSeries(agent); // first in the legend
    chart->addSeries(team);

    auto *time = new QDateTimeAxis(chart);
    // Day and month in the locale's order, without the year the title does not need.
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(QStringLiteral("[^dM]*y+[^dM]*")));
    time->setFormat(format);
    time->setTickCount(int(std::clamp<std::size_t>(detail.weeks.size(), 2, 6)));
    if (detail.weeks.size() == 1) {
        const QDateTime week = detail.weeks.front().startOfDay();
        time->setRange(week.addDays(-3), week.addDays(3));
    }
    auto *count = new QValueAxis(chart);
    count->setRange(0, std::ceil(highest * 1.1));
    count->setLabelFormat(QStringLiteral("%.0f"));
    count->applyNiceNumbers();
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    for (QLineSeries *series : { agent, team }) {
        series->attachAxis(time);
        series->attachAxis(count);
    }
    applyPalette(chart, palette);
    QPen agentPen(agentColor(palette), 2.5);
    agent->setPen(agentPen);
    QPen teamPen(teamColor(palette), 2, Qt::DashLine);
    team->setPen(teamPen);
    replaceChart(view, chart);
}

void showChannelMix(QChartView *view, const AgentDetail &detail)
{
    const QPalette palette = view->palette();
    auto *chart = new QChart;
    chart->setTitle(ChartText::tr("Channel mix (% of tickets created)"));
    auto *agent = new QBarSet(detail.agent, chart);
    auto *team = new QBarSet(teamLabel(detail), chart);
    QStringList channels;
    double highest = 10;
    // Bottom to top in a horizontal bar chart: the biggest channel goes last, to the top.
    for (auto share = detail.channels.rbegin(); share != detail.channels.rend(); ++share) {
        channels.append(share->channel == noneGroupKey() ? ChartText::tr("(no channel)") : share->channel);
        *agent << share->agentPct;
        *team << share->teamPct;
        highest = std::max({ highest, share->agentPct, share->teamPct });
    }
    auto *series = new QHorizontalBarSeries(chart);
    series->append(agent); // first in the legend
    series->append(team);
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis(chart);
    names->append(channels);
    names->setTruncateLabels(false); // channel names are short; "…" says nothing
    // Ticks at round percentages: 10 % steps up to 50, 20 % steps above.
    const double step = highest <= 50 ? 10 : 20;
    const double top = std::min(100.0, std::ceil(highest / step) * step);
    auto *percent = new QValueAxis(chart);
    percent->setRange(0, top);
    percent->setLabelFormat(QStringLiteral("%.0f %%"));
    percent->setTickCount(int(top / step) + 1);
    chart->addAxis(names, Qt::AlignLeft);
    chart->addAxis(percent, Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(percent);
    applyPalette(chart, palette);
    agent->setColor(agentColor(palette));
    agent->setBorderColor(agentColor(palette));
    team->setColor(teamColor(palette));
    team->setBorderColor(teamColor(palette));
    replaceChart(view, chart);
}

} // namespace sl::ui
