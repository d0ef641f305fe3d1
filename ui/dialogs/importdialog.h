#pragma once

// The import dialog: what SupportLens will make of each file before anything is written. For
// every file it shows the first records as parsed, the encoding, byte-order mark and delimiter
// it detected, the kind and profile (both can be forced), the time zone and date order for
// times and dates, and the column mapping, which the user can edit for ticket exports. Import
// then runs in the background through an ImportRunner (the main window's, so that its report
// and reload follow as for any import), with a progress bar and Cancel in the dialog; the
// dialog closes when the runner is done.

#include "services/importjob.h"
#include "import/inspector.h"
#include "import/kindpreview.h"

#include <QDialog>
#include <QHash>
#include <QStringList>
#include <QTimeZone>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;

namespace sl::ui {

class ColumnMappingModel;
class ImportPreviewModel;
class ImportRunner;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    // Records shown in the preview.
    static constexpr int previewRows = 50;

    // `runner`: the runner to import with (the caller's, kept); null makes one of the dialog's own.
    // A runner of the dialog's own is a child: destroying the dialog cancels and waits for it.
    ImportDialog(const QString &databasePath, const QStringList &files, ImportRunner *runner = nullptr,
        QWidget *parent = nullptr);

    // The file shown (0-based); the list on the left selects it.
    int currentFile() const { return m_current; }
    void setCurrentFile(int index);
    int fileCount() const { return int(m_files.size()); }
    // Leaves file `index` out of the import (not the last one, not while importing).
    bool removeFile(int index);

    // What the dialog detected for the shown file, as it shows it.
    QString formatText() const;
    QString kindName() const; // "tickets", "calls", ...
    QString profileId() const; // the profile that will be used ("zendesk", ...); empty when none
    QString detectionMessage() const; // why nothing reads the file, when nothing does
    QString mappingNote() const; // what the mapping table's note says now

    // The choices, as the combo boxes make them (for tests and scripting).
    void setKind(const QString &kind);
    void setProfile(const QString &profile);
    // For the shown file, and for every file whose own was not chosen yet.
    void setTimeZone(const QString &zoneId);
    void setDateOrder(DateOrder order);
    // Sets the field of the shown file's column `column` (an id, "" for an extra column).
    bool setColumnField(int column, const QString &field);

    // The options each file is imported with.
    ImportOptions optionsFor(int file) const;

    ImportPreviewModel *previewModel() const { return m_previewModel; }
    ColumnMappingModel *mappingModel() const { return m_mappingModel; }
    ImportRunner *runner() const { return m_runner; }
    bool isImporting() const;

public slots:
    // Starts importing every file; false when the runner is busy or an option is invalid.
    bool startImport();
    // Stops a running import (the file being imported leaves the database as it was);
    // otherwise closes the dialog.
    void reject() override;

signals:
    // After the runner finished (before the dialog closes).
    void importFinished(const std::vector<sl::ImportReport> &reports, bool cancelled);

private:
    struct FileSetup
    {
        QString path;
        FilePreview preview;
        KindPreview detected;
        QString kind; // the kind chosen (or detected)
        QString profile = QStringLiteral("auto");
        QHash<QString, QString> overrides; // the user's mapping edits: header name -> field id
        // How times without an offset and slashed dates are read. A file whose own were never
        // chosen follows the latest choice made for another file.
        QString zoneId = QString::fromUtf8(QTimeZone::systemTimeZoneId());
        bool zoneChosen = false;
        DateOrder dateOrder = DateOrder::Unknown;
        bool dateOrderChosen = false;
    };

    void buildUi();
    void detect(FileSetup &file);
    void showFile();
    void showDetection();
    void fillProfiles();
    void showMapping();
    void showMappingNote();
    QStringList fieldsOfColumns(const FileSetup &file) const;
    static std::vector<QStringList> recordsOf(const FileSetup &file);
    void kindChosen();
    void profileChosen();
    void fieldEdited(int column, const QString &field);
    void showProgress(int fileIndex, int fileCount, const QString &fileName, double fraction);
    void runnerFinished(const std::vector<sl::ImportReport> &reports, bool cancelled);
    void setControlsEnabled(bool enabled);
    void zoneEdited(const QString &zoneId);
    void dateOrderEdited();

    QString m_databasePath;
    std::vector<FileSetup> m_files;
    int m_current = -1;
    ImportRunner *m_runner = nullptr;
    bool m_started = false; // this dialog started the runner
    bool m_updating = false; // combo boxes being filled, not chosen

    QListWidget *m_fileList = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_formatLabel = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QComboBox *m_zoneCombo = nullptr;
    QComboBox *m_dateOrderCombo = nullptr;
    QLabel *m_detectionLabel = nullptr;
    QLabel *m_mappingNote = nullptr;
    QTableView *m_previewView = nullptr;
    QTableView *m_mappingView = nullptr;
    ImportPreviewModel *m_previewModel = nullptr;
    ColumnMappingModel *m_mappingModel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_removeFileButton = nullptr;
};

} // namespace sl::ui
