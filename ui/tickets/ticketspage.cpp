#include "tickets/ticketspage.h"

#include "services/backgroundjob.h"
#include "services/requesttext.h"
#include "store/database.h"
#include "tickets/ticketsmodel.h"
#include "report/exportmenus.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sl::ui {

namespace {

// Long enough that typing a word runs one search, short enough to feel immediate.
constexpr int searchDelayMs = 300;

// "1 ticket", "3,646 tickets": spelled out, since without an English translation file %n would
// show "ticket(s)".
QString ticketCount(std::size_t count)
{
    return count == 1 ? TicketsPage::tr("1 ticket") : TicketsPage::tr("%L1 tickets").arg(qulonglong(count));
}

struct ExportResult
{
    bool ok = false;
    QString message;
};

ExportResult writeExport(const QString &databasePath, const std::vector<std::int64_t> &ids, const QTimeZone &zone,
    const QString &path, CsvOptions options)
{
    ExportResult result;
    std::optional<Database> database
        = Database::open(databasePath, &result.message, sqlite::Connection::Mode::ReadOnly);
    if (!database)
        return result;
    // Written under a temporary name and renamed at the end: a failed export leaves no half file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.message = TicketsPage::tr("Cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    CsvWriter writer(file, options);
    if (!writeTicketsCsv(database->connection(), ids, zone, writer) || !file.commit()) {
        result.message = TicketsPage::tr("Cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    result.ok = true;
    result.message = TicketsPage::tr("Exported %1 to %2").arg(ticketCount(ids.size()), QFileInfo(path).fileName());
    return result;
}

} // namespace

TicketsPage::TicketsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new TicketsModel(this))
    , m_exportJob(new BackgroundJob(this))
{
    m_cohort = new QComboBox(this);
    m_cohort->addItem(tr("Created in the period"), int(TicketCohort::Created));
    m_cohort->addItem(tr("Solved in the period"), int(TicketCohort::Solved));
    m_cohort->addItem(tr("Open at the period's end"), int(TicketCohort::OpenAtEnd));
    m_cohort->setAccessibleName(tr("Tickets to show"));
    m_cohort->setToolTip(tr("Which tickets of the period: the ones the ticket counts of the other pages count"));

    m_description = new QLabel(this);
    m_description->setAccessibleName(tr("Tickets shown"));
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search subject, ID or requester"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search tickets"));
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 48);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);

    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of tickets"));

    m_export = new QPushButton(tr("Export"), this);
    m_export->setAccessibleName(tr("Export the tickets as CSV"));
    m_export->setToolTip(tr("Export the listed tickets, in the listed order, as a CSV file"));
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("CSV (UTF-8)…"), this, [this] { chooseExportFile({ false }); });
    exportMenu->addAction(tr("CSV for Excel (UTF-8 with BOM)…"), this, [this] { chooseExportFile({ true }); });
    m_export->setMenu(exportMenu);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Tickets"));
    // A million rows stream from the database rather than from the model.
    installTableExportMenu(m_view, tr("tickets"), [this](bool bom) { chooseExportFile({ bom }); });
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(TicketsModel::columnOf(TicketSortKey::Created), Qt::DescendingOrder);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(false);
    // The subject takes the room the other columns leave.
    m_view->horizontalHeader()->setSectionResizeMode(int(TicketColumn::Subject), QHeaderView::Stretch);
    // Fixed row heights: a view over a million rows must never measure its rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    fitColumns();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_cohort);
    bar->addWidget(m_description, 1);
    bar->addWidget(m_search);
    bar->addWidget(m_count);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this); // the style's margins: the page stands on its own
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    auto *find = new QShortcut(QKeySequence::Find, this, [this] { m_search->setFocus(Qt::ShortcutFocusReason); });
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_cohort, &QComboBox::activated, this, [this] {
        // A heat-map cell is an hour of creation: it does not carry over to another cohort.
        m_weekday.reset();
        m_hour.reset();
        applySelection();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_model, &TicketsModel::loadingChanged, this, &TicketsPage::updateStatus);
    connect(m_model, &TicketsModel::selectionLoaded, this, [this](qsizetype rows) {
        m_notice.clear();
        updateStatus();
        emit rowCountChanged(rows);
    });
    connect(m_model, &TicketsModel::errorOccurred, this, [this](const QString &message) {
        m_count->setText(tr("Cannot read the tickets"));
        m_count->setToolTip(message);
    });
    // Only three columns sort; a click on another keeps the current order and its indicator.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder) {
        if (TicketsModel::sortKeyOf(column))
            return;
        const TicketSelection &selection = m_model->selection();
        const QSignalBlocker blocker(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(TicketsModel::columnOf(selection.sortKey), selection.sortOrder);
    });
    connect(m_exportJob, &BackgroundJob::runningChanged, this, [this](bool running) {
        m_export->setEnabled(!running);
        updateStatus();
    });
    updateStatus();
}

