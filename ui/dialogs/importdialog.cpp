#include "dialogs/importdialog.h"

#include "dialogs/importmodels.h"
#include "domain/ticketfields.h"
#include "import/profiles.h"
#include "shell/importrunner.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace sl::ui {

namespace {

const QString autoValue = QStringLiteral("auto");

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}

// The kinds as the combo box lists them, in the order a support manager meets them.
QString kindLabel(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Tickets:
        return ImportDialog::tr("Tickets");
    case RecordKind::Calls:
        return ImportDialog::tr("Calls");
    case RecordKind::Surveys:
        return ImportDialog::tr("Survey responses");
    case RecordKind::Customers:
        return ImportDialog::tr("Customers");
    case RecordKind::Costs:
        return ImportDialog::tr("Costs");
    case RecordKind::Qa:
        return ImportDialog::tr("QA reviews");
    case RecordKind::Events:
        return ImportDialog::tr("Ticket events");
    }
    return {};
}

QString delimiterLabel(char delimiter)
{
    switch (delimiter) {
    case ',':
        return ImportDialog::tr("comma");
    case ';':
        return ImportDialog::tr("semicolon");
    case '\t':
        return ImportDialog::tr("tab");
    case '|':
        return ImportDialog::tr("vertical bar");
    default:
        return QStringLiteral("“%1”").arg(QLatin1Char(delimiter));
    }
}

} // namespace

ImportDialog::ImportDialog(const QString &databasePath, const QStringList &files, ImportRunner *runner, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_runner(runner ? runner : new ImportRunner(this))
{
    setWindowTitle(tr("Import CSV"));
    m_previewModel = new ImportPreviewModel(this);
    m_mappingModel = new ColumnMappingModel(this);
    buildUi();
    for (const QString &path : files) {
        FileSetup file;
        file.path = path;
        file.preview = previewFile(path, previewRows);
        detect(file);
        // The detected kind is preselected explicitly: what the combo shows is what is imported.
        if (file.detected.kind)
            file.kind = recordKindName(*file.detected.kind);
        m_files.push_back(std::move(file));
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_fileList);
        item->setToolTip(QFileInfo(path).absoluteFilePath());
    }
    // The list shows only for several files; one of them can be left out, down to the last.
    m_fileList->setVisible(m_files.size() > 1);
    m_removeFileButton->setVisible(m_files.size() > 1);
    connect(m_mappingModel, &ColumnMappingModel::fieldEdited, this, &ImportDialog::fieldEdited);
    connect(m_zoneCombo, &QComboBox::currentTextChanged, this, &ImportDialog::zoneEdited);
    connect(m_dateOrderCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::dateOrderEdited);
    connect(m_runner, &ImportRunner::progress, this, &ImportDialog::showProgress);
    connect(m_runner, &ImportRunner::finished, this, &ImportDialog::runnerFinished);
    setCurrentFile(0);
    m_importButton->setEnabled(!m_files.empty());
}

