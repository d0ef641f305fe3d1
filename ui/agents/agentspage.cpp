#include "agents/agentspage.h"

#include "agents/agentdetailpage.h"
#include "agents/leaderboardmodel.h"
#include "services/backgroundjob.h"
#include "services/csvexport.h"
#include "services/requesttext.h"
#include "services/sharedmetricsengine.h"
#include "domain/metricdefinitions.h"
#include "report/exportmenus.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace sl::ui {

AgentsPage::AgentsPage(QWidget *parent)
    : QWidget(parent)
    , m_job(new BackgroundJob(this))
    , m_model(new LeaderboardModel(this))
    , m_proxy(new LeaderboardProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_stack = new QStackedWidget(this);
    m_leaderboard = new QWidget(m_stack);

    m_description = new QLabel(m_leaderboard);
    m_description->setAccessibleName(tr("Period and filter"));
    m_status = new QLabel(m_leaderboard);
    m_status->setAccessibleName(tr("Leaderboard status"));

    m_rankByLowerBound = new QCheckBox(tr("Rank by CSAT lower bound"), m_leaderboard);
    m_rankByLowerBound->setAccessibleName(tr("Rank by the lower bound of the CSAT interval"));
    m_rankByLowerBound->setToolTip(
        tr("Orders agents by the low end of the 95 % interval of their CSAT, so that 2 good ratings out of 2 do "
           "not outrank 480 out of 500"));

    m_export = new QPushButton(tr("Export…"), m_leaderboard);
    m_export->setAccessibleName(tr("Export the leaderboard as CSV"));
    m_export->setToolTip(tr("Export the leaderboard, in the order shown, as a CSV file"));

    m_view = new QTableView(m_leaderboard);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Agent leaderboard"));
    installTableExportMenu(m_view, tr("agents"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LeaderboardModel::Solved, Qt::DescendingOrder);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_view->verticalHeader()->setToolTip(tr("Rank in the order shown"));

    auto *legend = new QLabel(tr("Greyed: CSAT from fewer than %L1 ratings (a small sample). Hover a CSAT for its "
                                 "95 % interval; double-click an agent for details.")
                                  .arg(int(LeaderboardModel::smallSampleSize)),
        m_leaderboard);
    legend->setForegroundRole(QPalette::PlaceholderText);
    legend->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_description, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_rankByLowerBound);
    bar->addWidget(m_export);
    auto *leaderboardLayout = new QVBoxLayout(m_leaderboard);
    leaderboardLayout->setContentsMargins(0, 0, 0, 0);
    leaderboardLayout->addLayout(bar);
    leaderboardLayout->addWidget(m_view, 1);
    leaderboardLayout->addWidget(legend);

    m_detail = new AgentDetailPage(m_stack);
    m_stack->addWidget(m_leaderboard);
    m_stack->addWidget(m_detail);
    auto *layout = new QVBoxLayout(this); // the style's margins: the page stands on its own
    layout->addWidget(m_stack);
    fitColumns();

    connect(m_view, &QTableView::activated, this,
        [this](const QModelIndex &index) { showAgent(m_model->agentName(m_proxy->mapToSource(index).row())); });
    connect(m_detail, &AgentDetailPage::backRequested, this, &AgentsPage::showLeaderboard);
    connect(m_export, &QPushButton::clicked, this, &AgentsPage::exportLeaderboard);
    connect(m_rankByLowerBound, &QCheckBox::toggled, this, &AgentsPage::setRankByLowerBound);
    // A click on a column header sorts by that column, which ends ranking by the lower bound.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        if (m_rankByLowerBound->isChecked())
            m_rankByLowerBound->setChecked(false);
    });
    const auto busy = [this] {
        m_status->setText(isBusy() ? tr("Computing…") : QString());
        emit busyChanged(isBusy());
    };
    connect(m_job, &BackgroundJob::runningChanged, this, busy);
    connect(m_detail, &AgentDetailPage::busyChanged, this, busy);
}

void AgentsPage::setSnapshot(std::shared_ptr<const TicketSnapshot> snapshot)
{
    setEngine(snapshot ? std::make_shared<SharedMetricsEngine>(std::move(snapshot)) : nullptr);
}

void AgentsPage::setEngine(std::shared_ptr<SharedMetricsEngine> engine)
{
    m_engine = std::move(engine);
    m_detail->setEngine(m_engine);
    recompute();
    // A new snapshot of the same database (after an import) keeps the agent shown.
    if (!currentAgent().isEmpty())
        m_detail->showAgent(m_request, currentAgent());
}

bool AgentsPage::setDatabasePath(const QString &path, QString *error)
{
    return m_detail->setDatabasePath(path, error);
}

