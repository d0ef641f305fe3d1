#include "shell/importreportdialog.h"

#include "services/csvexport.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace sl::ui {

ImportReportDialog::ImportReportDialog(const std::vector<ImportReport> &reports, bool cancelled, QWidget *parent)
    : QDialog(parent)
    , m_reports(reports)
{
    setWindowTitle(tr("Import report"));
    m_text = new QTextBrowser(this);
    m_text->setAccessibleName(tr("Import report"));
    m_text->setOpenLinks(false);
    m_text->setHtml(reportHtml(reports, cancelled));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *exportButton = buttons->addButton(tr("&Export Rejected Rows…"), QDialogButtonBox::ActionRole);
    exportButton->setEnabled(std::any_of(reports.begin(), reports.end(),
                                         [](const ImportReport &report) { return !report.issues.empty(); }));
    connect(exportButton, &QPushButton::clicked, this, &ImportReportDialog::exportRejected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 30);
}

bool ImportReportDialog::writeRejectedCsv(const std::vector<ImportReport> &reports, QIODevice &device)
{
    // Excel opens the file with the byte-order mark as UTF-8, so non-ASCII reasons stay readable.
    CsvWriter writer(device, CsvOptions{true});
    writer.writeRow({tr("File"), tr("Line"), tr("Column"), tr("Reason")});
    for (const ImportReport &report : reports) {
        const QString name = QFileInfo(report.filePath).fileName();
        for (const RowIssue &issue : report.issues)
            writer.writeRow({name, QString::number(issue.line), issue.column, issue.message});
    }
    return writer.ok();
}

void ImportReportDialog::exportRejected()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Rejected Rows"), tr("rejected-rows.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !writeRejectedCsv(m_reports, file) || !file.commit())
        QMessageBox::warning(this, tr("Export Rejected Rows"),
                             tr("%1 cannot be written: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
}

QString ImportReportDialog::reportHtml(const std::vector<ImportReport> &reports, bool cancelled)
{
    const QLocale locale;
    const auto number = [&](std::int64_t n) { return locale.toString(qlonglong(n)); };
    QString html;
    if (cancelled)
        html += QStringLiteral("<p>%1</p>").arg(tr("The import was cancelled. A file that was not finished left the "
                                                   "database as it was."));
    for (const ImportReport &report : reports) {
        const QString name = QFileInfo(report.filePath).fileName().toHtmlEscaped();
        QString outcome;
        switch (report.outcome) {
        case ImportReport::Outcome::Imported: outcome = tr("imported"); break;
        case ImportReport::Outcome::Failed: outcome = tr("failed"); break;
        case ImportReport::Outcome::Cancelled: outcome = tr("cancelled"); break;
        }
        html += QStringLiteral("<h3>%1 — %2</h3>").arg(name, outcome);
        if (report.outcome == ImportReport::Outcome::Failed) {
            html += QStringLiteral("<p>%1</p>").arg(report.error.toHtmlEscaped());
            if (report.rowsRead == 0)
                continue;
        }
        if (report.outcome == ImportReport::Outcome::Imported && !report.profile.isEmpty())
            html += QStringLiteral("<p>%1</p>")
                        .arg(tr("Read as %1 (%2).").arg(report.profile.toHtmlEscaped(), report.kind.toHtmlEscaped()));
        html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
        const auto row = [&](const QString &label, std::int64_t n) {
            html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>").arg(label.toHtmlEscaped(), number(n));
        };
        row(tr("Rows read"), report.rowsRead);
        row(tr("Imported (new)"), report.inserted);
        row(tr("Updated"), report.updated);
        row(tr("Unchanged"), report.unchanged);
        row(tr("Rejected"), report.rejected);
        html += QStringLiteral("</table>");
        if (!report.issues.empty()) {
            html += QStringLiteral("<p>%1</p><ul>").arg(tr("First rejected lines:"));
            for (std::size_t i = 0; i < report.issues.size() && i < rejectedLinesShown; ++i) {
                const RowIssue &issue = report.issues[i];
                const QString where = issue.column.isEmpty()
                    ? tr("Line %1").arg(number(issue.line))
                    : tr("Line %1, column “%2”").arg(number(issue.line), issue.column);
                html += QStringLiteral("<li>%1: %2</li>").arg(where.toHtmlEscaped(), issue.message.toHtmlEscaped());
            }
            html += QStringLiteral("</ul>");
            if (report.rejected > std::int64_t(rejectedLinesShown))
                html += QStringLiteral("<p>%1</p>")
                            .arg(tr("… and %1 more (Export Rejected Rows… saves every listed one).")
                                     .arg(number(report.rejected - std::int64_t(rejectedLinesShown))));
        }
        if (!report.notes.isEmpty()) {
            html += QStringLiteral("<p>%1</p><ul>").arg(tr("Decided from the data:"));
            for (const QString &note : report.notes)
                html += QStringLiteral("<li>%1</li>").arg(note.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
    }
    return html;
}

} // namespace sl::ui
