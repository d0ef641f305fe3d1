#include "overview/overviewpage.h"

#include "charts/breakdownchart.h"
#include "charts/trendchart.h"
#include "services/requesttext.h"
#include "overview/kpicard.h"
#include "overview/kpis.h"
#include "overview/toptagsmodel.h"
#include "widgets/heatmapwidget.h"
#include "widgets/sparklinedelegate.h"
#include "report/exportmenus.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sl::ui {

namespace {

constexpr int cardColumns = 5;

// The metrics the trend and breakdown pickers offer: every ticket metric but the plain
// denominators, which say little on their own.
std::vector<std::size_t> pickableMetrics()
{
    std::vector<std::size_t> indices;
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    for (std::size_t i = 0; i < definitions.size(); ++i) {
        if (definitions[i].id != "csat_responses")
            indices.push_back(i);
    }
    return indices;
}

void fillMetricBox(QComboBox *box)
{
    for (std::size_t index : pickableMetrics()) {
        const MetricDefinition &metric = ticketMetricDefinitions()[index];
        box->addItem(displayName(metric), QString::fromLatin1(metric.id.data(), qsizetype(metric.id.size())));
        box->setItemData(box->count() - 1, displayDefinition(metric),
            Qt::ToolTipRole);
    }
}

void selectMetric(QComboBox *box, const QString &id)
{
    const int index = box->findData(id);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

QString periodText(const QDate &from, const QDate &to)
{
    const QLocale locale;
    return OverviewPage::tr("%1 – %2").arg(locale.toString(from, QLocale::ShortFormat),
        locale.toString(to, QLocale::ShortFormat));
}

QString groupLabel(const QString &key, const QString &none)
{
    return key == noneGroupKey() ? none : key;
}

// What a filter can name: "(none)" is the engine's group of tickets without the field, which no
// filter selects.
QString groupFilterKey(const QString &key)
{
    return key == noneGroupKey() ? QString() : key;
}

// A trend's values with the buckets that end before the data's first day made null: the engine
// counts zero tickets there, but "no data yet" is not "zero", and a line dropping to zero before
// the data starts reads as a collapse.
std::vector<std::optional<double>> valuesWithinData(const TrendSeries &series, std::size_t metricIndex,
                                                     const std::optional<QDate> &dataFirst)
{
    std::vector<std::optional<double>> values = series.values(metricIndex);
    if (!dataFirst)
        return values;
    for (std::size_t i = 0; i < values.size() && i < series.starts.size(); ++i) {
        const QDate last = i + 1 < series.starts.size() ? series.starts[i + 1].addDays(-1) : series.to;
        if (last < *dataFirst)
            values[i] = std::nullopt;
    }
    return values;
}

QGroupBox *section(const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    box->setAccessibleName(title);
    return box;
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
{
    m_description = new QLabel(this);
    m_description->setAccessibleName(tr("Period and filter"));
    m_description->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Overview status"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setAccessibleName(tr("Overview message"));

    m_emptyBanner = new QFrame(this);
    m_emptyBanner->setFrameShape(QFrame::StyledPanel);
    m_emptyText = new QLabel(m_emptyBanner);
    m_emptyText->setWordWrap(true);
    m_jumpToData = new QPushButton(tr("Show the last month with data"), m_emptyBanner);
    m_jumpToData->setAccessibleName(tr("Show the last month with data"));
    auto *bannerLayout = new QHBoxLayout(m_emptyBanner);
    bannerLayout->addWidget(m_emptyText, 1);
    bannerLayout->addWidget(m_jumpToData);
    m_emptyBanner->setVisible(false);

    m_content = new QWidget;
    m_content->setAccessibleName(tr("Overview"));

    // KPI cards, five to a row; hidden ones leave no hole (showCards re-lays them out).
    auto *cards = new QWidget(m_content);
    m_cardGrid = new QGridLayout(cards);
    m_cardGrid->setContentsMargins(0, 0, 0, 0);
    for (std::size_t i = 0; i < overviewKpiIds().size(); ++i) {
        auto *card = new KpiCard(cards);
        card->setVisible(false);
        m_cards.push_back(card);
        connect(card, &KpiCard::clicked, this, [this, card] {
            if (!m_result || !card->data().metric)
                return;
            if (const std::optional<TicketCohort> cohort = ticketCohortOf(*card->data().metric))
                emit ticketsRequested(m_result->request.period, *cohort);
        });
    }
    for (int column = 0; column < cardColumns; ++column)
        m_cardGrid->setColumnStretch(column, 1);

    // The trend.
    QGroupBox *trendBox = section(tr("Trend"), m_content);
    m_trendMetric = new QComboBox(trendBox);
    m_trendMetric->setAccessibleName(tr("Trend metric"));
    fillMetricBox(m_trendMetric);
    m_trendBucket = new QComboBox(trendBox);
    m_trendBucket->setAccessibleName(tr("Trend bucket"));
    m_trendBucket->addItem(tr("by day"), int(Grouping::Day));
    m_trendBucket->addItem(tr("by week"), int(Grouping::Week));
    m_trendBucket->addItem(tr("by month"), int(Grouping::Month));
    m_trendSpan = new QComboBox(trendBox);
    m_trendSpan->setAccessibleName(tr("Trend span"));
    m_trendSpan->addItem(tr("over the last 12 months"), int(TrendSpan::TwelveMonths));
    m_trendSpan->addItem(tr("over the period"), int(TrendSpan::Period));
    m_trend = new TrendChart(trendBox);
    auto *trendControls = new QHBoxLayout;
    trendControls->addWidget(m_trendMetric);
    trendControls->addWidget(m_trendBucket);
    trendControls->addWidget(m_trendSpan);
    trendControls->addStretch(1);
    auto *trendLayout = new QVBoxLayout(trendBox);
    trendLayout->addLayout(trendControls);
    trendLayout->addWidget(m_trend, 1);

    // The heat-map.
    QGroupBox *heatmapBox = section(tr("Tickets created by weekday and hour"), m_content);
    m_heatmap = new HeatmapWidget(heatmapBox);
    auto *heatmapLayout = new QVBoxLayout(heatmapBox);
    heatmapLayout->addWidget(m_heatmap, 1);

    // Breakdowns by channel and team.
    QGroupBox *breakdownBox = section(tr("Breakdown"), m_content);
    m_breakdownMetric = new QComboBox(breakdownBox);
    m_breakdownMetric->setAccessibleName(tr("Breakdown metric"));
    fillMetricBox(m_breakdownMetric);
    m_byChannel = new BreakdownChart(tr("By channel"), breakdownBox);
    m_byTeam = new BreakdownChart(tr("By team"), breakdownBox);
    auto *channelTitle = new QLabel(tr("By channel"), breakdownBox);
    auto *teamTitle = new QLabel(tr("By team"), breakdownBox);
    for (QLabel *title : {channelTitle, teamTitle}) {
        QFont font = title->font();
        font.setBold(true);
        title->setFont(font);
    }
    auto *breakdownControls = new QHBoxLayout;
    breakdownControls->addWidget(m_breakdownMetric);
    breakdownControls->addStretch(1);
    auto *breakdownCharts = new QGridLayout;
    breakdownCharts->addWidget(channelTitle, 0, 0);
    breakdownCharts->addWidget(teamTitle, 0, 1);
    breakdownCharts->addWidget(m_byChannel, 1, 0);
    breakdownCharts->addWidget(m_byTeam, 1, 1);
    breakdownCharts->setColumnStretch(0, 1);
    breakdownCharts->setColumnStretch(1, 1);
    auto *breakdownLayout = new QVBoxLayout(breakdownBox);
    breakdownLayout->addLayout(breakdownControls);
    breakdownLayout->addLayout(breakdownCharts, 1);

    // Top tags.
    QGroupBox *tagsBox = section(tr("Top tags"), m_content);
    m_tagsModel = new TopTagsModel(this);
    auto *tagsProxy = new QSortFilterProxyModel(this);
    tagsProxy->setSourceModel(m_tagsModel);
    tagsProxy->setSortRole(TopTagsModel::SortRole);
    m_tagsView = new QTableView(tagsBox);
    m_tagsView->setModel(tagsProxy);
    m_tagsView->setAccessibleName(tr("Top tags"));
    installTableExportMenu(m_tagsView, tr("top-tags"));
    m_tagsView->setItemDelegateForColumn(TopTagsModel::Trend, new SparklineDelegate(TopTagsModel::SortRole, m_tagsView));
    m_tagsView->setSortingEnabled(true);
    m_tagsView->sortByColumn(TopTagsModel::Tickets, Qt::DescendingOrder);
    m_tagsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tagsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tagsView->setAlternatingRowColors(true);
    m_tagsView->setToolTip(tr("Double-click a tag to see its tickets"));
    m_tagsView->setWordWrap(false);
    m_tagsView->verticalHeader()->setVisible(false);
    m_tagsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    m_tagsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tagsView->horizontalHeader()->setSectionResizeMode(TopTagsModel::Trend, QHeaderView::Stretch);
    m_tagsView->horizontalHeader()->setHighlightSections(false);
    auto *tagsLayout = new QVBoxLayout(tagsBox);
    tagsLayout->addWidget(m_tagsView, 1);

    // Cards on top; the trend beside the heat-map; breakdowns beside the tags.
    auto *middle = new QHBoxLayout;
    middle->addWidget(trendBox, 3);
    middle->addWidget(heatmapBox, 2);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(breakdownBox, 3);
    bottom->addWidget(tagsBox, 2);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(cards);
    contentLayout->addLayout(middle, 1);
    contentLayout->addLayout(bottom, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The page scrolls only when the window is too small to show it whole.
    m_content->setMinimumHeight(fontMetrics().height() * 48);

    auto *stack = new QStackedWidget(this);
    stack->addWidget(scroll);
    stack->addWidget(m_message);

    auto *header = new QHBoxLayout;
    header->addWidget(m_description, 1);
    header->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_emptyBanner);
    layout->addWidget(stack, 1);

    connect(m_trendMetric, &QComboBox::currentIndexChanged, this, [this] {
        showTrend();
        emit settingsChanged();
    });
    connect(m_breakdownMetric, &QComboBox::currentIndexChanged, this, [this] {
        showBreakdowns();
        emit settingsChanged();
    });
    for (QComboBox *box : {m_trendBucket, m_trendSpan}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            emit trendOptionsChanged();
            emit settingsChanged();
        });
    }
    for (BreakdownChart *chart : { m_byChannel, m_byTeam }) {
        connect(chart, &BreakdownChart::barClicked, this,
            [this, chart](std::size_t bar) { requestBarTickets(chart, bar); });
    }
    connect(m_heatmap, &HeatmapWidget::cellClicked, this, [this](int weekday, int hour) {
        if (m_result)
            emit createdTicketsRequested(m_result->request.period, weekday, hour);
    });
    connect(m_tagsView, &QAbstractItemView::doubleClicked, this, [this, tagsProxy](const QModelIndex &index) {
        const QModelIndex source = tagsProxy->mapToSource(index);
        if (!m_result || !source.isValid() || std::size_t(source.row()) >= m_tagsModel->tags().size())
            return;
        // Not added to the filter's tags: a filter ORs the values of one field, so that would
        // widen the selection; the row counts the filter's tickets that also carry the tag.
        emit taggedTicketsRequested(m_result->request.period, m_tagsModel->tags()[std::size_t(source.row())].tag);
    });
    connect(m_jumpToData, &QPushButton::clicked, this, [this] {
        if (!m_dataLast)
            return;
        const QDate first(m_dataLast->year(), m_dataLast->month(), 1);
        emit periodRequested(std::max(first, m_dataFirst.value_or(first)), first.addMonths(1).addDays(-1));
    });
    showMessage(tr("Open a database to see its overview."));
}

void OverviewPage::setSettings(const OverviewSettings &settings)
{
    const QSignalBlocker blockMetric(m_trendMetric), blockBucket(m_trendBucket), blockSpan(m_trendSpan),
        blockBreakdown(m_breakdownMetric);
    selectMetric(m_trendMetric, settings.trendMetric);
    selectMetric(m_breakdownMetric, settings.breakdownMetric);
    m_trendBucket->setCurrentIndex(std::max(0, m_trendBucket->findData(int(settings.trendBucket))));
    m_trendSpan->setCurrentIndex(std::max(0, m_trendSpan->findData(int(settings.trendSpan))));
    showTrend();
    showBreakdowns();
}

OverviewSettings OverviewPage::settings() const
{
    OverviewSettings settings;
    settings.trendMetric = m_trendMetric->currentData().toString();
    settings.breakdownMetric = m_breakdownMetric->currentData().toString();
    settings.trendBucket = trendBucket();
    settings.trendSpan = trendSpan();
    return settings;
}

TrendSpan OverviewPage::trendSpan() const
{
    return TrendSpan(m_trendSpan->currentData().toInt());
}

Grouping OverviewPage::trendBucket() const
{
    return Grouping(m_trendBucket->currentData().toInt());
}

KpiCard *OverviewPage::card(std::string_view id) const
{
    const std::vector<std::string_view> &ids = overviewKpiIds();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] == id)
            return m_cards[i];
    }
    return nullptr;
}

