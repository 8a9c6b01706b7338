#include "BulkOptions.h"

#include "BatchRun.h"
#include "CallRateLimiter.h"
#include "ObjectImportPlan.h"
#include "ThrottledCaller.h"

#include <QFileInfo>

#include <limits>
#include <optional>

namespace {
const QStringList& flagOptions()
{
    static const QStringList flags = {QStringLiteral("--all-pages"), QStringLiteral("--strict"),
                                      QStringLiteral("--quiet"), QStringLiteral("--yes"), QStringLiteral("--excel")};
    return flags;
}
const QStringList& valueOptions()
{
    static const QStringList options = {QStringLiteral("--max-pages"), QStringLiteral("--resume-offset"),
                                        QStringLiteral("--split"),     QStringLiteral("--objects-csv"),
                                        QStringLiteral("--method"),    QStringLiteral("--results-csv"),
                                        QStringLiteral("--csv"),       QStringLiteral("--jsonl"),
                                        QStringLiteral("--rate"),      QStringLiteral("--retries")};
    return options;
}
} // namespace

bool BulkOptions::any() const
{
    return allPages || maxPages > 0 || resumeOffset >= 0 || split > 0 || !objectsCsv.isEmpty() || !csvOut.isEmpty() ||
           !jsonlOut.isEmpty();
}

bool BulkOptions::isOption(const QString& arg)
{
    return flagOptions().contains(arg) || valueOptions().contains(arg);
}

bool BulkOptions::take(const QStringList& args, qsizetype* i, QString* error)
{
    const QString arg = args.at(*i);
    if (arg == QLatin1String("--all-pages")) {
        allPages = true;
        return true;
    }
    if (arg == QLatin1String("--strict")) {
        strict = true;
        return true;
    }
    if (arg == QLatin1String("--quiet")) {
        quiet = true;
        return true;
    }
    if (arg == QLatin1String("--yes")) {
        yes = true;
        return true;
    }
    if (arg == QLatin1String("--excel")) {
        excelBom = true;
        return true;
    }
    // "-" is a value here (standard output), not an option.
    if (*i + 1 >= args.size() || (args.at(*i + 1).startsWith(QLatin1String("--")) && args.at(*i + 1).size() > 2) ||
        args.at(*i + 1).isEmpty()) {
        *error = QStringLiteral("%1 needs a value").arg(arg);
        return false;
    }
    const QString value = args.at(++*i);
    const auto number = [&](qint64 min, qint64 max) -> std::optional<qint64> {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < min || n > max) {
            *error =
                QStringLiteral("%1 takes a whole number from %2 to %3, not “%4”").arg(arg).arg(min).arg(max).arg(value);
            return std::nullopt;
        }
        return n;
    };
    if (arg == QLatin1String("--max-pages")) {
        const auto n = number(1, 100000000);
        if (!n)
            return false;
        maxPages = int(*n);
    } else if (arg == QLatin1String("--resume-offset")) {
        const auto n = number(0, std::numeric_limits<int>::max());
        if (!n)
            return false;
        resumeOffset = *n;
    } else if (arg == QLatin1String("--split")) {
        const auto n = number(1, BatchRun::kMaxChunk);
        if (!n)
            return false;
        split = int(*n);
    } else if (arg == QLatin1String("--rate")) {
        const auto n = number(0, 1000);
        if (!n)
            return false;
        rate = int(*n);
    } else if (arg == QLatin1String("--retries")) {
        const auto n = number(0, 20);
        if (!n)
            return false;
        retries = int(*n);
    } else if (arg == QLatin1String("--objects-csv")) {
        objectsCsv = value;
    } else if (arg == QLatin1String("--method")) {
        method = value;
    } else if (arg == QLatin1String("--results-csv")) {
        resultsCsv = value;
    } else if (arg == QLatin1String("--csv")) {
        csvOut = value;
    } else if (arg == QLatin1String("--jsonl")) {
        jsonlOut = value;
    }
    return true;
}

