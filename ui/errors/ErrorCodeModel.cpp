#include "ErrorCodeModel.h"

#include "Badge.h"
#include "ErrorCatalog.h"

#include <QFontDatabase>

ErrorCodeModel::ErrorCodeModel(const ErrorCatalog& catalog, QObject* parent)
    : QAbstractTableModel(parent)
    , m_catalog(catalog)
{}

int ErrorCodeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_catalog.entries().size());
}

int ErrorCodeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const ErrorEntry* ErrorCodeModel::entryAt(int row) const
{
    if (row < 0 || row >= int(m_catalog.entries().size()))
        return nullptr;
    return &m_catalog.entries()[size_t(row)];
}

int ErrorCodeModel::rowOf(const ErrorEntry* entry) const
{
    const auto& entries = m_catalog.entries();
    if (entries.empty() || entry < &entries.front() || entry > &entries.back())
        return -1;
    return int(entry - &entries.front());
}

QVariant ErrorCodeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ErrorEntry* e = entryAt(index.row());
    switch (role) {
    case EntryRole:
        return QVariant::fromValue(e);
    case CodeRole:
        return e->code;
    case KeyRole:
        return e->key;
    case RawValueRole:
        if (index.column() == LevelColumn)
            return e->level;
        if (index.column() == CategoryColumn)
            return e->category;
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case CodeColumn:
            // Situations have no numeric code and get none invented; their key is in the
            // tooltip and the detail pane, their name in the next column.
            return e->isNumeric() ? QString::number(e->code) : QStringLiteral("—");
        case NameColumn:
            return e->name;
        case TitleColumn:
            return e->title;
        case LevelColumn:
            return Badge::label(e->level);
        case CategoryColumn:
            return Badge::label(e->category);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == LevelColumn)
            return e->levelLabel();
        if (index.column() == CodeColumn && !e->isNumeric())
            return tr("No numeric code: a situation recognised from the response or the connection (key %1)\n%2")
                .arg(e->key, e->title.isEmpty() ? e->message : e->title);
        // The title and the exact API message, so the list can be scanned without the pane.
        return e->title.isEmpty() ? e->message : e->title + QLatin1Char('\n') + e->message;
    case Qt::FontRole:
        if (index.column() == CodeColumn || index.column() == NameColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == CodeColumn)
            return e->isNumeric() ? tr("Code %1").arg(e->code) : tr("Situation %1").arg(e->key);
        return {};
    }
    return {};
}

QVariant ErrorCodeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case CodeColumn:
            return tr("Code");
        case NameColumn:
            return tr("Name");
        case TitleColumn:
            return tr("Title");
        case LevelColumn:
            return tr("Level");
        case CategoryColumn:
            return tr("Category");
        }
    }
    if (role == Qt::ToolTipRole && section == LevelColumn)
        return tr("Where the error appears: api = the whole call, object = one object of a batch");
    return {};
}