void OverviewPage::setBusy(bool busy)
{
    m_busy = busy;
    m_status->setText(busy ? tr("Computing…") : QString());
}

void OverviewPage::setDataRange(const std::optional<QDate> &first, const std::optional<QDate> &last)
{
    m_dataFirst = first;
    m_dataLast = last;
    updateEmptyBanner();
    showTrend();
}

void OverviewPage::setTargets(const Targets &targets)
{
    m_targets = targets;
    if (!m_result)
        return;
    showCards();
    showTrend();
}

void OverviewPage::showMessage(const QString &message)
{
    m_result.reset();
    m_message->setText(message);
    static_cast<QStackedWidget *>(m_message->parentWidget())->setCurrentWidget(m_message);
    m_description->clear();
    m_emptyBanner->setVisible(false);
}

void OverviewPage::setResult(std::shared_ptr<const DashboardResult> result)
{
    m_result = std::move(result);
    if (!m_result)
        return;
    auto *stack = static_cast<QStackedWidget *>(m_message->parentWidget());
    stack->setCurrentIndex(0);
    showDescription();
    showCards();
    showTrend();
    showBreakdowns();
    m_heatmap->setHeatmap(m_result->heatmap, m_result->request.period.zone);
    showTags();
    updateEmptyBanner();
}