void ImportDialog::buildUi()
{
    m_fileList = new QListWidget(this);
    m_fileList->setAccessibleName(tr("Files to import"));
    m_fileList->setMaximumWidth(fontMetrics().averageCharWidth() * 28);
    m_fileList->setTextElideMode(Qt::ElideMiddle);
    m_fileList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_fileList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            setCurrentFile(row);
    });

    m_removeFileButton = new QPushButton(tr("&Leave Out"), this);
    m_removeFileButton->setToolTip(tr("Do not import the selected file (Delete)"));
    m_removeFileButton->setAccessibleName(tr("Leave the selected file out"));
    connect(m_removeFileButton, &QPushButton::clicked, this, [this] { removeFile(m_current); });
    auto *removeShortcut = new QShortcut(QKeySequence::Delete, m_fileList);
    removeShortcut->setContext(Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, [this] { removeFile(m_current); });

    m_fileLabel = new QLabel(this);
    QFont bold = m_fileLabel->font();
    bold.setBold(true);
    m_fileLabel->setFont(bold);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formatLabel = new QLabel(this);
    m_formatLabel->setAccessibleName(tr("Detected format"));

    m_kindCombo = new QComboBox(this);
    m_kindCombo->setAccessibleName(tr("Kind of export"));
    m_kindCombo->addItem(tr("Auto-detect"), autoValue);
    for (RecordKind kind : { RecordKind::Tickets, RecordKind::Calls, RecordKind::Surveys, RecordKind::Customers,
             RecordKind::Costs, RecordKind::Qa, RecordKind::Events })
        m_kindCombo->addItem(kindLabel(kind), recordKindName(kind));
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::kindChosen);

    m_profileCombo = new QComboBox(this);
    m_profileCombo->setAccessibleName(tr("Source profile"));
    // Wide enough for every profile's name, so that the form does not jump between files.
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setMinimumContentsLength(32);
    m_kindCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kindCombo->setMinimumContentsLength(32);
    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::profileChosen);

    m_zoneCombo = new QComboBox(this);
    m_zoneCombo->setAccessibleName(tr("Time zone of times without offset"));
    m_zoneCombo->setEditable(true);
    m_zoneCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zoneCombo->addItem(QString::fromUtf8(id));
    m_zoneCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_zoneCombo->completer()->setFilterMode(Qt::MatchContains);
    m_zoneCombo->setCurrentText(QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    m_zoneCombo->setToolTip(tr("Times this export writes without an offset are read in this zone and stored as UTC. "
                               "A choice here also holds for the other files whose zone was not chosen yet."));

    m_dateOrderCombo = new QComboBox(this);
    m_dateOrderCombo->setAccessibleName(tr("Date order"));
    m_dateOrderCombo->addItem(tr("Decide from the data"), int(DateOrder::Unknown));
    m_dateOrderCombo->addItem(tr("Day first (31/12/2025)"), int(DateOrder::DayFirst));
    m_dateOrderCombo->addItem(tr("Month first (12/31/2025)"), int(DateOrder::MonthFirst));
    m_dateOrderCombo->setToolTip(tr("How ticket exports' dates such as 03/04/2025 are read. By default a date above "
                                    "12 in the file decides, else month first. Other kinds decide from their data."));

    auto *choices = new QFormLayout;
    choices->addRow(tr("&Kind:"), m_kindCombo);
    choices->addRow(tr("&Profile:"), m_profileCombo);
    auto *readChoices = new QFormLayout;
    readChoices->addRow(tr("&Time zone:"), m_zoneCombo);
    readChoices->addRow(tr("&Dates:"), m_dateOrderCombo);
    auto *choiceRow = new QHBoxLayout;
    choiceRow->addLayout(choices);
    choiceRow->addSpacing(fontMetrics().averageCharWidth() * 4);
    choiceRow->addLayout(readChoices);
    choiceRow->addStretch(1);

    m_detectionLabel = new QLabel(this);
    m_detectionLabel->setAccessibleName(tr("What was detected"));
    m_detectionLabel->setWordWrap(true);
    m_detectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_previewView = new QTableView(this);
    m_previewView->setAccessibleName(tr("First records as parsed"));
    m_previewView->setModel(m_previewModel);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->setWordWrap(false);
    m_previewView->horizontalHeader()->setDefaultSectionSize(fontMetrics().averageCharWidth() * 18);
    m_previewView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);

    m_mappingView = new QTableView(this);
    m_mappingView->setAccessibleName(tr("Column mapping"));
    m_mappingView->setModel(m_mappingModel);
    m_mappingView->setItemDelegateForColumn(ColumnMappingModel::FieldColumn, new FieldChoiceDelegate(m_mappingView));
    m_mappingView->verticalHeader()->setVisible(false);
    m_mappingView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_mappingView->setSelectionMode(QAbstractItemView::NoSelection);
    m_mappingView->horizontalHeader()->setSectionResizeMode(ColumnMappingModel::NameColumn, QHeaderView::Interactive);
    m_mappingView->horizontalHeader()->setStretchLastSection(true);
    m_mappingView->setColumnWidth(ColumnMappingModel::NameColumn, fontMetrics().averageCharWidth() * 30);
    m_mappingView->setColumnWidth(ColumnMappingModel::SampleColumn, fontMetrics().averageCharWidth() * 30);
    m_mappingNote = new QLabel(this);
    m_mappingNote->setWordWrap(true);

    const auto titled = [this](const QString &title, QWidget *view, QWidget *below) {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(title, box);
        label->setBuddy(view);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        layout->addWidget(label);
        layout->addWidget(view, 1);
        if (below)
            layout->addWidget(below);
        return box;
    };
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(titled(tr("C&olumns"), m_mappingView, m_mappingNote));
    splitter->addWidget(titled(
        tr("P&review: the first %1 records as read").arg(QLocale().toString(previewRows)), m_previewView, nullptr));
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *fileSide = new QVBoxLayout;
    fileSide->addWidget(m_fileLabel);
    fileSide->addWidget(m_formatLabel);
    fileSide->addLayout(choiceRow);
    fileSide->addWidget(m_detectionLabel);
    fileSide->addWidget(splitter, 1);

    auto *listSide = new QVBoxLayout;
    listSide->addWidget(m_fileList, 1);
    listSide->addWidget(m_removeFileButton);
    auto *body = new QHBoxLayout;
    body->addLayout(listSide);
    body->addLayout(fileSide, 1);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setAccessibleName(tr("Import status"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_statusLabel, 1);
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(bottom);
    resize(fontMetrics().averageCharWidth() * 190, fontMetrics().height() * 44);
}

