#include "SupportCallsModel.h"

SupportCallsModel::SupportCallsModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void SupportCallsModel::setCalls(const QList<HistoryRecord>& calls)
{
    beginResetModel();
    m_calls = calls;
    endResetModel();
}

int SupportCallsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

int SupportCallsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SupportCallsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryRecord& call = m_calls.at(index.row());
    if (role == Qt::TextAlignmentRole && (index.column() == Number || index.column() == Http))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number:
        return int(call.id);
    case Time:
        return call.timeMs > 0 ? HistoryRecord::isoTime(call.timeMs) : QString();
    case Method:
        return call.method;
    case Http:
        return call.httpStatus ? QString::number(*call.httpStatus) : QStringLiteral("-");
    case Verdict:
        return call.verdict;
    case Codes: {
        QStringList codes;
        for (const QVariant& code : call.codes())
            codes.append(code.toString());
        return codes.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant SupportCallsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("#");
    case Time:
        return tr("Time (UTC)");
    case Method:
        return tr("Method");
    case Http:
        return tr("HTTP");
    case Verdict:
        return tr("Verdict");
    case Codes:
        return tr("Codes");
    default:
        return {};
    }
}
