#pragma once

#include <QAbstractTableModel>

class ErrorCatalog;
struct ErrorEntry;

// The error catalogue as a table: one row per entry, in catalogue order. Read-only; the catalogue
// outlives the model (ErrorCatalog::builtin() is static).
class ErrorCodeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        NameColumn,
        TitleColumn,
        LevelColumn,
        CategoryColumn,
        ColumnCount
    };
    enum Role
    {
        EntryRole = Qt::UserRole + 1, // const ErrorEntry*
        CodeRole,                     // int, 0 for situation keys
        KeyRole,                      // QString: "105" or "http_401_text"
        RawValueRole,                 // the unformatted level/category value ("rate_limit"), for badges
    };

    explicit ErrorCodeModel(const ErrorCatalog& catalog, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ErrorEntry* entryAt(int row) const;
    // Row of the entry, or -1.
    int rowOf(const ErrorEntry* entry) const;
    const ErrorCatalog& catalog() const { return m_catalog; }

private:
    const ErrorCatalog& m_catalog;
};

Q_DECLARE_METATYPE(const ErrorEntry*)
