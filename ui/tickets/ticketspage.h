#pragma once

// The Tickets page: the tickets behind the window's filter, or behind one number of another
// page (showTickets), in a table that scrolls over a million rows, with search, sorting by
// created / first reply / resolution, and a CSV export of exactly the rows it lists.
//
// The main window hosts it: setDatabasePath() once per database, setRequest() on every filter
// change, showTickets() when a KPI card or a bar is clicked, showTicketsCreatedAt() for a cell
// of the heat-map, showTicketsTagged() for a row of the top tags.

#include "services/csvexport.h"
#include "services/ticketquery.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QPushButton;

namespace sl::ui {

class BackgroundJob;
class TicketsModel;

class TicketsPage : public QWidget
{
    Q_OBJECT

public:
    explicit TicketsPage(QWidget *parent = nullptr);

    // The database to read (read-only, on the page's own connections). False and `error` when
    // it cannot be opened.
    bool setDatabasePath(const QString &path, QString *error = nullptr);
    // The filter bar's period, zone and filter; the cohort shown stays as it is, a weekday and
    // hour restriction (showTicketsCreatedAt) goes.
    void setRequest(const MetricsRequest &request);
    // Exactly the tickets a number counts: created in the period, solved in it, or open at its
    // end (the engine's tickets_created, tickets_solved and backlog_end).
    void showTickets(const MetricsRequest &request, TicketCohort cohort);
    // The tickets created in the period on `weekday` (0 = Monday) in `hour` (0-23), both in the
    // request's zone: a cell of the Overview's heat-map.
    void showTicketsCreatedAt(const MetricsRequest &request, int weekday, int hour);
    // The tickets created in the period that carry `tag`, within the request's filter (its tags
    // included): a row of the Overview's top tags. The tag stays when the cohort changes and goes
    // with the next filter change.
    void showTicketsTagged(const MetricsRequest &request, const QString &tag);
    // Reads the same selection again (after an import).
    void reload();

    TicketCohort cohort() const;
    MetricsRequest request() const;
    std::optional<int> weekday() const { return m_weekday; }
    std::optional<int> hour() const { return m_hour; }
    QString tag() const { return m_tag; }
    QLabel *descriptionLabel() const { return m_description; }
    TicketsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    // Shows a search at once, without the typing delay.
    void setSearchText(const QString &text);

    // Writes the listed tickets, in the listed order, to `path` off the UI thread; finishes
    // with exportFinished().
    void exportCsv(const QString &path, CsvOptions options);
    bool isExporting() const;

signals:
    void rowCountChanged(qsizetype rows);
    void exportFinished(bool ok, const QString &message);

private:
    void applySelection();
    void updateStatus();
    void chooseExportFile(CsvOptions options);
    void fitColumns();

    TicketsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_cohort = nullptr;
    QLabel *m_description = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_export = nullptr;
    BackgroundJob *m_exportJob = nullptr;
    MetricsRequest m_request;
    std::optional<int> m_weekday, m_hour; // the heat-map cell shown, if any
    QString m_tag;                        // the top-tags row shown, if any
    QString m_notice; // the last export's outcome, shown until the next selection
};

} // namespace sl::ui