void OverviewPage::showDescription()
{
    const DashboardResult &r = *m_result;
    MetricsRequest period = r.request.period;
    QString text = tr("<b>%1</b>").arg(periodDescription(period).toHtmlEscaped());
    if (r.previousFrom && r.previousTo)
        text += tr(" compared with %1").arg(periodText(*r.previousFrom, *r.previousTo).toHtmlEscaped());
    const QString filter = filterDescription(period.filter);
    text += QStringLiteral(" · ") + (filter.isEmpty() ? tr("all tickets") : filter.toHtmlEscaped());
    m_description->setText(text);
}

void OverviewPage::showCards()
{
    const std::vector<KpiCardData> data = kpiCards(*m_result, m_targets);
    std::vector<bool> shownNow;
    for (const KpiCardData &card : data)
        shownNow.push_back(card.isShown());
    if (shownNow == m_cardsShown) {
        // The same cards as before: new figures only. Re-laying the grid would invalidate the
        // whole page's layout on every filter change for nothing.
        for (std::size_t i = 0; i < data.size(); ++i) {
            m_cards[i]->setClickable(data[i].metric && ticketCohortOf(*data[i].metric));
            m_cards[i]->setData(data[i]);
        }
        return;
    }
    m_cardsShown = shownNow;
    while (m_cardGrid->count() > 0)
        delete m_cardGrid->takeAt(0);
    int shown = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        KpiCard *card = m_cards[i];
        card->setClickable(data[i].metric && ticketCohortOf(*data[i].metric));
        card->setData(data[i]);
        card->setVisible(data[i].isShown());
        if (data[i].isShown()) {
            m_cardGrid->addWidget(card, shown / cardColumns, shown % cardColumns);
            ++shown;
        }
    }
}

