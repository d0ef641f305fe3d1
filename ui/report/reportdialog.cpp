#include "report/reportdialog.h"

#include "report/reportwriter.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace sl::ui {

namespace {

std::optional<ReportData> computeFor(const QString &databasePath, const TicketSnapshot &snapshot,
                                     const MetricsRequest &request, QString *error)
{
    std::optional<Database> db = Database::open(databasePath, error, sqlite::Connection::Mode::ReadWrite);
    if (!db)
        return std::nullopt;
    return computeReportData(*db, snapshot, request, error);
}

QString periodFileName(const MetricsRequest &request)
{
    if (!request.from || !request.to)
        return ReportDialog::tr("support-report.pdf");
    return ReportDialog::tr("support-report-%1-to-%2.pdf")
        .arg(request.from->toString(Qt::ISODate), request.to->toString(Qt::ISODate));
}

} // namespace

ReportJobResult writeReportJob(const QString &databasePath, std::shared_ptr<const TicketSnapshot> snapshot,
                               const MetricsRequest &request, const ReportOptions &options, const QString &path)
{
    ReportJobResult result;
    result.path = path;
    std::optional<ReportData> data = computeFor(databasePath, *snapshot, request, &result.error);
    if (!data)
        return result;
    result.ok = ReportWriter::writePdf(*data, options, path, &result.error, &result.pages);
    return result;
}

ReportDialog::ReportDialog(QString databasePath, std::shared_ptr<const TicketSnapshot> snapshot,
                           MetricsRequest request, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(std::move(databasePath))
    , m_snapshot(std::move(snapshot))
    , m_request(std::move(request))
{
    setWindowTitle(tr("Export Report"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    auto *layout = new QVBoxLayout(this);
    const QLocale locale;
    auto *period = new QLabel(
        m_request.from && m_request.to
            ? tr("The report covers %1 to %2 with the current filters, compared with the period before.")
                  .arg(locale.toString(*m_request.from, QLocale::LongFormat), locale.toString(*m_request.to, QLocale::LongFormat))
            : tr("Choose a period in the filter bar first."),
        this);
    period->setWordWrap(true);
    layout->addWidget(period);

    auto *form = new QFormLayout;
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(ReportWriter::defaultTitle());
    m_title->setAccessibleName(tr("Report title"));
    form->addRow(tr("&Title:"), m_title);
    m_paper = new QComboBox(this);
    m_paper->addItem(tr("A4"), int(QPageSize::A4));
    m_paper->addItem(tr("US Letter"), int(QPageSize::Letter));
    // Letter where the locale's paper is Letter (the US and Canada), else A4.
    const QLocale::Territory territory = locale.territory();
    if (territory == QLocale::UnitedStates || territory == QLocale::Canada)
        m_paper->setCurrentIndex(1);
    form->addRow(tr("&Paper:"), m_paper);
    m_orientation = new QComboBox(this);
    m_orientation->addItem(tr("Portrait"), int(QPageLayout::Portrait));
    m_orientation->addItem(tr("Landscape"), int(QPageLayout::Landscape));
    form->addRow(tr("&Orientation:"), m_orientation);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("Output file"));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(folder).filePath(periodFileName(m_request)));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ReportDialog::browse);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path); // a row of two widgets gets no buddy from the form
    form->addRow(pathLabel, pathRow);
    layout->addLayout(form);

    auto *sections = new QGroupBox(tr("Sections"), this);
    auto *sectionLayout = new QVBoxLayout(sections);
    const std::vector<std::pair<ReportSection, QString>> names = {
        {ReportSection::TitlePage, tr("Title page with the data sources")},
        {ReportSection::Kpis, tr("Key figures with their change")},
        {ReportSection::Trends, tr("Trend charts")},
        {ReportSection::Breakdowns, tr("Channels and teams")},
        {ReportSection::Heatmap, tr("Hour × weekday heat-map and top tags")},
        {ReportSection::Leaderboard, tr("Agent leaderboard")},
        {ReportSection::Definitions, tr("Definitions appendix")},
    };
    for (const auto &[section, name] : names) {
        auto *box = new QCheckBox(name, sections);
        box->setChecked(true);
        sectionLayout->addWidget(box);
        m_sections.emplace_back(section, box);
    }
    layout->addWidget(sections);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ReportDialog::reject);
    layout->addWidget(m_buttons);
    m_job = new BackgroundJob(this);
    if (!m_request.from || !m_request.to || !m_snapshot)
        m_buttons->button(QDialogButtonBox::Cancel)->setFocus();
}

ReportOptions ReportDialog::options() const
{
    ReportOptions options;
    options.title = m_title->text().trimmed();
    options.paper = QPageSize::PageSizeId(m_paper->currentData().toInt());
    options.orientation = QPageLayout::Orientation(m_orientation->currentData().toInt());
    options.sections = {};
    for (const auto &[section, box] : m_sections) {
        if (box->isChecked())
            options.sections |= section;
    }
    return options;
}

QString ReportDialog::outputPath() const
{
    return m_path->text().trimmed();
}

void ReportDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

void ReportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), outputPath(), tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        m_path->setText(path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".pdf"));
}

void ReportDialog::accept()
{
    if (m_job->isRunning())
        return;
    if (!m_request.from || !m_request.to || !m_snapshot) {
        m_status->setText(tr("Open a database and choose a period first."));
        return;
    }
    const ReportOptions chosen = options();
    if (!chosen.sections) {
        m_status->setText(tr("Choose at least one section."));
        return;
    }
    if (outputPath().isEmpty()) {
        m_status->setText(tr("Choose the file to write."));
        return;
    }
    m_status->setText(tr("Writing the report…"));
    m_buttons->setEnabled(false);
    // The job owns copies of what it reads: it may finish after the dialog is gone.
    m_job->start([databasePath = m_databasePath, snapshot = m_snapshot, request = m_request, chosen,
                  path = outputPath()] { return writeReportJob(databasePath, snapshot, request, chosen, path); },
                 [this](const ReportJobResult &result) { finished(result); });
}

void ReportDialog::finished(const ReportJobResult &result)
{
    m_buttons->setEnabled(true);
    if (!result.ok) {
        m_status->setText(result.error);
        return;
    }
    emit exported(result.path, result.pages);
    QDialog::accept();
}

bool ReportDialog::print(const QString &databasePath, std::shared_ptr<const TicketSnapshot> snapshot,
                         const MetricsRequest &request, QWidget *parent)
{
    if (!snapshot || !request.from || !request.to) {
        QMessageBox::information(parent, tr("Print Report"), tr("Open a database and choose a period first."));
        return false;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(ReportWriter::defaultTitle());
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print Report"));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QString error;
    // Computed here rather than on a worker: a printer is painted on the UI thread anyway, and the
    // queries take well under a second on a loaded snapshot.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    std::optional<ReportData> data = computeFor(databasePath, *snapshot, request, &error);
    int pages = 0;
    if (data) {
        ReportOptions options;
        options.paper = printer.pageLayout().pageSize().id();
        options.orientation = printer.pageLayout().orientation();
        pages = ReportWriter::paint(*data, options, printer);
        if (pages == 0)
            error = tr("The printer could not be started.");
    }
    QApplication::restoreOverrideCursor();
    if (!data || pages == 0) {
        QMessageBox::warning(parent, tr("Print Report"), error);
        return false;
    }
    return true;
}

} // namespace sl::ui
