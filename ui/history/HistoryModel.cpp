#include "HistoryModel.h"

#include "Tone.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPalette>
#include <QScopeGuard>
#include <QStyle>

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setDatabase(const QString& path)
{
    m_store.reset();
    if (!path.isEmpty())
        m_store = std::make_unique<HistoryStore>(path);
    reload();
}

void HistoryModel::setFilter(const HistoryFilter& filter)
{
    m_filter = filter;
    reload();
}

void HistoryModel::reload()
{
    // The first page comes with the reset: views and tests see rows at once, and a view that
    // wants more asks (fetchMore).
    beginResetModel();
    m_rows.clear();
    m_more = false;
    if (m_store && m_store->isOpen()) {
        m_rows = m_store->calls(m_filter, kPageSize, 0);
        m_more = m_rows.size() == kPageSize;
    }
    // Nobody fetches the next page from inside the reset notification (a view asks again once
    // it lays the rows out): rows inserted while a reset is being announced confuse observers.
    m_resetting = true;
    endResetModel();
    m_resetting = false;
}

bool HistoryModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_more && !m_resetting && !m_fetching;
}

void HistoryModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || !m_more || !m_store || m_resetting || m_fetching)
        return;
    // Observers of the insertion may ask for more: not until this page is in.
    m_fetching = true;
    const auto done = qScopeGuard([this] { m_fetching = false; });
    const QList<HistoryRecord> page = m_store->calls(m_filter, kPageSize, int(m_rows.size()));
    m_more = page.size() == kPageSize;
    if (page.isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
}

std::optional<qint64> HistoryModel::previousOfSameMethod(int row) const
{
    if (!m_store || row < 0 || row >= m_rows.size())
        return std::nullopt;
    const HistoryRecord& call = m_rows.at(row);
    HistoryFilter filter;
    filter.method = call.method;
    filter.untilMs = call.timeMs;
    for (const HistoryRecord& candidate : m_store->calls(filter, 5)) {
        if (candidate.id != call.id && (candidate.timeMs < call.timeMs || candidate.id < call.id))
            return candidate.id;
    }
    return std::nullopt;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::verdictTitle(const QString& verdict)
{
    if (verdict == QLatin1String("ok"))
        return tr("OK");
    if (verdict == QLatin1String("api_error"))
        return tr("API error");
    if (verdict == QLatin1String("partial_failure"))
        return tr("Partly failed");
    if (verdict == QLatin1String("all_failed"))
        return tr("All failed");
    if (verdict == QLatin1String("http_error"))
        return tr("HTTP error");
    if (verdict == QLatin1String("not_json"))
        return tr("Not JSON");
    if (verdict == QLatin1String("invalid_envelope"))
        return tr("Bad envelope");
    if (verdict == QLatin1String("no_response"))
        return tr("No response");
    if (verdict == QLatin1String("not_analysed"))
        return tr("Not analysed");
    return verdict;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistoryRecord& call = m_rows.at(index.row());
    if (role == IdRole)
        return call.id;
    if (role == VerdictRole)
        return call.verdict;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time: {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(call.timeMs).toLocalTime();
            return role == Qt::ToolTipRole ? HistoryRecord::isoTime(call.timeMs)
                                           : QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        }
        case Environment:
            return role == Qt::ToolTipRole ? call.url : call.environment;
        case Method:
            return call.method.isEmpty() ? QStringLiteral("—") : call.method;
        case Status:
            return call.httpStatus
                       ? QVariant(*call.httpStatus)
                       : QVariant(call.transportError.isEmpty() ? QStringLiteral("—") : call.transportError);
        case Verdict:
            return verdictTitle(call.verdict);
        case Codes: {
            QStringList codes;
            for (const QVariant& code : call.codes())
                codes.append(code.toString());
            return codes.join(QStringLiteral(", "));
        }
        case Elapsed:
            return call.elapsedMs >= 0 ? QVariant(call.elapsedMs) : QVariant();
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Elapsed || index.column() == Status))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (index.column() == Verdict && (role == Qt::ForegroundRole || role == Qt::DecorationRole)) {
        const Tone::Kind kind = call.verdict == QLatin1String("ok")                ? Tone::Kind::Ok
                                : call.verdict == QLatin1String("partial_failure") ? Tone::Kind::Warning
                                                                                   : Tone::Kind::Error;
        if (role == Qt::ForegroundRole)
            return Tone::color(kind, QApplication::palette());
        const QStyle::StandardPixmap icon = kind == Tone::Kind::Ok        ? QStyle::SP_DialogApplyButton
                                            : kind == Tone::Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                          : QStyle::SP_MessageBoxCritical;
        return QApplication::style()->standardIcon(icon);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Environment:
        return tr("Environment");
    case Method:
        return tr("Method");
    case Status:
        return tr("HTTP");
    case Verdict:
        return tr("Verdict");
    case Codes:
        return tr("Codes");
    case Elapsed:
        return tr("ms");
    default:
        return {};
    }
}