void ImportDialog::detect(FileSetup &file)
{
    if (!file.preview.ok) {
        file.detected = KindPreview();
        file.detected.message = file.preview.error;
        return;
    }
    file.detected = previewKind(
        file.preview.header, file.kind.isEmpty() ? autoValue : file.kind, file.profile, file.overrides);
}

bool ImportDialog::removeFile(int index)
{
    if (m_started || m_files.size() <= 1 || index < 0 || index >= int(m_files.size()))
        return false;
    m_files.erase(m_files.begin() + index);
    {
        const QSignalBlocker blocker(m_fileList); // the current file is set below, once
        delete m_fileList->takeItem(index);
    }
    m_current = -1;
    m_removeFileButton->setEnabled(m_files.size() > 1);
    setCurrentFile(std::min(index, int(m_files.size()) - 1));
    return true;
}

void ImportDialog::setCurrentFile(int index)
{
    if (index < 0 || index >= int(m_files.size()))
        return;
    m_current = index;
    if (m_fileList->currentRow() != index)
        m_fileList->setCurrentRow(index);
    showFile();
}

void ImportDialog::showFile()
{
    const FileSetup &file = m_files[std::size_t(m_current)];
    m_updating = true;
    m_fileLabel->setText(QFileInfo(file.path).fileName());
    m_fileLabel->setToolTip(QFileInfo(file.path).absoluteFilePath());
    m_formatLabel->setText(formatText());
    m_kindCombo->setCurrentIndex(std::max(0, m_kindCombo->findData(file.kind.isEmpty() ? autoValue : file.kind)));
    fillProfiles();
    m_zoneCombo->setCurrentText(file.zoneId);
    m_dateOrderCombo->setCurrentIndex(std::max(0, m_dateOrderCombo->findData(int(file.dateOrder))));
    m_updating = false;

    showDetection();
    m_previewModel->setPreview(file.preview.header, recordsOf(file));
    // Columns as wide as their first records need, within reason: a long subject is in the tooltip.
    m_previewView->resizeColumnsToContents();
    const int widest = fontMetrics().averageCharWidth() * 32;
    for (int column = 0; column < m_previewModel->columnCount(); ++column)
        m_previewView->setColumnWidth(column, std::min(m_previewView->columnWidth(column), widest));
    showMapping();
}

void ImportDialog::showDetection()
{
    const FileSetup &file = m_files[std::size_t(m_current)];
    const KindPreview &detected = file.detected;
    if (detected.kind) {
        // As the mapping stands, the user's edits included.
        const QStringList fields = fieldsOfColumns(file);
        const int mapped
            = int(std::count_if(fields.begin(), fields.end(), [](const QString &f) { return !f.isEmpty(); }));
        const QString profile = detected.displayName.isEmpty() ? detected.profile : detected.displayName;
        const QLocale locale;
        const QString kind = kindLabel(*detected.kind).toLower();
        const qsizetype columns = file.preview.header.size();
        m_detectionLabel->setText(mapped >= columns
                ? tr("Read as %1: %2. Every column goes to a field.").arg(kind, profile)
                : tr("Read as %1: %2. %3 of %4 columns go to a field; the others are kept as extra "
                     "columns.")
                      .arg(kind, profile, locale.toString(mapped), locale.toString(columns)));
        m_detectionLabel->setStyleSheet(QString());
    } else {
        m_detectionLabel->setText(tr("Cannot import this file as it is: %1").arg(detected.message));
        m_detectionLabel->setStyleSheet(
            QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 4px;"));
    }
}

void ImportDialog::fillProfiles()
{
    const FileSetup &file = m_files[std::size_t(m_current)];
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("Auto-detect"), autoValue);
    const bool tickets = file.kind.isEmpty() || file.kind == autoValue || file.kind == QLatin1String("tickets");
    if (tickets) {
        for (const SourceProfile &profile : ticketProfiles())
            m_profileCombo->addItem(
                QString::fromUtf8(profile.displayName.data(), qsizetype(profile.displayName.size())),
                latin1(profile.id));
    }
    // Other kinds list the profile they detected (their profiles are forced by id on the command line).
    if (!file.detected.profile.isEmpty() && m_profileCombo->findData(file.detected.profile) < 0)
        m_profileCombo->addItem(file.detected.displayName.isEmpty() ? file.detected.profile : file.detected.displayName,
            file.detected.profile);
    if (m_profileCombo->findData(file.profile) < 0)
        m_profileCombo->addItem(file.profile, file.profile);
    m_profileCombo->setCurrentIndex(m_profileCombo->findData(file.profile));
    if (file.profile == autoValue && !file.detected.profile.isEmpty())
        m_profileCombo->setItemText(0, tr("Auto-detect (%1)").arg(file.detected.profile));
}

