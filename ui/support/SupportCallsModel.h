#pragma once

#include "HistoryRecord.h"

#include <QAbstractTableModel>
#include <QList>

// The calls of a HAR file, log or bundle as a table (number, time, method, HTTP status, verdict,
// codes). Cells are computed when shown, so that listing thousands of calls costs the GUI thread
// nothing per row.
class SupportCallsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Number,
        Time,
        Method,
        Http,
        Verdict,
        Codes,
        ColumnCount
    };

    explicit SupportCallsModel(QObject* parent = nullptr);

    void setCalls(const QList<HistoryRecord>& calls);
    const QList<HistoryRecord>& calls() const { return m_calls; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryRecord> m_calls; // implicitly shared with the loader's contents
};
