#pragma once

// What an import did, file by file: rows read, imported, updated, unchanged and rejected, the
// first rejected lines with the column and what was expected, and the notes the importer took
// from the data (a day-first date order, say).

#include "services/importjob.h"

#include <QDialog>

#include <vector>

class QIODevice;
class QTextBrowser;

namespace sl::ui {

class ImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    // Rejected lines listed per file; the rest are counted.
    static constexpr std::size_t rejectedLinesShown = 10;

    ImportReportDialog(const std::vector<ImportReport> &reports, bool cancelled, QWidget *parent = nullptr);

    // The report as HTML (what the dialog shows).
    static QString reportHtml(const std::vector<ImportReport> &reports, bool cancelled);
    // Every listed rejected row (file, line, column, reason) as CSV, for fixing the export at its
    // source. False when writing failed.
    static bool writeRejectedCsv(const std::vector<ImportReport> &reports, QIODevice &device);

private:
    void exportRejected();

    std::vector<ImportReport> m_reports;
    QTextBrowser *m_text = nullptr;
};

} // namespace sl::ui
