#pragma once

// The Overview's trend: one metric per day, week or month, as a line, with the previous span's
// line dashed beside it, and the metric's target as a dashed horizontal line. A widget of its own, so that the page never sees a Qt Charts type.

#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"

#include <QDate>
#include <QWidget>

#include <optional>
#include <vector>

class QChartView;
class QLabel;

namespace sl::ui {

struct TrendChartData
{
    const MetricDefinition *metric = nullptr;
    Grouping bucket = Grouping::Month;
    std::vector<QDate> starts;                  // each bucket's first day
    std::vector<std::optional<double>> values;  // one per bucket; null: a gap
    QString name;                               // the legend's label for the line
    std::vector<std::optional<double>> comparison; // by position; empty: no comparison line
    QString comparisonName;
    std::optional<double> target;               // a dashed horizontal line there, when set
    QString targetName;                         // its legend label ("Target ≥ 90.0 %")
};

class TrendChart : public QWidget
{
    Q_OBJECT

public:
    explicit TrendChart(QWidget *parent = nullptr);

    void setData(TrendChartData data);
    // Shows a sentence instead of the chart.
    void showMessage(const QString &message);
    const TrendChartData &data() const { return m_data; }
    // The label under a bucket: "Mar 2026" for a month, "3 Mar" for a week or a day.
    static QString bucketLabel(const QDate &start, Grouping bucket, bool withYear);

private:
    void showPointText(int index, bool hovered);

    TrendChartData m_data;
    QChartView *m_view = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace sl::ui
