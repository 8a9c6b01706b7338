#pragma once

#include "Diagnosis.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

// One row per submitted object of a batch call (result.creates|updates|deletes[i]): index,
// success, code, message, the id the API returned and, when the request is known, the
// submitted object's key fields (emailAddress, id, names...), so "which of my 100 leads
// failed" is answered by name. Read-only; replaced as a whole per response.
//
// "Failed only" and sorting are done here on a vector of row numbers rather than by a
// QSortFilterProxyModel: a batch result can have 100 000 rows (auto-paginated exports,
// pasted logs), and a proxy builds its mapping with a virtual call per row on every reset.
class BatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum FixedColumn
    {
        IndexColumn, // the object's number from 1, as findings count ("object 2 of 3")
        PathColumn,  // where it is in the response, 0-based as JSON is ("creates[1]")
        ResultColumn,
        CodeColumn,
        MessageColumn,
        IdColumn,
        FixedColumnCount // request key-field columns follow
    };
    enum Role
    {
        SuccessRole = Qt::UserRole + 1, // bool
        NodeRole,                       // quint32: the result element
        ErrorNodeRole,                  // quint32: its error object, npos when none
        SortRole,                       // numbers as numbers
        BatchIndexRole,                 // int
    };

    explicit BatchTableModel(QObject* parent = nullptr);

    void setRows(const QList<BatchRow>& rows);
    // Every row, in response order (whatever the filter and sort).
    const QList<BatchRow>& rows() const { return m_rows; }
    // The row shown at a model row.
    const BatchRow* rowAt(int row) const;
    // Model row of rows()[responseRow], -1 when filtered out.
    int modelRow(int responseRow) const;

    void setFailedOnly(bool failedOnly);
    bool failedOnly() const { return m_failedOnly; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The request fields shown as extra columns, in order.
    const QStringList& keyFields() const { return m_keyFields; }
    int failedCount() const { return m_failed; }

    // At most this many key-field columns.
    static constexpr int maxKeyFields() { return 4; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QStringList chooseKeyFields(const QList<BatchRow>& rows);
    void rebuildOrder();
    QVariant sortKey(int responseRow, int column) const;

    QList<BatchRow> m_rows;
    std::vector<int> m_order; // response rows shown, in display order
    bool m_failedOnly = false;
    int m_sortColumn = -1; // -1: response order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QStringList m_keyFields;
    bool m_severalKeys = false; // more than one of creates/updates/deletes: say which in the index
    int m_failed = 0;
};