QString BulkOptions::validate(bool hasInput, bool json) const
{
    if (!objectsCsv.isEmpty() && hasInput)
        return QStringLiteral("--objects-csv builds the request: give no request FILE with it");
    if (!objectsCsv.isEmpty() && method.isEmpty())
        return QStringLiteral("--objects-csv needs --method (createLeads, updateLeads, …)");
    if (objectsCsv.isEmpty() && !method.isEmpty())
        return QStringLiteral("--method goes with --objects-csv (a request file names its own method)");
    if (objectsCsv.isEmpty() && (!resultsCsv.isEmpty() || strict))
        return QStringLiteral("--results-csv and --strict go with --objects-csv");
    if (!csvOut.isEmpty() && !jsonlOut.isEmpty())
        return QStringLiteral("--csv and --jsonl both say where the records go: use one of them");
    if (allPages && (split > 0 || !objectsCsv.isEmpty()))
        return QStringLiteral("--all-pages reads pages; --split and --objects-csv send batches: use one or the other");
    if ((maxPages > 0 || resumeOffset >= 0) && !allPages)
        return QStringLiteral("--max-pages and --resume-offset go with --all-pages");
    if (json && (csvOut == QLatin1String("-") || jsonlOut == QLatin1String("-")))
        return QStringLiteral("--json prints one JSON document on standard output: write the records to a file");
    if (json && allPages && csvOut.isEmpty() && jsonlOut.isEmpty())
        return QStringLiteral("--all-pages with --json needs --csv FILE or --jsonl FILE for the records");
    if (excelBom && csvOut.isEmpty() && objectsCsv.isEmpty())
        return QStringLiteral("--excel goes with --csv or --objects-csv");
    return QString();
}

QString BulkOptions::resultsPath() const
{
    return !resultsCsv.isEmpty() ? resultsCsv : ObjectImportPlan::defaultResultsPath(objectsCsv);
}

QList<CliOptionDoc> BulkOptions::docs()
{
    return {
        {QStringLiteral("--all-pages"),
         QStringLiteral("page through a paginated method (offset 0, limit, 2·limit, …) until a short page or "
                        "hasMore false; records go to --csv/--jsonl as they arrive"),
         {}},
        {QStringLiteral("--max-pages N"), QStringLiteral("stop --all-pages after N pages"), QStringLiteral("no cap")},
        {QStringLiteral("--resume-offset N"),
         QStringLiteral("start --all-pages at offset N (a stopped run prints the offset to continue from)"),
         QStringLiteral("the request's offset, else 0")},
        {QStringLiteral("--csv FILE"),
         QStringLiteral("write the records (or a batch's per-object results) as RFC 4180 CSV, UTF-8; header = the "
                        "fields parameter's order, else keys in first-seen order; - = standard output"),
         {}},
        {QStringLiteral("--jsonl FILE"),
         QStringLiteral("write the records as JSON Lines, one per line; - = standard output"),
         QStringLiteral("JSON Lines on standard output for --all-pages")},
        {QStringLiteral("--excel"), QStringLiteral("start CSV files with a UTF-8 byte order mark (for Excel)"), {}},
        {QStringLiteral("--split N"),
         QStringLiteral("send a batch method's objects in consecutive calls of N (1–500); results keep their "
                        "indices in the original list. Without it, more than 500 objects is refused before sending"),
         {}},
        {QStringLiteral("--objects-csv FILE"),
         QStringLiteral("build the objects of --method from a CSV file (header = field names, case and spaces "
                        "ignored), lint each, send them in batches and write a results CSV"),
         {}},
        {QStringLiteral("--method M"),
         QStringLiteral("the batch method of --objects-csv (createLeads, updateLeads, …)"),
         {}},
        {QStringLiteral("--results-csv OUT"),
         QStringLiteral("where --objects-csv writes each input row plus success, id, code, message, fix"),
         QStringLiteral("FILE with .results.csv")},
        {QStringLiteral("--strict"),
         QStringLiteral("refuse a CSV with a column that matches no field (default: report it and leave it out)"),
         {}},
        {QStringLiteral("--rate N"),
         QStringLiteral("at most N calls per second for the account, shared by every call of the run (0 = no "
                        "client-side limit)"),
         QString::number(CallRateLimiter::kDefaultRate)},
        {QStringLiteral("--retries N"),
         QStringLiteral("retry a call answered 107 (per-second limit) up to N times, with exponential back-off and "
                        "jitter; 106 (daily limit) stops the run"),
         QString::number(ThrottledCaller::kDefaultRetries)},
        {QStringLiteral("--quiet"), QStringLiteral("no progress line on standard error"),
         QStringLiteral("a progress line when standard error is a terminal")},
        {QStringLiteral("--yes"),
         QStringLiteral("confirm a bulk create/update/delete against a real environment (needed when standard input "
                        "is not a terminal; a simulator or a loopback --endpoint needs no confirmation)"),
         {}},
    };
}
