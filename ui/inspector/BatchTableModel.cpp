#include "BatchTableModel.h"

#include "FindingsModel.h"
#include "TerminalText.h"

#include <QFont>
#include <QJsonValue>
#include <QSet>

#include <algorithm>

namespace {
// Fields that identify a submitted object to a person, most telling first. Anything else the
// objects carry is still in the tooltip (the whole submitted object).
const char* const kIdentifyingFields[] = {"emailAddress", "id",      "firstName", "lastName", "companyName",
                                          "name",         "leadID",  "listID",    "memberID", "campaignID",
                                          "accountID",    "ownerID", "title",     "label",    "systemName"};

QString cellText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return QString();
    default:
        return value.isArray() ? QStringLiteral("[…]") : QStringLiteral("{…}");
    }
}
} // namespace

BatchTableModel::BatchTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

QStringList BatchTableModel::chooseKeyFields(const QList<BatchRow>& rows)
{
    QSet<QString> present;
    QStringList firstObjectKeys;
    for (const BatchRow& row : rows) {
        if (!row.hasRequestObject)
            continue;
        for (auto it = row.requestObject.begin(); it != row.requestObject.end(); ++it)
            present.insert(it.key());
        if (firstObjectKeys.isEmpty())
            firstObjectKeys = row.requestObject.keys();
    }
    QStringList fields;
    for (const char* name : kIdentifyingFields) {
        const QString field = QLatin1String(name);
        if (present.contains(field) && fields.size() < maxKeyFields())
            fields.append(field);
    }
    // Objects with none of the usual identifying fields (custom objects): their first fields.
    if (fields.isEmpty())
        fields = firstObjectKeys.mid(0, 2);
    return fields;
}

void BatchTableModel::setRows(const QList<BatchRow>& rows)
{
    beginResetModel();
    m_rows = rows;
    m_keyFields = chooseKeyFields(rows);
    m_failed = 0;
    m_severalKeys = false;
    for (const BatchRow& row : rows) {
        m_failed += row.success ? 0 : 1;
        m_severalKeys = m_severalKeys || row.key != rows.constFirst().key;
    }
    m_sortColumn = -1;
    rebuildOrder();
    endResetModel();
}

void BatchTableModel::rebuildOrder()
{
    m_order.clear();
    m_order.reserve(size_t(m_failedOnly ? m_failed : m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_failedOnly || !m_rows.at(i).success)
            m_order.push_back(i);
    }
    if (m_sortColumn < 0)
        return;
    // Numbers compare as numbers, text as text; ties keep response order.
    std::vector<QVariant> keys(size_t(m_rows.size()));
    for (int i : m_order)
        keys[size_t(i)] = sortKey(i, m_sortColumn);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const QPartialOrdering c = QVariant::compare(keys[size_t(a)], keys[size_t(b)]);
        return descending ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
}

QVariant BatchTableModel::sortKey(int responseRow, int column) const
{
    const BatchRow& row = m_rows.at(responseRow);
    switch (column) {
    case IndexColumn:
    case PathColumn:
        return responseRow;
    case ResultColumn:
        return row.success ? 1 : 0;
    case CodeColumn:
        return row.code.value_or(0);
    case MessageColumn:
        return row.message;
    case IdColumn:
        return row.id;
    default:
        if (row.hasRequestObject && column - FixedColumnCount < m_keyFields.size())
            return cellText(row.requestObject.value(m_keyFields.at(column - FixedColumnCount)));
        return QString();
    }
}

void BatchTableModel::setFailedOnly(bool failedOnly)
{
    if (failedOnly == m_failedOnly)
        return;
    beginResetModel();
    m_failedOnly = failedOnly;
    rebuildOrder();
    endResetModel();
}

void BatchTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= columnCount())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> responseRows;
    responseRows.reserve(before.size());
    for (const QModelIndex& index : before)
        responseRows.append(m_order[size_t(index.row())]);
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildOrder();
    // Selections and the current row follow their rows to their new places.
    std::vector<int> position(size_t(m_rows.size()), -1);
    for (size_t i = 0; i < m_order.size(); ++i)
        position[size_t(m_order[i])] = int(i);
    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i)
        after.append(index(position[size_t(responseRows.at(i))], before.at(i).column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const BatchRow* BatchTableModel::rowAt(int row) const
{
    return row >= 0 && size_t(row) < m_order.size() ? &m_rows.at(m_order[size_t(row)]) : nullptr;
}

int BatchTableModel::modelRow(int responseRow) const
{
    const auto it = std::find(m_order.begin(), m_order.end(), responseRow);
    return it == m_order.end() ? -1 : int(it - m_order.begin());
}

int BatchTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int BatchTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FixedColumnCount + int(m_keyFields.size());
}

QVariant BatchTableModel::data(const QModelIndex& index, int role) const
{
    const BatchRow* row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row)
        return QVariant();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case IndexColumn:
            return m_severalKeys ? QStringLiteral("%1 %2").arg(row->key).arg(row->index + 1)
                                 : QString::number(row->index + 1);
        case PathColumn:
            return QStringLiteral("%1[%2]").arg(row->key).arg(row->index);
        case ResultColumn:
            return row->success ? tr("Success") : tr("Failed");
        case CodeColumn:
            return row->code ? QString::number(*row->code) : QString();
        // Text from the response: its controls and bidi overrides are shown escaped, never obeyed.
        case MessageColumn:
            return TerminalText::escape(row->message);
        case IdColumn:
            return TerminalText::escape(row->id);
        default:
            if (row->hasRequestObject && column - FixedColumnCount < m_keyFields.size())
                return TerminalText::escape(
                    cellText(row->requestObject.value(m_keyFields.at(column - FixedColumnCount))));
            return QString();
        }
    case Qt::DecorationRole:
        if (column == ResultColumn && !row->success)
            return FindingsModel::severityIcon(Finding::Severity::Error);
        break;
    case Qt::ToolTipRole: {
        QString tip = tr("Object %1 · $.result.%2[%3]").arg(row->index + 1).arg(row->key).arg(row->index);
        if (!row->success && row->code)
            tip += QStringLiteral("\n%1 %2").arg(*row->code).arg(row->message);
        if (row->hasRequestObject)
            tip += tr("\nSubmitted as params.objects[%1]: %2").arg(row->index).arg(row->requestLabel);
        return tip;
    }
    case Qt::FontRole:
        if (!row->success) {
            // Failed rows stand out in any palette (the icon says why, the weight says where).
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == IndexColumn || column == PathColumn || column == CodeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SuccessRole:
        return row->success;
    case NodeRole:
        return row->node;
    case ErrorNodeRole:
        return row->errorNode;
    case BatchIndexRole:
        return row->index;
    case SortRole:
        return sortKey(m_order[size_t(index.row())], column);
    default:
        break;
    }
    return QVariant();
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("Object");
    case PathColumn:
        return tr("JSON path");
    case ResultColumn:
        return tr("Result");
    case CodeColumn:
        return tr("Code");
    case MessageColumn:
        return tr("Message");
    case IdColumn:
        return tr("Returned id");
    default:
        if (section - FixedColumnCount < m_keyFields.size())
            return m_keyFields.at(section - FixedColumnCount);
        return QVariant();
    }
}
