#include "dialogs/targetsdialog.h"

#include "overview/kpis.h"
#include "widgets/accentcolors.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sl::ui {

namespace {

// A sensible first value when a target is switched on, in the metric's unit: what a support
// team commonly aims at, so that ticking the box alone gives a meaningful target.
double suggestedTarget(const MetricDefinition &metric)
{
    const std::string_view id = metric.id;
    if (id == "csat_pct")
        return 90;
    if (id == "fcr_pct")
        return 70;
    if (id == "sla_first_reply_pct")
        return 80;
    if (id == "reopen_pct")
        return 5;
    if (id == "frt_median_min")
        return 60;
    if (id == "resolution_median_hours")
        return 24;
    if (id == "aht_min")
        return 15;
    return 0;
}

void configureSpinBox(QDoubleSpinBox *box, const MetricDefinition &metric)
{
    box->setSuffix(unitSuffix(metric.unit));
    switch (metric.unit) {
    case MetricUnit::Percent:
        box->setRange(0, 100);
        box->setDecimals(1);
        box->setSingleStep(1);
        break;
    case MetricUnit::Count:
        box->setRange(0, 1e9);
        box->setDecimals(0);
        box->setSingleStep(10);
        break;
    case MetricUnit::Minutes:
    case MetricUnit::Hours:
    case MetricUnit::Seconds:
        box->setRange(0, 1e6);
        box->setDecimals(1);
        box->setSingleStep(metric.unit == MetricUnit::Hours ? 1 : 5);
        break;
    default:
        box->setRange(-1e6, 1e6);
        box->setDecimals(2);
        box->setSingleStep(0.1);
        break;
    }
}

} // namespace

std::vector<std::string_view> TargetsDialog::metricIds()
{
    std::vector<std::string_view> ids;
    for (std::string_view id : overviewKpiIds()) {
        const MetricDefinition *metric = findMetricIn(ticketMetricDefinitions(), id);
        if (metric && canHaveTarget(*metric))
            ids.push_back(id);
    }
    return ids;
}

TargetsDialog::TargetsDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
{
    setWindowTitle(tr("Targets"));
    auto *intro = new QLabel(tr("Set a target for the metrics you manage by. The Overview's cards, the trend "
                                "chart and the Agents leaderboard show whether it is met."),
        this);
    intro->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setColumnStretch(0, 1);
    for (std::string_view id : metricIds()) {
        Row row;
        row.id = id;
        row.metric = findMetricIn(ticketMetricDefinitions(), id);
        const QString name = displayName(*row.metric);
        row.enabled = new QCheckBox(name, this);
        row.enabled->setToolTip(displayDefinition(*row.metric));
        auto *comparator = new QLabel(targetComparator(*row.metric), this);
        comparator->setToolTip(row.metric->direction == MetricDirection::HigherIsBetter
                ? tr("Met when the value is at least the target")
                : tr("Met when the value is at most the target"));
        row.value = new QDoubleSpinBox(this);
        configureSpinBox(row.value, *row.metric);
        row.value->setValue(suggestedTarget(*row.metric));
        row.value->setEnabled(false);
        row.value->setAccessibleName(tr("Target for %1").arg(name));
        connect(row.enabled, &QCheckBox::toggled, row.value, &QWidget::setEnabled);
        const int line = grid->rowCount();
        grid->addWidget(row.enabled, line, 0);
        grid->addWidget(comparator, line, 1);
        grid->addWidget(row.value, line, 2);
        m_rows.push_back(row);
    }

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, judgementColor(Judgement::Worse, palette()));
    m_error->setPalette(errorPalette);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TargetsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TargetsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);

    QString error;
    std::optional<Database> database = Database::open(m_databasePath, &error, sqlite::Connection::Mode::ReadWrite);
    std::optional<Targets> stored = database ? loadTargets(*database, &error) : std::nullopt;
    if (stored) {
        setTargets(*stored);
    } else {
        m_error->setText(error);
        m_error->setVisible(true);
    }
}

const TargetsDialog::Row *TargetsDialog::row(std::string_view id) const
{
    for (const Row &row : m_rows) {
        if (row.id == id)
            return &row;
    }
    return nullptr;
}

QCheckBox *TargetsDialog::checkBox(std::string_view id) const
{
    const Row *r = row(id);
    return r ? r->enabled : nullptr;
}

QDoubleSpinBox *TargetsDialog::spinBox(std::string_view id) const
{
    const Row *r = row(id);
    return r ? r->value : nullptr;
}

Targets TargetsDialog::targets() const
{
    Targets targets;
    for (const Row &row : m_rows) {
        if (row.enabled->isChecked())
            targets.set(row.id, row.value->value());
    }
    return targets;
}

void TargetsDialog::setTargets(const Targets &targets)
{
    for (const Row &row : m_rows) {
        const std::optional<double> target = targets.of(row.id);
        row.enabled->setChecked(target.has_value());
        if (target)
            row.value->setValue(*target);
    }
}

bool TargetsDialog::save(QString *error)
{
    std::optional<Database> database = Database::open(m_databasePath, error, sqlite::Connection::Mode::ReadWrite);
    return database && saveTargets(*database, targets(), error);
}

void TargetsDialog::accept()
{
    QString error;
    if (!save(&error)) {
        m_error->setText(error);
        m_error->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace sl::ui