std::vector<QStringList> ImportDialog::recordsOf(const FileSetup &file)
{
    // The rows after the header that are more header (Qualtrics' question texts) are no records.
    const auto skip = std::min(std::size_t(std::max(file.detected.extraHeaderRows, 0)), file.preview.rows.size());
    return { file.preview.rows.begin() + std::ptrdiff_t(skip), file.preview.rows.end() };
}

QStringList ImportDialog::fieldsOfColumns(const FileSetup &file) const
{
    const QStringList &header = file.preview.header;
    QStringList fields;
    for (qsizetype i = 0; i < header.size(); ++i)
        fields.append(QString());
    // What the core read of the header with the edits (previewKind), for every kind alike.
    std::vector<bool> taken(std::size_t(header.size()), false);
    for (const auto &[name, field] : file.detected.columnFields) {
        for (qsizetype column = 0; column < header.size(); ++column) {
            if (!taken[std::size_t(column)] && header[column] == name) {
                taken[std::size_t(column)] = true;
                fields[column] = field;
                break;
            }
        }
    }
    return fields;
}

void ImportDialog::showMapping()
{
    const FileSetup &file = m_files[std::size_t(m_current)];
    const QStringList &header = file.preview.header;
    QStringList samples;
    for (qsizetype column = 0; column < header.size(); ++column) {
        QString sample;
        for (const QStringList &row : recordsOf(file)) {
            sample = row.value(column).trimmed();
            if (!sample.isEmpty())
                break;
        }
        samples.append(sample);
    }
    // Whatever reads the file can be told which column is which; a file nothing reads cannot.
    const bool editable = file.detected.kind.has_value() && !file.detected.fieldChoices.isEmpty();
    const QString kind = file.detected.kind ? recordKindName(*file.detected.kind) : QString();
    // A survey tool's extra header rows say what each column asks: the column's tooltip.
    QStringList headerNotes;
    const std::size_t extraRows = file.preview.rows.size() - recordsOf(file).size();
    for (qsizetype column = 0; column < header.size(); ++column) {
        QStringList notes;
        for (std::size_t row = 0; row < extraRows; ++row) {
            const QString note = file.preview.rows[row].value(column).trimmed();
            if (!note.isEmpty() && note != header[column])
                notes.append(note);
        }
        headerNotes.append(notes.join(QLatin1Char('\n')));
    }
    m_mappingModel->setMapping(
        kind, header, samples, fieldsOfColumns(file), file.detected.fieldChoices, editable, headerNotes);
    if (editable) {
        for (int row = 0; row < m_mappingModel->rowCount(); ++row)
            m_mappingView->openPersistentEditor(m_mappingModel->index(row, ColumnMappingModel::FieldColumn));
    }
    showMappingNote();
}

