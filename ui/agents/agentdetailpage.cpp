#include "agents/agentdetailpage.h"

#include "agents/agentcharts.h"
#include "services/backgroundjob.h"
#include "services/sharedmetricsengine.h"
#include "domain/metricdefinitions.h"
#include "tickets/ticketspage.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace sl::ui {

namespace {

// The rows of the comparison, by metric id.
constexpr std::string_view comparedMetrics[] = {
    "tickets_solved",
    "frt_median_min",
    "resolution_median_hours",
    "fcr_pct",
    "reopen_pct",
    "sla_first_reply_pct",
    "csat_pct",
};

constexpr double smallSample = 20; // ratings, as the leaderboard flags them

std::size_t indexOf(std::string_view id)
{
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    return std::size_t(findMetricIn(definitions, id) - definitions.data());
}

// "+3.2 pts", "−4.0 min", "+12"; with whether that is better, after the metric's direction.
QString differenceText(const MetricDefinition &definition, double agent, double team)
{
    const double difference = agent - team;
    const QLocale locale;
    const QString sign = difference > 0 ? QStringLiteral("+") : difference < 0 ? QStringLiteral("−") : QString();
    QString magnitude;
    if (definition.unit == MetricUnit::Percent)
        magnitude = AgentDetailPage::tr("%1 pts").arg(locale.toString(std::abs(difference), 'f', 1));
    else
        magnitude = formatMetricValue(definition, std::abs(difference));
    const QString amount = sign + magnitude;
    const bool same = std::abs(difference) < 0.05;
    if (same || definition.direction == MetricDirection::Neutral)
        return amount;
    const bool better = (difference > 0) == (definition.direction == MetricDirection::HigherIsBetter);
    return better ? AgentDetailPage::tr("%1 · better").arg(amount) : AgentDetailPage::tr("%1 · worse").arg(amount);
}

QLabel *cell(const QString &text, Qt::Alignment alignment, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(alignment | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AgentDetailPage::AgentDetailPage(QWidget *parent)
    : QWidget(parent)
    , m_job(new BackgroundJob(this))
{
    m_back = new QToolButton(this);
    m_back->setText(tr("◀ All agents"));
    m_back->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_back->setAccessibleName(tr("Back to the leaderboard"));
    m_back->setShortcut(QKeySequence::Back);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Agent"));
    m_subtitle = new QLabel(this);
    m_subtitle->setAccessibleName(tr("Team and period"));

    m_kpiBox = new QGroupBox(tr("Compared with the team"), this);
    m_kpis = new QGridLayout(m_kpiBox);
    m_kpis->setHorizontalSpacing(16);
    m_trend = createAgentChartView(tr("Tickets solved per week"), this);
    m_channels = createAgentChartView(tr("Channel mix"), this);
    m_tickets = new TicketsPage(this);
    m_tickets->view()->setAccessibleName(tr("The agent's tickets"));
    m_tickets->layout()->setContentsMargins(0, 0, 0, 0); // inside this page's margins

    auto *heading = new QHBoxLayout;
    heading->addWidget(m_back, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    heading->addLayout(titles, 1);

    auto *overview = new QWidget(this);
    auto *overviewLayout = new QHBoxLayout(overview);
    overviewLayout->setContentsMargins(0, 0, 0, 0);
    overviewLayout->addWidget(m_kpiBox);
    overviewLayout->addWidget(m_trend, 1);
    overviewLayout->addWidget(m_channels, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(overview);
    splitter->addWidget(m_tickets);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(heading);
    layout->addWidget(splitter, 1);

    connect(m_back, &QToolButton::clicked, this, &AgentDetailPage::backRequested);
    connect(m_job, &BackgroundJob::runningChanged, this, &AgentDetailPage::busyChanged);
}

void AgentDetailPage::setEngine(std::shared_ptr<SharedMetricsEngine> engine)
{
    m_engine = std::move(engine);
    m_job->cancel();
}

bool AgentDetailPage::setDatabasePath(const QString &path, QString *error)
{
    return m_tickets->setDatabasePath(path, error);
}

bool AgentDetailPage::isBusy() const
{
    return m_job->isRunning();
}

void AgentDetailPage::showAgent(const MetricsRequest &request, const QString &agent)
{
    m_agent = agent;
    m_title->setText(agent);
    m_subtitle->setText(tr("Computing…"));
    MetricsRequest ticketsRequest = request;
    ticketsRequest.filter.agents = QStringList { agent };
    m_tickets->showTickets(ticketsRequest, TicketCohort::Solved);
    if (!m_engine) {
        m_subtitle->clear();
        return;
    }
    m_job->start(
        [engine = m_engine, request, agent] {
            return engine->use([&](MetricsEngine &metrics) { return computeAgentDetail(metrics, request, agent); });
        },
        [this](AgentDetail detail) { showDetail(std::move(detail)); });
}

void AgentDetailPage::showDetail(AgentDetail detail)
{
    m_detail = std::move(detail);
    const QString team = m_detail.team.isEmpty() ? tr("All agents") : m_detail.team;
    // Without an English translation file, %n would show "agent(s)": the two forms are spelled out.
    const int agents = m_detail.teamAgents;
    if (m_detail.team.isEmpty())
        m_subtitle->setText(agents == 1 ? tr("No team · compared with the 1 agent of the filter")
                                        : tr("No team · compared with all %L1 agents of the filter").arg(agents));
    else
        m_subtitle->setText(agents == 1
                ? tr("Team %1 · 1 agent with tickets in the period").arg(m_detail.team)
                : tr("Team %1 · %L2 agents with tickets in the period").arg(m_detail.team).arg(agents));

    while (QLayoutItem *item = m_kpis->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const Qt::Alignment left = Qt::AlignLeft;
    const Qt::Alignment right = Qt::AlignRight;
    auto *agentHeader = cell(m_detail.agent, right, m_kpiBox);
    auto *teamHeader
        = cell(m_detail.team.isEmpty() ? tr("Average agent") : tr("%1 average").arg(team), right, m_kpiBox);
    for (QLabel *header : { agentHeader, teamHeader }) {
        QFont font = header->font();
        font.setBold(true);
        header->setFont(font);
    }
    m_kpis->addWidget(agentHeader, 0, 1);
    m_kpis->addWidget(teamHeader, 0, 2);
    int row = 1;
    const std::size_t ratingsIndex = indexOf("csat_responses");
    for (const std::string_view id : comparedMetrics) {
        const std::size_t index = indexOf(id);
        const MetricDefinition &definition = ticketMetricDefinitions()[index];
        const std::optional<double> &agentValue = m_detail.agentMetrics[index].value;
        const std::optional<double> teamValue = m_detail.teamComparable(index);
        auto *name = cell(displayName(definition), left, m_kpiBox);
        name->setToolTip(displayDefinition(definition));
        QString agentText = formatMetricValue(definition, agentValue);
        auto *agentCell = cell(agentText, right, m_kpiBox);
        if (id == "csat_pct") {
            const double ratings = m_detail.agentMetrics[ratingsIndex].value.value_or(0);
            const MetricValue &csat = m_detail.agentMetrics[index];
            agentCell->setText(tr("%1 (n = %L2)").arg(agentText).arg(qlonglong(ratings)));
            if (csat.lo && csat.hi)
                agentCell->setToolTip(
                    tr("95 % interval: %1 – %2")
                        .arg(formatMetricValue(definition, csat.lo), formatMetricValue(definition, csat.hi)));
            if (ratings > 0 && ratings < smallSample) {
                agentCell->setText(tr("%1 · small sample").arg(agentCell->text()));
                agentCell->setForegroundRole(QPalette::PlaceholderText);
            }
        }
        auto *teamCell = cell(formatMetricValue(definition, teamValue), right, m_kpiBox);
        teamCell->setForegroundRole(QPalette::PlaceholderText);
        auto *difference = cell(
            agentValue && teamValue ? differenceText(definition, *agentValue, *teamValue) : QString(), left, m_kpiBox);
        m_kpis->addWidget(name, row, 0);
        m_kpis->addWidget(agentCell, row, 1);
        m_kpis->addWidget(teamCell, row, 2);
        m_kpis->addWidget(difference, row, 3);
        ++row;
    }
    m_kpis->setRowStretch(row, 1);

    showWeeklyTrend(m_trend, m_detail);
    showChannelMix(m_channels, m_detail);
}

} // namespace sl::ui