void AgentsPage::setRequest(const MetricsRequest &request)
{
    m_request = request;
    recompute();
    if (!currentAgent().isEmpty())
        m_detail->showAgent(m_request, currentAgent());
}

void AgentsPage::recompute()
{
    const QString filter = filterDescription(m_request.filter);
    const QString period = periodDescription(m_request);
    m_description->setText(filter.isEmpty() ? period : tr("%1 · %2").arg(period, filter));
    if (!m_engine) {
        m_job->cancel();
        m_model->setGroups({});
        return;
    }
    MetricsRequest request = m_request;
    request.grouping = Grouping::Agent;
    request.compare = false;
    m_job->start(
        [engine = m_engine, request] {
            return engine->use([&](MetricsEngine &metrics) { return metrics.run(request).groups; });
        },
        [this](std::vector<MetricsGroup> groups) {
            m_model->setGroups(std::move(groups));
            if (m_rankByLowerBound->isChecked())
                m_proxy->sort(LeaderboardModel::Csat, Qt::AscendingOrder);
        });
}

void AgentsPage::showAgent(const QString &agent)
{
    if (agent.isEmpty())
        return;
    m_detail->showAgent(m_request, agent);
    m_stack->setCurrentWidget(m_detail);
    emit agentShown(agent);
}

void AgentsPage::showLeaderboard()
{
    if (m_stack->currentWidget() == m_leaderboard)
        return;
    m_stack->setCurrentWidget(m_leaderboard);
    m_view->setFocus();
    emit agentShown({});
}

QString AgentsPage::currentAgent() const
{
    return m_stack->currentWidget() == m_detail ? m_detail->agent() : QString();
}

void AgentsPage::setRankByLowerBound(bool on)
{
    if (m_rankByLowerBound->isChecked() != on) {
        m_rankByLowerBound->setChecked(on); // comes back here through toggled()
        return;
    }
    QHeaderView *header = m_view->horizontalHeader();
    if (on) {
        // The rank is an order, best first: ascending. The indicator shows CSAT, best first,
        // without letting the view sort again by the column's own values.
        const QSignalBlocker blocker(header);
        header->setSortIndicator(LeaderboardModel::Csat, Qt::DescendingOrder);
        m_proxy->setSortRole(LeaderboardModel::LowerBoundRankRole);
        m_proxy->sort(LeaderboardModel::Csat, Qt::AscendingOrder);
        header->viewport()->update();
    } else {
        m_proxy->setSortRole(LeaderboardModel::SortRole);
        m_proxy->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
}

bool AgentsPage::isRankedByLowerBound() const
{
    return m_rankByLowerBound->isChecked();
}

bool AgentsPage::isBusy() const
{
    return m_job->isRunning() || m_detail->isBusy();
}

void AgentsPage::fitColumns()
{
    const QFontMetrics metrics = m_view->fontMetrics();
    const QFontMetrics headerMetrics = m_view->horizontalHeader()->fontMetrics();
    // Widths from the font and the widest value each column shows, so that no header or
    // number is cut in any locale; the last column stretches.
    const QLocale locale;
    const QString samples[LeaderboardModel::ColumnCount] = {
        QString(22, QLatin1Char('n')),
        locale.toString(12345),
        locale.toString(1234.5, 'f', 1) + unitSuffix(MetricUnit::Minutes),
        locale.toString(1234.5, 'f', 1) + unitSuffix(MetricUnit::Hours),
        locale.toString(100.0, 'f', 1) + unitSuffix(MetricUnit::Percent),
        locale.toString(100.0, 'f', 1) + unitSuffix(MetricUnit::Percent),
        locale.toString(100.0, 'f', 1) + unitSuffix(MetricUnit::Percent),
        tr("%1 · small sample").arg(locale.toString(19)),
    };
    const int padding = 16 + 20; // cell margins and the sort indicator
    for (int column = 0; column < LeaderboardModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        QFont italic = m_view->font(); // small samples are shown in italics
        italic.setItalic(true);
        const int width = std::max({ headerMetrics.horizontalAdvance(title), metrics.horizontalAdvance(samples[column]),
            QFontMetrics(italic).horizontalAdvance(samples[column]) });
        m_view->setColumnWidth(column, width + padding);
    }
}

void AgentsPage::exportLeaderboard()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Leaderboard"),
        QDir(folder).filePath(tr("agents.csv")), tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        CsvWriter writer(file);
        writeModelCsv(*m_proxy, writer); // a few hundred rows: no need for a thread
        ok = writer.ok() && file.commit();
    }
    m_status->setText(ok ? tr("Exported to %1").arg(QFileInfo(path).fileName())
                         : tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace sl::ui
