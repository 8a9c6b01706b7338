#include "StatsCommand.h"

#include "HistoryCommand.h"
#include "HistoryRecord.h"
#include "HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

CliCommandDoc StatsCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Counts the calls in the call history and how many failed, grouped by error code, method, day or\n"
        "environment, with the first and last time each was seen.");
    d.options = {
        {QStringLiteral("--by code|method|day|env"), QStringLiteral("what to group by"), QStringLiteral("code")},
        {QStringLiteral("--since T"), QStringLiteral("only calls from T on (YYYY-MM-DD, UTC, or ISO 8601)"),
         QStringLiteral("the oldest call")},
        {QStringLiteral("--until T"), QStringLiteral("only calls up to T (YYYY-MM-DD includes that whole day)"),
         QStringLiteral("now")},
        {QStringLiteral("--json"),
         QStringLiteral("print one JSON document: {\"by\", \"rows\": [key, calls, errors, first_seen, last_seen]}"),
         {}},
    };
    d.examples = {
        QStringLiteral("stats"),
        QStringLiteral("stats --by method --since 2026-12-01"),
        QStringLiteral("stats --by day --json"),
    };
    return d;
}

int StatsCommand::run(const QStringList& args, CliIo& io)
{
    QString by = QStringLiteral("code");
    qint64 since = -1;
    qint64 until = -1;
    bool json = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--json")) {
            json = true;
            continue;
        }
        if (arg != QLatin1String("--by") && arg != QLatin1String("--since") && arg != QLatin1String("--until"))
            return usageError(io, name(), QStringLiteral("unknown argument %1").arg(arg));
        if (i + 1 >= args.size())
            return usageError(io, name(), QStringLiteral("%1 needs a value").arg(arg));
        const QString& value = args.at(++i);
        if (arg == QLatin1String("--by")) {
            by = value;
            continue;
        }
        const std::optional<qint64> time = HistoryCommand::parseTime(value, arg == QLatin1String("--until"));
        if (!time)
            return usageError(io, name(),
                              QStringLiteral("%1 needs YYYY-MM-DD or an ISO 8601 time, not %2").arg(arg, value));
        (arg == QLatin1String("--since") ? since : until) = *time;
    }
    const std::optional<HistoryStore::StatsBy> grouping = HistoryStore::statsByFromName(by);
    if (!grouping)
        return usageError(io, name(), QStringLiteral("--by takes code, method, day or env, not %1").arg(by));
    const std::unique_ptr<HistoryStore> store = HistoryCommand::openStore(io, name());
    if (!store)
        return ExitUsage;
    const QList<HistoryStore::StatsRow> rows = store->stats(*grouping, since, until);
    if (!store->error().isEmpty()) {
        io.err << name() << ": " << store->error() << '\n';
        return ExitUsage;
    }
    if (json) {
        QJsonArray array;
        for (const HistoryStore::StatsRow& row : rows) {
            array.append(QJsonObject{
                {QStringLiteral("key"),
                 row.key.typeId() == QMetaType::Int ? QJsonValue(row.key.toInt()) : QJsonValue(row.key.toString())},
                {QStringLiteral("calls"), row.calls},
                {QStringLiteral("errors"), row.errors},
                {QStringLiteral("first_seen"), HistoryRecord::isoTime(row.firstMs)},
                {QStringLiteral("last_seen"), HistoryRecord::isoTime(row.lastMs)},
            });
        }
        io.out << QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("by"), by}, {QStringLiteral("rows"), array}}).toJson());
        return ExitOk;
    }
    if (rows.isEmpty()) {
        io.out << (by == QLatin1String("code") ? "No error codes in the recorded calls.\n" : "No calls recorded.\n");
        return ExitOk;
    }
    io.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                  .arg(by.toUpper(), -24)
                  .arg(QStringLiteral("CALLS"), 8)
                  .arg(QStringLiteral("ERRORS"), 8)
                  .arg(QStringLiteral("FIRST SEEN (UTC)"), -24)
                  .arg(QStringLiteral("LAST SEEN"));
    for (const HistoryStore::StatsRow& row : rows) {
        const QString key = row.key.toString();
        io.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                      .arg(key.isEmpty() ? QStringLiteral("(none)") : key.left(24), -24)
                      .arg(row.calls, 8)
                      .arg(row.errors, 8)
                      .arg(HistoryRecord::isoTime(row.firstMs), -24)
                      .arg(HistoryRecord::isoTime(row.lastMs));
    }
    return ExitOk;
}
