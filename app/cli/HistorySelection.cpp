#include "HistorySelection.h"

#include "HistoryCommand.h"
#include "HistoryStore.h"

#include <algorithm>

std::optional<HistorySelection> HistorySelection::parse(const QStringList& args, bool allowAnonymize, QString* error)
{
    HistorySelection selection;
    int given = 0;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--anonymize") && allowAnonymize) {
            selection.anonymize = true;
            continue;
        }
        static const QStringList valued{QStringLiteral("--last"), QStringLiteral("--calls"), QStringLiteral("--since"),
                                        QStringLiteral("-o"), QStringLiteral("--output")};
        if (!valued.contains(arg)) {
            *error = QStringLiteral("unknown argument %1").arg(arg);
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            *error = QStringLiteral("%1 needs a value").arg(arg);
            return std::nullopt;
        }
        const QString& value = args.at(++i);
        if (arg == QLatin1String("-o") || arg == QLatin1String("--output")) {
            selection.output = value;
        } else if (arg == QLatin1String("--last")) {
            bool ok = false;
            selection.last = value.toInt(&ok);
            if (!ok || selection.last <= 0) {
                *error = QStringLiteral("--last needs a positive number, not %1").arg(value);
                return std::nullopt;
            }
            ++given;
        } else if (arg == QLatin1String("--calls")) {
            for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const qint64 id = part.trimmed().toLongLong(&ok);
                if (!ok || id <= 0) {
                    *error = QStringLiteral("--calls needs call IDs separated by commas, not %1").arg(value);
                    return std::nullopt;
                }
                selection.ids.append(id);
            }
            if (selection.ids.isEmpty()) {
                *error = QStringLiteral("--calls needs at least one call ID");
                return std::nullopt;
            }
            ++given;
        } else {
            const std::optional<qint64> time = HistoryCommand::parseTime(value, false);
            if (!time) {
                *error = QStringLiteral("--since needs YYYY-MM-DD or an ISO 8601 time, not %1").arg(value);
                return std::nullopt;
            }
            selection.sinceMs = *time;
            ++given;
        }
    }
    if (given != 1) {
        *error = QStringLiteral("give exactly one of --last N, --calls ID,ID... or --since T");
        return std::nullopt;
    }
    if (selection.output.isEmpty()) {
        *error = QStringLiteral("-o FILE is required");
        return std::nullopt;
    }
    return selection;
}

std::optional<QList<HistoryRecord>> HistorySelection::load(CliIo& io, const QString& command) const
{
    const std::unique_ptr<HistoryStore> store = HistoryCommand::openStore(io, command);
    if (!store)
        return std::nullopt;
    QList<qint64> wanted = ids;
    if (wanted.isEmpty()) {
        HistoryFilter filter;
        filter.sinceMs = sinceMs;
        // --since takes every call from then on; the store pages newest first.
        const int limit = last > 0 ? last : 1000000;
        for (const HistoryRecord& call : store->calls(filter, limit))
            wanted.append(call.id);
        std::reverse(wanted.begin(), wanted.end());
        if (wanted.isEmpty()) {
            io.err << command << ": no recorded call matches\n";
            return std::nullopt;
        }
    }
    QList<HistoryRecord> calls;
    for (const qint64 id : std::as_const(wanted)) {
        std::optional<HistoryRecord> call = store->call(id);
        if (!call) {
            io.err << command << ": " << store->error() << '\n';
            return std::nullopt;
        }
        calls.append(std::move(*call));
    }
    return calls;
}
