#pragma once

// Settings ▸ Targets…: a target per headline KPI (CSAT ≥ 90 %, first reply ≤ 60 min, …), one
// row per metric of the Overview's cards that has a better direction: a check box to set a
// target at all and the value in the metric's own unit. Which side is good is the metric's
// direction, shown beside the value, not a choice here. OK saves them into the database.

#include "store/targetstore.h"

#include <QDialog>

#include <string_view>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;

namespace sl::ui {

class TargetsDialog : public QDialog
{
    Q_OBJECT

public:
    // Edits the targets of the database at `databasePath` (read when the dialog opens).
    explicit TargetsDialog(const QString &databasePath, QWidget *parent = nullptr);

    // The targets as the rows now say.
    Targets targets() const;
    void setTargets(const Targets &targets);

    // The metrics listed, in order.
    static std::vector<std::string_view> metricIds();
    QCheckBox *checkBox(std::string_view id) const;
    QDoubleSpinBox *spinBox(std::string_view id) const;

    // Saves into the database; false with *error when that failed.
    bool save(QString *error);

public slots:
    void accept() override; // saves, and stays open with the reason when that fails

private:
    struct Row
    {
        std::string_view id;
        const MetricDefinition *metric = nullptr;
        QCheckBox *enabled = nullptr;
        QDoubleSpinBox *value = nullptr;
    };
    const Row *row(std::string_view id) const;

    QString m_databasePath;
    std::vector<Row> m_rows;
    QLabel *m_error = nullptr;
};

} // namespace sl::ui
