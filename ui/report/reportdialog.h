#pragma once

// File → Export Report…: which sections, the paper and orientation, the title and the file;
// then the report is computed and written on a worker thread (the dialog stays responsive and
// says so), and File → Print… paints the same report on a printer.

#include "report/reportdata.h"
#include "services/backgroundjob.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sl::ui {

struct ReportJobResult
{
    bool ok = false;
    QString path;
    QString error;
    int pages = 0;
};

// Opens its own connection to `databasePath` (one per thread) and reads the loaded snapshot.
ReportJobResult writeReportJob(const QString &databasePath, std::shared_ptr<const TicketSnapshot> snapshot,
                               const MetricsRequest &request, const ReportOptions &options, const QString &path);

class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(QString databasePath, std::shared_ptr<const TicketSnapshot> snapshot, MetricsRequest request,
                 QWidget *parent = nullptr);

    ReportOptions options() const;
    QString outputPath() const;
    void setOutputPath(const QString &path);

    // Print…: the print dialog, then the report painted on the chosen printer. False when
    // cancelled or failed (failures are shown).
    static bool print(const QString &databasePath, std::shared_ptr<const TicketSnapshot> snapshot,
                      const MetricsRequest &request, QWidget *parent);

signals:
    void exported(const QString &path, int pages);

public slots:
    void accept() override;

private:
    void browse();
    void finished(const ReportJobResult &result);

    QString m_databasePath;
    std::shared_ptr<const TicketSnapshot> m_snapshot;
    MetricsRequest m_request;
    QLineEdit *m_title = nullptr;
    std::vector<std::pair<ReportSection, QCheckBox *>> m_sections;
    QComboBox *m_paper = nullptr;
    QComboBox *m_orientation = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    BackgroundJob *m_job = nullptr; // writes the PDF off the UI thread
};

} // namespace sl::ui