bool TicketsPage::setDatabasePath(const QString &path, QString *error)
{
    return m_model->setDatabasePath(path, error);
}

void TicketsPage::setRequest(const MetricsRequest &request)
{
    m_request = request;
    m_weekday.reset();
    m_hour.reset();
    m_tag.clear();
    applySelection();
}

void TicketsPage::showTickets(const MetricsRequest &request, TicketCohort cohort)
{
    m_request = request;
    m_weekday.reset();
    m_hour.reset();
    m_tag.clear();
    m_cohort->setCurrentIndex(m_cohort->findData(int(cohort)));
    applySelection();
}

void TicketsPage::showTicketsCreatedAt(const MetricsRequest &request, int weekday, int hour)
{
    m_request = request;
    m_weekday = weekday;
    m_hour = hour;
    m_tag.clear();
    m_cohort->setCurrentIndex(m_cohort->findData(int(TicketCohort::Created)));
    applySelection();
}

void TicketsPage::showTicketsTagged(const MetricsRequest &request, const QString &tag)
{
    m_request = request;
    m_weekday.reset();
    m_hour.reset();
    m_tag = tag;
    m_cohort->setCurrentIndex(m_cohort->findData(int(TicketCohort::Created)));
    applySelection();
}

void TicketsPage::reload()
{
    m_model->reload();
}

TicketCohort TicketsPage::cohort() const
{
    return TicketCohort(m_cohort->currentData().toInt());
}

MetricsRequest TicketsPage::request() const
{
    return m_request;
}

void TicketsPage::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    m_model->setSearch(text);
}

void TicketsPage::applySelection()
{
    TicketSelection selection = m_model->selection();
    selection.request = m_request;
    selection.cohort = cohort();
    selection.weekday = m_weekday;
    selection.hour = m_hour;
    selection.tag = m_tag;
    selection.search = m_search->text();
    m_searchDelay->stop();
    m_model->setSelection(selection);
    const QString filter = filterDescription(m_request.filter);
    QString cohortText = cohortDescription(selection.cohort, m_request);
    const QString slot = slotDescription(m_weekday, m_hour);
    if (!slot.isEmpty())
        cohortText = tr("%1, %2").arg(cohortText, slot);
    if (!m_tag.isEmpty())
        cohortText = tr("%1, tagged “%2”").arg(cohortText, m_tag);
    m_description->setText(filter.isEmpty() ? cohortText : tr("%1 · %2").arg(cohortText, filter));
}

void TicketsPage::updateStatus()
{
    QString text = ticketCount(std::size_t(m_model->rowCount()));
    if (m_model->isLoading())
        text = tr("%1 · loading…").arg(text);
    else if (m_exportJob->isRunning())
        text = tr("%1 · exporting…").arg(text);
    else if (!m_notice.isEmpty())
        text = tr("%1 · %2").arg(text, m_notice);
    m_count->setText(text);
    m_count->setToolTip({});
}

void TicketsPage::fitColumns()
{
    // Widths from the font and typical contents, never from the rows: measuring a million rows
    // is what ResizeToContents would do.
    const QFontMetrics metrics = m_view->fontMetrics();
    const QFontMetrics headerMetrics = m_view->horizontalHeader()->fontMetrics();
    const QDateTime sampleTime(QDate(2025, 12, 28), QTime(23, 59));
    const QString samples[ticketColumnCount] = {
        QStringLiteral("0000000"),
        QLocale().toString(sampleTime, QLocale::ShortFormat),
        QString(24, QLatin1Char('n')),
        tr("pending"),
        tr("normal"),
        tr("Web form"),
        QStringLiteral("Ilse Van den Broeckx"),
        QStringLiteral("Enterprise"),
        QLocale().toString(12345.6, 'f', 1),
        QLocale().toString(1234.5, 'f', 1),
        tr("%1 (%2)").arg(tr("Good"), QStringLiteral("5")),
    };
    const int padding = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 12;
    const int sortArrow = 20; // room for the header's sort indicator
    for (int column = 0; column < ticketColumnCount; ++column) {
        const int content = metrics.horizontalAdvance(samples[column]);
        const int header = headerMetrics.horizontalAdvance(ticketColumnTitle(TicketColumn(column))) + sortArrow;
        m_view->setColumnWidth(column, std::max(content, header) + padding);
    }
}

void TicketsPage::chooseExportFile(CsvOptions options)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(tr("tickets.csv"));
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Tickets"), suggested, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path, options);
}

void TicketsPage::exportCsv(const QString &path, CsvOptions options)
{
    m_exportJob->start(
        [databasePath = m_model->databasePath(), ids = m_model->ticketIds(), zone = m_model->selection().request.zone,
            path, options] { return writeExport(databasePath, ids, zone, path, options); },
        [this](const ExportResult &result) {
            m_notice = result.message;
            emit exportFinished(result.ok, result.message);
        });
}

bool TicketsPage::isExporting() const
{
    return m_exportJob->isRunning();
}

} // namespace sl::ui