void ImportDialog::showMappingNote()
{
    const FileSetup &file = m_files[std::size_t(m_current)];
    m_mappingNote->setStyleSheet(QString());
    if (m_mappingModel->isEditable() && !file.detected.ticketMatch) {
        if (!file.detected.overrideError.isEmpty()) {
            m_mappingNote->setText(tr("This mapping cannot be imported: %1.").arg(file.detected.overrideError));
            m_mappingNote->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
            return;
        }
        m_mappingNote->setText(tr("Choose the field each column goes to. “%1” stores a column's values with the "
                                  "row without reading them as a field.")
                                   .arg(ColumnMappingModel::extraColumnText()));
    } else if (m_mappingModel->isEditable()) {
        bool hasId = false;
        for (int row = 0; row < m_mappingModel->rowCount(); ++row)
            hasId = hasId || m_mappingModel->fieldOf(row) == fieldId(TicketField::ExternalId);
        if (!hasId) {
            // Rows are keyed by the export's own id: without one every row would be rejected.
            m_mappingNote->setText(tr("No column is the ticket id: every row would be rejected. Choose the column "
                                      "that holds the export's own ticket number."));
            m_mappingNote->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
            return;
        }
        m_mappingNote->setText(tr("Choose the field each column goes to. “%1” stores a column's values with the "
                                  "ticket without reading them as a field.")
                                   .arg(ColumnMappingModel::extraColumnText()));
    } else {
        m_mappingNote->setText(tr("Choose another kind or profile, or check that this is the export you meant."));
    }
}

void ImportDialog::kindChosen()
{
    if (m_updating || m_current < 0)
        return;
    FileSetup &file = m_files[std::size_t(m_current)];
    file.kind = m_kindCombo->currentData().toString();
    // A profile and a mapping belong to one kind: a new kind starts from detection.
    file.profile = autoValue;
    file.overrides.clear();
    detect(file);
    showFile();
}

void ImportDialog::profileChosen()
{
    if (m_updating || m_current < 0)
        return;
    FileSetup &file = m_files[std::size_t(m_current)];
    file.profile = m_profileCombo->currentData().toString();
    file.overrides.clear();
    detect(file);
    showFile();
}

void ImportDialog::fieldEdited(int column, const QString &field)
{
    if (m_current < 0)
        return;
    FileSetup &file = m_files[std::size_t(m_current)];
    // A field takes one column (but a ticket's tags may come from several): an earlier choice of
    // the same field for another column gives way.
    const bool tags = file.detected.ticketMatch && field == fieldId(TicketField::Tags);
    if (!field.isEmpty() && !tags) {
        for (auto it = file.overrides.begin(); it != file.overrides.end();) {
            if (it.value() == field)
                it = file.overrides.erase(it);
            else
                ++it;
        }
    }
    file.overrides.insert(file.preview.header.value(column), field);
    // Every kind applies the edits in core, as the import will: detected again.
    detect(file);
    m_mappingModel->updateFields(fieldsOfColumns(file));
    showDetection();
    showMappingNote();
}

QString ImportDialog::formatText() const
{
    if (m_current < 0)
        return {};
    const FileSetup &file = m_files[std::size_t(m_current)];
    if (!file.preview.ok)
        return tr("Not readable as CSV: %1").arg(file.preview.error);
    const CsvFormat &format = file.preview.format;
    const QString encoding
        = format.bom ? tr("%1 with byte-order mark").arg(encodingName(format.encoding)) : encodingName(format.encoding);
    const qsizetype columns = file.preview.header.size();
    return columns == 1 ? tr("%1 · delimiter: %2 · 1 column").arg(encoding, delimiterLabel(format.delimiter))
                        : tr("%1 · delimiter: %2 · %3 columns")
                              .arg(encoding, delimiterLabel(format.delimiter), QLocale().toString(columns));
}

QString ImportDialog::kindName() const
{
    if (m_current < 0 || !m_files[std::size_t(m_current)].detected.kind)
        return {};
    return recordKindName(*m_files[std::size_t(m_current)].detected.kind);
}

QString ImportDialog::profileId() const
{
    return m_current < 0 ? QString() : m_files[std::size_t(m_current)].detected.profile;
}

QString ImportDialog::detectionMessage() const
{
    return m_current < 0 ? QString() : m_files[std::size_t(m_current)].detected.message;
}

QString ImportDialog::mappingNote() const
{
    return m_mappingNote->text();
}

void ImportDialog::setKind(const QString &kind)
{
    m_kindCombo->setCurrentIndex(m_kindCombo->findData(kind));
}

void ImportDialog::setProfile(const QString &profile)
{
    m_profileCombo->setCurrentIndex(m_profileCombo->findData(profile));
}

void ImportDialog::setTimeZone(const QString &zoneId)
{
    m_zoneCombo->setCurrentText(zoneId);
}

void ImportDialog::setDateOrder(DateOrder order)
{
    m_dateOrderCombo->setCurrentIndex(m_dateOrderCombo->findData(int(order)));
}

bool ImportDialog::setColumnField(int column, const QString &field)
{
    return m_mappingModel->setData(m_mappingModel->index(column, ColumnMappingModel::FieldColumn), field);
}

