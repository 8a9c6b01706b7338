#pragma once

#include "HistoryStore.h"

#include <QWidget>

#include <memory>

namespace Ui {
class HistoryStatsWidget;
}
class DayChart;

// Error analytics over the call history: calls and errors per code, method, day or environment,
// first and last seen, error rate, with a bar for each row's share of the calls (people compare
// lengths faster than numbers), and a chart of calls and errors per day. Activating a row or
// clicking a day's bar asks for the history filtered to those calls.
class HistoryStatsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryStatsWidget(QWidget* parent = nullptr);
    ~HistoryStatsWidget() override;

    // The database to read (a connection of its own); empty: history off.
    void setDatabase(const QString& path);
    void setGrouping(HistoryStore::StatsBy by);
    void refresh();
    const QList<HistoryStore::StatsRow>& rows() const { return m_rows; }
    DayChart* chart() const { return m_chart; }

signals:
    void filterRequested(const HistoryFilter& filter);

private:
    HistoryStore::StatsBy grouping() const;
    void activateRow(int row);

    std::unique_ptr<Ui::HistoryStatsWidget> m_ui;
    std::unique_ptr<HistoryStore> m_store;
    QList<HistoryStore::StatsRow> m_rows;
    DayChart* m_chart = nullptr;
};
