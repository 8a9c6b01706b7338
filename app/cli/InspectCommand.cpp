#include "InspectCommand.h"

#include "JsonIndex.h"
#include "ResponseAnalyzer.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

CliCommandDoc InspectCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Diagnoses a response body: the verdict (ok, API error, partial failure, ...), every error object\n"
        "with its JSON path and the catalogue's explanation, batch rows, paging and quota counters.\n"
        "FILE may be gzip-compressed; - reads standard input. Exit status 1 when an error was found.");
    d.options = {
        {QStringLiteral("--request FILE"),
         QStringLiteral("the request envelope that produced the response: checks the id and names each batch "
                        "object"),
         {}},
        {QStringLiteral("--http-status N"),
         QStringLiteral("diagnose as if the response came with this HTTP status (100-599)"), QStringLiteral("200")},
        {QStringLiteral("--max-size SIZE"),
         QStringLiteral("refuse inputs larger than SIZE bytes (K, M, G suffixes; at most 4G), also after gzip"),
         QStringLiteral("1G")},
        {QStringLiteral("--max-findings N"),
         QStringLiteral("with --json, list at most N findings and only count the rest (0: no limit)"),
         QString::number(kDefaultMaxFindings)},
        {QStringLiteral("--json"),
         QStringLiteral("print one JSON document: verdict, http_status, findings, batch, stats"),
         {}},
    };
    d.examples = {
        QStringLiteral("inspect response.json"),
        QStringLiteral("inspect response.json --request request.json --json"),
        QStringLiteral("inspect - --http-status 502 < page.html"),
    };
    return d;
}

// leadgen-diag inspect FILE|- [--request FILE] [--http-status N] [--json] (docs/design.md, Command line).
// FILE is mapped, not read, so a 1 GB response costs its size once.
int InspectCommand::run(const QStringList& args, CliIo& io)
{
    QString input;
    QString requestPath;
    std::optional<int> httpStatus;
    bool json = false;
    qint64 maxSize = kDefaultMaxSize;
    qint64 maxFindings = kDefaultMaxFindings;

    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        // Options take their value as the next argument or after '='.
        auto value = [&](const QString& option, QString* out) -> bool {
            if (arg == option) {
                if (i + 1 >= args.size())
                    return false;
                *out = args.at(++i);
                return true;
            }
            *out = arg.mid(option.size() + 1);
            return true;
        };
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--request") || arg.startsWith(QLatin1String("--request="))) {
            if (!value(QStringLiteral("--request"), &requestPath) || requestPath.isEmpty())
                return usageError(io, name(), QStringLiteral("--request needs a FILE"));
        } else if (arg == QLatin1String("--http-status") || arg.startsWith(QLatin1String("--http-status="))) {
            QString text;
            bool ok = false;
            const int status = value(QStringLiteral("--http-status"), &text) ? text.toInt(&ok) : 0;
            if (!ok || status < 100 || status > 599)
                return usageError(io, name(),
                                  QStringLiteral("--http-status needs a number from 100 to 599, not '%1'").arg(text));
            httpStatus = status;
        } else if (arg == QLatin1String("--max-size") || arg.startsWith(QLatin1String("--max-size="))) {
            QString text;
            const std::optional<qint64> size =
                value(QStringLiteral("--max-size"), &text) ? parseSize(text) : std::nullopt;
            if (!size)
                return usageError(
                    io, name(),
                    QStringLiteral("--max-size needs a size such as 500M or 2G (at most 4G), not '%1'").arg(text));
            maxSize = *size;
        } else if (arg == QLatin1String("--max-findings") || arg.startsWith(QLatin1String("--max-findings="))) {
            QString text;
            bool ok = false;
            const qint64 n = value(QStringLiteral("--max-findings"), &text) ? text.toLongLong(&ok) : 0;
            if (!ok || n < 0)
                return usageError(io, name(),
                                  QStringLiteral("--max-findings needs a number (0 for no limit), not '%1'").arg(text));
            maxFindings = n;
        } else if (arg.startsWith(QLatin1String("--"))) {
            return usageError(io, name(), QStringLiteral("unknown option '%1'").arg(arg));
        } else if (input.isEmpty()) {
            input = arg;
        } else {
            return usageError(io, name(), QStringLiteral("one FILE only (got '%1' and '%2')").arg(input, arg));
        }
    }
    if (input.isEmpty())
        return usageError(io, name(), QStringLiteral("missing FILE (a response body, or - for stdin)"));
    if (input == QLatin1String("-") && requestPath == QLatin1String("-"))
        return usageError(io, name(), QStringLiteral("the response and the request cannot both come from stdin"));

    ResponseAnalyzer::Context context;
    context.httpStatus = httpStatus;
    if (!requestPath.isEmpty()) {
        const std::optional<QByteArray> bytes = readInput(requestPath, io, maxSize);
        if (!bytes)
            return ExitUsage;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            io.err << "leadgen-diag inspect: the request " << requestPath
                   << " is not valid JSON: " << error.errorString() << " at byte " << error.offset << Qt::endl;
            return ExitUsage;
        }
        if (!doc.isObject()) {
            io.err << "leadgen-diag inspect: the request " << requestPath
                   << " is not a request envelope {method, params, id}" << Qt::endl;
            return ExitUsage;
        }
        context.request = doc.object();
    }

    // One path for every input: a file is mapped, standard input, a FIFO or a device is read as a
    // stream, gzip is decompressed; each stops at maxSize while reading, and each failure is
    // reported the same way.
    JsonIndex index;
    if (input == QLatin1String("-")) {
        const std::unique_ptr<QIODevice> in = openStdin(io);
        index = JsonIndex::fromStream(*in, maxSize);
    } else {
        index = JsonIndex::fromFile(input, {}, maxSize);
    }
    const QString shown = input == QLatin1String("-") ? QStringLiteral("standard input") : input;
    if (index.status() == JsonIndex::Status::Unreadable) {
        io.err << "leadgen-diag: cannot read " << shown << ": " << index.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    if (index.status() == JsonIndex::Status::TooLarge) {
        io.err << "leadgen-diag inspect: cannot inspect " << shown << ": " << index.errorMessage() << ' '
               << maxSizeHint(maxSize) << Qt::endl;
        return ExitUsage;
    }

    Diagnosis diagnosis = ResponseAnalyzer().analyze(index, context);
    const int status = diagnosis.hasErrors() ? ExitFound : ExitOk;
    if (json) {
        // One finding per failed object up to --max-findings; the rest is counted in stats.
        const qint64 total = diagnosis.findings.size();
        const qint64 leftOut = maxFindings > 0 && total > maxFindings ? total - maxFindings : 0;
        if (leftOut)
            diagnosis.findings.resize(qsizetype(maxFindings));
        // The failed batch rows of a huge batch (see Diagnosis::kMaxJsonBatchRows) obey the same
        // limit: they repeat the findings.
        const bool onlyFailedRows = diagnosis.batch.size() > Diagnosis::kMaxJsonBatchRows;
        qint64 rowsLeftOut = 0;
        if (onlyFailedRows && maxFindings > 0) {
            QList<BatchRow> kept;
            for (const BatchRow& row : std::as_const(diagnosis.batch)) {
                if (row.success)
                    continue;
                if (kept.size() < maxFindings)
                    kept.append(row);
                else
                    ++rowsLeftOut;
            }
            diagnosis.batch = kept;
        }
        QJsonObject document = diagnosis.toJson();
        if (onlyFailedRows)
            document.insert(QStringLiteral("batch_rows"), QStringLiteral("failed"));
        QJsonObject stats = document.value(QStringLiteral("stats")).toObject();
        stats.insert(QStringLiteral("findings"), double(total));
        stats.insert(QStringLiteral("findings_left_out"), double(leftOut));
        stats.insert(QStringLiteral("batch_rows_left_out"), double(rowsLeftOut));
        document.insert(QStringLiteral("stats"), stats);
        io.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    } else {
        io.out << groupedText(diagnosis);
    }
    io.out.flush();
    return status;
}