void OverviewPage::showTrend()
{
    if (!m_result)
        return;
    const std::size_t index = ticketMetricIndex(m_trendMetric->currentData().toString().toStdString());
    const DashboardResult &r = *m_result;
    TrendChartData data;
    data.metric = &ticketMetricDefinitions()[index];
    data.bucket = r.trend.bucket;
    data.starts = r.trend.starts;
    data.values = valuesWithinData(r.trend, index, m_dataFirst);
    data.name = periodText(r.trend.from, r.trend.to);
    if (r.previousTrend) {
        data.comparison = valuesWithinData(*r.previousTrend, index, m_dataFirst);
        data.comparisonName = periodText(r.previousTrend->from, r.previousTrend->to);
    }
    if (canHaveTarget(*data.metric)) {
        data.target = m_targets.of(data.metric->id);
        if (data.target)
            data.targetName = targetText(*data.metric, *data.target);
    }
    m_trend->setData(std::move(data));
}

const MetricDefinition &OverviewPage::breakdownMetric() const
{
    return ticketMetricDefinitions()[ticketMetricIndex(m_breakdownMetric->currentData().toString().toStdString())];
}

void OverviewPage::requestBarTickets(const BreakdownChart *chart, std::size_t bar)
{
    if (!m_result || bar >= chart->bars().size())
        return;
    const std::optional<TicketCohort> cohort = ticketCohortOf(breakdownMetric());
    const QString key = chart->bars()[bar].key;
    if (!cohort || key.isEmpty())
        return;
    // The group replaces the field's filter: the breakdown's groups all lie within it already.
    MetricsRequest request = m_result->request.period;
    (chart == m_byChannel ? request.filter.channels : request.filter.teams) = QStringList { key };
    emit ticketsRequested(request, *cohort);
}