void ImportDialog::zoneEdited(const QString &zoneId)
{
    if (m_updating || m_current < 0)
        return;
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        FileSetup &file = m_files[i];
        if (int(i) == m_current || !file.zoneChosen)
            file.zoneId = zoneId.trimmed();
    }
    m_files[std::size_t(m_current)].zoneChosen = true;
}

void ImportDialog::dateOrderEdited()
{
    if (m_updating || m_current < 0)
        return;
    const auto order = DateOrder(m_dateOrderCombo->currentData().toInt());
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        FileSetup &file = m_files[i];
        if (int(i) == m_current || !file.dateOrderChosen)
            file.dateOrder = order;
    }
    m_files[std::size_t(m_current)].dateOrderChosen = true;
}

ImportOptions ImportDialog::optionsFor(int index) const
{
    const FileSetup &file = m_files[std::size_t(index)];
    ImportOptions options;
    options.kind = file.kind.isEmpty() ? autoValue : file.kind;
    options.profile = file.profile;
    options.timeZone = QTimeZone(file.zoneId.toUtf8());
    options.dateOrder = file.dateOrder;
    options.columnOverrides = file.overrides;
    return options;
}

bool ImportDialog::isImporting() const
{
    return m_started && m_runner->isRunning();
}

bool ImportDialog::startImport()
{
    if (m_started || m_files.empty())
        return false;
    for (int i = 0; i < int(m_files.size()); ++i) {
        const FileSetup &file = m_files[std::size_t(i)];
        if (!QTimeZone(file.zoneId.toUtf8()).isValid()) {
            setCurrentFile(i);
            m_statusLabel->setText(tr("“%1” (for %2) is not a time zone this system knows.")
                                       .arg(file.zoneId, QFileInfo(file.path).fileName()));
            m_zoneCombo->setFocus();
            return false;
        }
    }
    // A mapping the import would refuse is shown, not started: the user can still fix it here.
    for (int i = 0; i < int(m_files.size()); ++i) {
        if (!m_files[std::size_t(i)].detected.overrideError.isEmpty()) {
            setCurrentFile(i);
            m_statusLabel->setText(tr("Fix the column mapping of “%1” first: %2.")
                                       .arg(QFileInfo(m_files[std::size_t(i)].path).fileName(),
                                           m_files[std::size_t(i)].detected.overrideError));
            m_mappingView->setFocus();
            return false;
        }
    }
    QStringList paths;
    std::vector<ImportOptions> options;
    for (int i = 0; i < int(m_files.size()); ++i) {
        paths.append(m_files[std::size_t(i)].path);
        options.push_back(optionsFor(i));
    }
    if (!m_runner->start(m_databasePath, paths, options)) {
        m_statusLabel->setText(tr("Another import is running; try again when it is done."));
        return false;
    }
    m_started = true;
    setControlsEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_statusLabel->setText(tr("Importing…"));
    return true;
}

void ImportDialog::reject()
{
    if (isImporting()) {
        m_runner->cancel();
        m_statusLabel->setText(tr("Cancelling: the file being imported is left out entirely…"));
        m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
        return; // the dialog closes when the runner has stopped
    }
    QDialog::reject();
}

void ImportDialog::setControlsEnabled(bool enabled)
{
    for (QWidget *widget : std::initializer_list<QWidget *> {
             m_fileList, m_kindCombo, m_profileCombo, m_zoneCombo, m_dateOrderCombo, m_mappingView, m_importButton })
        widget->setEnabled(enabled);
    m_removeFileButton->setEnabled(enabled && m_files.size() > 1);
}

void ImportDialog::showProgress(int fileIndex, int fileCount, const QString &fileName, double fraction)
{
    if (!m_started)
        return;
    m_statusLabel->setText(fileCount == 1
            ? tr("Importing %1…").arg(fileName)
            : tr("Importing %1 (file %2 of %3)…")
                  .arg(fileName, QLocale().toString(fileIndex + 1), QLocale().toString(fileCount)));
    m_progress->setValue(int(1000 * (fileIndex + fraction) / std::max(1, fileCount)));
}

void ImportDialog::runnerFinished(const std::vector<ImportReport> &reports, bool cancelled)
{
    if (!m_started)
        return;
    m_started = false;
    emit importFinished(reports, cancelled);
    // The report is the runner owner's to show (the main window's): this dialog's work is done.
    accept();
}

} // namespace sl::ui