QString InspectCommand::groupedText(const Diagnosis& diagnosis)
{
    // Identical findings (same severity, level, code or key): the first few are printed in full,
    // the rest as one line with how many, the first and last object index and example paths. A
    // 72 MB batch where every object failed the same way is a handful of lines, not 100 000s.
    constexpr int kShownInFull = 3;
    struct Group
    {
        const Finding* first = nullptr;
        qint64 count = 0;
        int firstIndex = -1; // of the findings not printed in full
        int lastIndex = -1;
        QStringList examples;
    };
    std::vector<Group> groups;
    QHash<QString, size_t> byKey;
    QString text = diagnosis.verdictLine() + QLatin1Char('\n');
    const auto sameGroup = [](const Finding& a, const Finding& b) {
        return a.severity == b.severity && a.level == b.level && a.code == b.code && a.key == b.key;
    };
    size_t current = 0;
    for (const Finding& f : diagnosis.findings) {
        // Identical findings come in runs (one per failed object): only a new kind needs the
        // hash lookup, a million failed objects compare four fields each.
        if (groups.empty() || !sameGroup(f, *groups[current].first)) {
            const QString key = QStringLiteral("%1|%2|%3|%4")
                                    .arg(int(f.severity))
                                    .arg(int(f.level))
                                    .arg(f.code ? QString::number(*f.code) : QString(), f.key);
            auto it = byKey.constFind(key);
            if (it == byKey.constEnd()) {
                it = byKey.insert(key, groups.size());
                groups.push_back(Group{&f, 0, -1, -1, {}});
            }
            current = *it;
        }
        Group& g = groups[current];
        if (++g.count <= kShownInFull) {
            text += f.toTextLine() + QLatin1Char('\n');
            continue;
        }
        if (f.index >= 0) {
            if (g.firstIndex < 0)
                g.firstIndex = f.index;
            g.lastIndex = f.index;
        }
        if (g.examples.size() < 3)
            g.examples.append(f.path);
    }
    for (const Group& g : groups) {
        if (g.count <= kShownInFull)
            continue;
        const Finding& f = *g.first;
        const qint64 more = g.count - kShownInFull;
        text += QStringLiteral("%1 \u2026 %2 more like the above (%3 %4")
                    .arg(Finding::severityName(f.severity), -7)
                    .arg(more)
                    .arg(Finding::severityName(f.severity), f.code ? QString::number(*f.code) : f.key);
        if (g.firstIndex >= 0)
            text += QStringLiteral(", objects %1 to %2").arg(g.firstIndex).arg(g.lastIndex);
        text += QStringLiteral("), e.g. %1%2\n")
                    .arg(g.examples.join(QStringLiteral(", ")),
                         more > g.examples.size() ? QStringLiteral(", \u2026") : QString());
    }
    return text;
}