void OverviewPage::showBreakdowns()
{
    if (!m_result)
        return;
    const std::size_t index = ticketMetricIndex(m_breakdownMetric->currentData().toString().toStdString());
    const MetricDefinition &metric = ticketMetricDefinitions()[index];
    const auto bars = [&](const std::vector<MetricsGroup> &groups, const QString &none) {
        std::vector<BreakdownBar> out;
        for (const MetricsGroup &group : groups)
            out.push_back({ groupLabel(group.key, none),
                index < group.metrics.size() ? group.metrics[index].value : std::nullopt, groupFilterKey(group.key) });
        return out;
    };
    m_byChannel->setBars(metric, bars(m_result->byChannel, tr("(no channel)")));
    m_byTeam->setBars(metric, bars(m_result->byTeam, tr("(no team)")));
}

void OverviewPage::showTags()
{
    m_tagsModel->setTags(m_result->topTags);
}

void OverviewPage::updateEmptyBanner()
{
    if (!m_result) {
        m_emptyBanner->setVisible(false);
        return;
    }
    const auto value = [&](std::string_view id) {
        const std::size_t index = ticketMetricIndex(id);
        return index < m_result->current.size() ? m_result->current[index].value.value_or(0) : 0.0;
    };
    const bool empty = value("tickets_created") == 0 && value("tickets_solved") == 0 && value("backlog_end") == 0;
    if (!empty || !m_dataFirst || !m_dataLast) {
        m_emptyBanner->setVisible(false);
        return;
    }
    const QLocale locale;
    m_emptyText->setText(tr("No tickets in this period. The data covers %1 – %2.")
                             .arg(locale.toString(*m_dataFirst, QLocale::LongFormat),
                                 locale.toString(*m_dataLast, QLocale::LongFormat)));
    m_emptyBanner->setVisible(true);
}

} // namespace sl::ui
