#include "InspectCommand.h"

#include "FindingGrouper.h"
#include "FindingLimit.h"
#include "JsonIndex.h"
#include "ResponseAnalyzer.h"

#include <QJsonDocument>
#include <QJsonObject>

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
        index = JsonIndex::fromStream(*in, maxSize, {}, JsonIndex::Residency::OnePass);
    } else {
        index = JsonIndex::fromFile(input, {}, maxSize, JsonIndex::Residency::OnePass);
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

    // The analysis builds only what is printed (FindingLimit, FindingGrouper) and counts the
    // rest: the budget for huge inputs is a few times the input's size (docs/design.md, Big
    // responses).
    FindingLimit limit(maxFindings);
    FindingGrouper grouper(&index);
    DiagnosisFilter* filter = json ? (maxFindings > 0 ? static_cast<DiagnosisFilter*>(&limit) : nullptr) : &grouper;
    Diagnosis diagnosis = ResponseAnalyzer().analyze(index, context, filter);
    const int status = diagnosis.hasErrors() ? ExitFound : ExitOk;
    if (json) {
        // One finding per failed object up to --max-findings; the rest is counted in stats.
        const qint64 total = diagnosis.findings.size() + diagnosis.omittedFindings();
        const qint64 leftOut = maxFindings > 0 && total > maxFindings ? total - maxFindings : 0;
        if (diagnosis.findings.size() > maxFindings && maxFindings > 0)
            diagnosis.findings.resize(qsizetype(maxFindings));
        // The failed batch rows of a huge batch (see Diagnosis::kMaxJsonBatchRows) obey the same
        // limit: they repeat the findings.
        const bool onlyFailedRows = diagnosis.batch.size() + diagnosis.batchRowsOmitted > Diagnosis::kMaxJsonBatchRows;
        qint64 rowsLeftOut = 0;
        if (onlyFailedRows && maxFindings > 0) {
            QList<BatchRow> kept;
            for (const BatchRow& row : std::as_const(diagnosis.batch)) {
                if (!row.success && kept.size() < maxFindings)
                    kept.append(row);
            }
            rowsLeftOut = diagnosis.stats.failed - kept.size();
            diagnosis.batch = kept;
        }
        // The findings and rows are written one by one; the rest of the document comes from
        // toJson() with two placeholders.
        const QList<Finding> findings = std::exchange(diagnosis.findings, {});
        const QList<BatchRow> rows = std::exchange(diagnosis.batch, {});
        diagnosis.batchRowsOmitted = 0;
        QJsonObject document = diagnosis.toJson();
        document.insert(QStringLiteral("batch_rows"),
                        onlyFailedRows ? QStringLiteral("failed") : QStringLiteral("all"));
        QJsonObject stats = document.value(QStringLiteral("stats")).toObject();
        stats.insert(QStringLiteral("findings"), double(total));
        stats.insert(QStringLiteral("findings_left_out"), double(leftOut));
        stats.insert(QStringLiteral("batch_rows_left_out"), double(rowsLeftOut));
        document.insert(QStringLiteral("stats"), stats);
        writeJson(io.out, document, findings, rows, !onlyFailedRows);
    } else {
        QString text = diagnosis.verdictLine() + QLatin1Char('\n');
        for (const Finding& f : std::as_const(diagnosis.findings))
            text += f.toTextLine() + QLatin1Char('\n');
        io.out << text << grouper.summary();
    }
    io.out.flush();
    return status;
}

namespace {
// One element of a top-level array as QJsonDocument writes it (Indented): at two levels of
// indentation. The objects hold scalars only, one per line.
QByteArray indentedElement(const QJsonObject& o)
{
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
    const QByteArrayView indent("        ");
    QByteArray element;
    element.reserve(text.size() + 8 * 16);
    // Each line indented, without the document's final newline.
    for (qsizetype at = 0; at < text.size() - 1;) {
        qsizetype end = text.indexOf('\n', at);
        end = end < 0 || end >= text.size() - 1 ? text.size() - 1 : end + 1;
        element.append(indent);
        element.append(text.constData() + at, end - at);
        at = end;
    }
    return element;
}
} // namespace

void InspectCommand::writeJson(QTextStream& out, QJsonObject document, const QList<Finding>& findings,
                               const QList<BatchRow>& rows, bool allRows)
{
    // Byte for byte what QJsonDocument writes for the whole document, without holding the whole
    // document (a QJsonObject per finding and row, then the text twice) at once. An empty array
    // is left to QJsonDocument.
    // A placeholder value QJsonDocument writes as "\u0001" (8 bytes with the quotes).
    const QString mark(QChar(1));
    const QByteArray written = "\"\\u0001\"";
    if (!findings.isEmpty())
        document.insert(QStringLiteral("findings"), mark);
    bool anyRow = false;
    for (const BatchRow& row : rows)
        anyRow = anyRow || allRows || !row.success;
    if (anyRow)
        document.insert(QStringLiteral("batch"), mark);
    const QByteArray text = QJsonDocument(document).toJson(QJsonDocument::Indented);
    qsizetype at = 0;
    const auto writeUpTo = [&](const char* key) {
        // A top-level key at its indentation: a string value cannot hold an unescaped quote, so
        // the first match is the placeholder.
        const QByteArray marker = QByteArray("\n    \"") + key + "\": " + written;
        const qsizetype found = text.indexOf(marker, at);
        Q_ASSERT(found >= 0);
        const qsizetype valueAt = found + marker.size() - written.size();
        out << QString::fromUtf8(text.constData() + at, valueAt - at);
        at = valueAt + written.size();
    };
    const auto writeArray = [&out](const auto& items, const auto& include) {
        out << "[\n";
        bool first = true;
        for (const auto& item : items) {
            if (!include(item))
                continue;
            if (!first)
                out << ",\n";
            first = false;
            out << QString::fromUtf8(indentedElement(item.toJson()));
        }
        out << "\n    ]";
    };
    // "batch" sorts before "findings".
    if (anyRow) {
        writeUpTo("batch");
        writeArray(rows, [allRows](const BatchRow& row) { return allRows || !row.success; });
    }
    if (!findings.isEmpty()) {
        writeUpTo("findings");
        writeArray(findings, [](const Finding&) { return true; });
    }
    out << QString::fromUtf8(text.constData() + at, text.size() - at);
}

QString InspectCommand::groupedText(const Diagnosis& diagnosis)
{
    FindingGrouper grouper;
    QString text = diagnosis.verdictLine() + QLatin1Char('\n');
    for (const Finding& f : diagnosis.findings) {
        if (grouper.noteBuilt(f))
            text += f.toTextLine() + QLatin1Char('\n');
    }
    return text + grouper.summary();
}
