#pragma once

#include "Diagnosis.h"

#include <QAbstractTableModel>
#include <QStringList>

// One row per submitted object of a batch call (result.creates|updates|deletes[i]): index,
// success, code, message, the id the API returned and, when the request is known, the
// submitted object's key fields (emailAddress, id, names...), so "which of my 100 leads
// failed" is answered by name. Read-only; replaced as a whole per response.
class BatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum FixedColumn
    {
        IndexColumn,
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
    const QList<BatchRow>& rows() const { return m_rows; }
    const BatchRow* rowAt(int row) const;
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

    QList<BatchRow> m_rows;
    QStringList m_keyFields;
    bool m_severalKeys = false; // more than one of creates/updates/deletes: say which in the index
    int m_failed = 0;
};
