#include "HistoryCommand.h"

#include "HistoryStore.h"
#include "JsonDiff.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {

QString compact(const QJsonValue& value, int limit = 120)
{
    QString text;
    if (value.isString())
        text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else
        text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return text.size() > limit ? text.left(limit - 1) + QChar(0x2026) : text;
}

QString codesText(const HistoryRecord& record)
{
    QStringList codes;
    for (const QVariant& code : record.codes())
        codes.append(code.toString());
    return codes.join(QLatin1Char(','));
}

void writeJson(CliIo& io, const QJsonObject& document)
{
    io.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
}

std::optional<qint64> parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

// A response or request body for reading: indented when it is JSON.
QString bodyText(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isNull() ? QString::fromUtf8(body) : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace

CliCommandDoc HistoryCommand::doc() const
{
    const QString time = QStringLiteral("YYYY-MM-DD (UTC) or ISO 8601");
    CliCommandDoc d;
    d.summary =
        QStringLiteral("Lists the calls kept in the call history (the GUI's and send's), newest first, never with a\n"
                       "secret key. Filters combine; without a subcommand it lists.");
    d.options = {
        {QStringLiteral("--method M"), QStringLiteral("only calls of method M"), {}},
        {QStringLiteral("--code N|KEY"),
         QStringLiteral("only calls with this error code or situation key (105, transport_tls)"),
         {}},
        {QStringLiteral("--verdict V"),
         QStringLiteral("only calls with this verdict: ok, api_error, partial_failure, all_failed, http_error, "
                        "not_json, no_response"),
         {}},
        {QStringLiteral("--env NAME"), QStringLiteral("only calls to this environment"), {}},
        {QStringLiteral("--since T"), QStringLiteral("only calls from T on: ") + time, QStringLiteral("the oldest")},
        {QStringLiteral("--until T"), QStringLiteral("only calls up to T (a date includes that whole day)"),
         QStringLiteral("now")},
        {QStringLiteral("--search TEXT"),
         QStringLiteral("full-text search over methods, ids, messages, codes and bodies"),
         {}},
        {QStringLiteral("--limit N"), QStringLiteral("list at most N calls"), QStringLiteral("50")},
        {QStringLiteral("--json"), QStringLiteral("print one JSON document: {\"calls\": [...]}"), {}},
    };
    d.subcommands = {
        {QStringLiteral("history show ID [--json]"),
         QStringLiteral("Shows one recorded call: request, response, findings and timings."),
         {{QStringLiteral("--json"), QStringLiteral("print the call as one JSON document"), {}}}},
        {QStringLiteral("history diff ID1 ID2 [--json]"),
         QStringLiteral("Compares the responses of two calls, records matched by id: added, removed and changed "
                        "paths."),
         {{QStringLiteral("--json"), QStringLiteral("print {\"a\", \"b\", \"changes\": [...]}"), {}}}},
        {QStringLiteral("history prune [--keep-days N] [--max-mb N]"),
         QStringLiteral("Deletes old calls now (at least one option is needed)."),
         {{QStringLiteral("--keep-days N"), QStringLiteral("delete calls older than N days"), {}},
          {QStringLiteral("--max-mb N"),
           QStringLiteral("then drop the bodies of the oldest calls (their summary and findings stay) until "
                          "bodies take at most N megabytes"),
           {}}}},
        {QStringLiteral("history export-har (--last N | --calls ID,ID... | --since T) -o FILE"),
         QStringLiteral("Writes recorded calls as a HAR 1.2 file for other tools, the secret key masked."),
         {{QStringLiteral("--last N"), QStringLiteral("the N most recent calls"), {}},
          {QStringLiteral("--calls ID,ID..."), QStringLiteral("these calls (IDs as `history` shows them)"), {}},
          {QStringLiteral("--since T"), QStringLiteral("every call from T on (YYYY-MM-DD or ISO 8601, UTC)"), {}},
          {QStringLiteral("-o FILE"), QStringLiteral("where to write the HAR file"), {}}}},
    };
    d.examples = {
        QStringLiteral("history --code 107 --since 2026-12-01"),
        QStringLiteral("history --search emailAddress --limit 10 --json"),
        QStringLiteral("history show 41"),
        QStringLiteral("history diff 41 57"),
        QStringLiteral("history prune --keep-days 30"),
    };
    return d;
}

std::optional<qint64> HistoryCommand::parseTime(const QString& text, bool endOfDay)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10) {
        const QDateTime start(date, QTime(0, 0), Qt::UTC);
        return endOfDay ? start.addDays(1).toMSecsSinceEpoch() - 1 : start.toMSecsSinceEpoch();
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime && !text.endsWith(QLatin1Char('Z')) && !text.contains(QLatin1Char('+')))
        time.setTimeSpec(Qt::UTC); // no offset given: UTC, like every time the history prints
    return time.toMSecsSinceEpoch();
}

std::unique_ptr<HistoryStore> HistoryCommand::openStore(CliIo& io, const QString& command)
{
    const QString path = HistoryStore::defaultPath();
    if (path.isEmpty()) {
        io.err << command << ": the call history is turned off (LEADGEN_HISTORY=off)\n";
        return nullptr;
    }
    auto store = std::make_unique<HistoryStore>(path);
    if (!store->notice().isEmpty())
        io.err << command << ": " << store->notice() << '\n';
    if (!store->isOpen()) {
        io.err << command << ": " << store->error() << '\n';
        return nullptr;
    }
    return store;
}

int HistoryCommand::run(const QStringList& args, CliIo& io)
{
    const QString verb = args.value(0);
    if (verb == QLatin1String("show"))
        return show(args.mid(1), io);
    if (verb == QLatin1String("diff"))
        return diff(args.mid(1), io);
    if (verb == QLatin1String("prune"))
        return prune(args.mid(1), io);
    if (verb == QLatin1String("export-har"))
        return exportHar(args.mid(1), io);
    return list(args, io);
}

int HistoryCommand::list(const QStringList& args, CliIo& io)
{
    HistoryFilter filter;
    int limit = 50;
    bool json = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--json")) {
            json = true;
            continue;
        }
        static const QStringList valued{QStringLiteral("--method"),  QStringLiteral("--code"),
                                        QStringLiteral("--verdict"), QStringLiteral("--env"),
                                        QStringLiteral("--since"),   QStringLiteral("--until"),
                                        QStringLiteral("--search"),  QStringLiteral("--limit")};
        if (!valued.contains(arg))
            return usageError(io, name(), QStringLiteral("unknown argument %1").arg(arg));
        if (i + 1 >= args.size())
            return usageError(io, name(), QStringLiteral("%1 needs a value").arg(arg));
        const QString& value = args.at(++i);
        if (arg == QLatin1String("--method"))
            filter.method = value;
        else if (arg == QLatin1String("--code"))
            filter.code = value;
        else if (arg == QLatin1String("--verdict"))
            filter.verdict = value;
        else if (arg == QLatin1String("--env"))
            filter.environment = value;
        else if (arg == QLatin1String("--search"))
            filter.search = value;
        else if (arg == QLatin1String("--limit")) {
            bool ok = false;
            limit = value.toInt(&ok);
            if (!ok || limit <= 0)
                return usageError(io, name(), QStringLiteral("--limit needs a positive number, not %1").arg(value));
        } else {
            const std::optional<qint64> time = parseTime(value, arg == QLatin1String("--until"));
            if (!time)
                return usageError(io, name(),
                                  QStringLiteral("%1 needs YYYY-MM-DD or an ISO 8601 time, not %2").arg(arg, value));
            (arg == QLatin1String("--since") ? filter.sinceMs : filter.untilMs) = *time;
        }
    }
    const std::unique_ptr<HistoryStore> store = openStore(io, name());
    if (!store)
        return ExitUsage;
    const QList<HistoryRecord> calls = store->calls(filter, limit);
    if (!store->error().isEmpty()) {
        io.err << name() << ": " << store->error() << '\n';
        return ExitUsage;
    }
    if (json) {
        QJsonArray array;
        for (const HistoryRecord& call : calls)
            array.append(call.toJson(false));
        writeJson(io, QJsonObject{{QStringLiteral("calls"), array}});
        return ExitOk;
    }
    if (calls.isEmpty()) {
        io.out << (filter.isEmpty() ? "No calls recorded yet.\n" : "No recorded call matches.\n");
        return ExitOk;
    }
    io.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                  .arg(QStringLiteral("ID"), -7)
                  .arg(QStringLiteral("TIME (UTC)"), -24)
                  .arg(QStringLiteral("ENV"), -14)
                  .arg(QStringLiteral("METHOD"), -22)
                  .arg(QStringLiteral("HTTP"), -4)
                  .arg(QStringLiteral("VERDICT"), -15)
                  .arg(QStringLiteral("MS"), 6)
                  .arg(QStringLiteral("CODES"));
    for (const HistoryRecord& call : calls) {
        io.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                      .arg(call.id, -7)
                      .arg(HistoryRecord::isoTime(call.timeMs), -24)
                      .arg(call.environment.left(14), -14)
                      .arg(call.method.isEmpty() ? QStringLiteral("-") : call.method.left(22), -22)
                      .arg(call.httpStatus ? QString::number(*call.httpStatus) : QStringLiteral("-"), -4)
                      .arg(call.verdict, -15)
                      .arg(call.elapsedMs, 6)
                      .arg(codesText(call));
    }
    return ExitOk;
}

int HistoryCommand::show(const QStringList& args, CliIo& io)
{
    bool json = false;
    std::optional<qint64> id;
    for (const QString& arg : args) {
        if (arg == QLatin1String("--json"))
            json = true;
        else if (!id && parseId(arg))
            id = parseId(arg);
        else
            return usageError(io, name(), QStringLiteral("history show ID [--json]: unexpected %1").arg(arg));
    }
    if (!id)
        return usageError(io, name(), QStringLiteral("history show needs the ID of a call (see `history`)"));
    const std::unique_ptr<HistoryStore> store = openStore(io, name());
    if (!store)
        return ExitUsage;
    const std::optional<HistoryRecord> call = store->call(*id);
    if (!call) {
        io.err << name() << ": " << store->error() << '\n';
        return ExitUsage;
    }
    if (json) {
        writeJson(io, call->toJson(true));
        return ExitOk;
    }
    io.out << "Call " << call->id << " · " << HistoryRecord::isoTime(call->timeMs) << " · " << call->environment << " ("
           << call->source << ")\n";
    io.out << "POST " << call->url << '\n';
    if (!call->account.isEmpty())
        io.out << "Account " << call->account << '\n';
    io.out << '\n' << bodyText(call->requestBody) << "\n\n";
    if (call->httpStatus) {
        io.out << "HTTP " << *call->httpStatus << " · " << call->elapsedMs << " ms · "
               << QLocale::c().formattedDataSize(call->responseSize, 1, QLocale::DataSizeSIFormat) << " · verdict "
               << call->verdict << '\n';
        for (const HistoryRecord::Header& header : call->responseHeaders)
            io.out << QString::fromLatin1(header.first) << ": " << QString::fromUtf8(header.second) << '\n';
        io.out << '\n';
        if (call->bodiesDropped)
            io.out << "(body dropped by pruning)\n";
        else
            io.out << bodyText(call->responseBody) << '\n';
        if (call->bodyCut)
            io.out << "(body cut: only the first "
                   << QLocale::c().formattedDataSize(call->responseBody.size(), 1, QLocale::DataSizeSIFormat)
                   << " were kept)\n";
    } else {
        io.out << "No HTTP response (" << call->transportError << ") after " << call->elapsedMs << " ms\n";
    }
    if (!call->findings.isEmpty())
        io.out << '\n';
    for (const HistoryFinding& finding : call->findings) {
        io.out << finding.severity << "  " << finding.path << "  "
               << (finding.code ? QString::number(*finding.code) : finding.key) << "  " << finding.message << '\n';
    }
    return ExitOk;
}

int HistoryCommand::diff(const QStringList& args, CliIo& io)
{
    bool json = false;
    QList<qint64> ids;
    for (const QString& arg : args) {
        if (arg == QLatin1String("--json"))
            json = true;
        else if (const std::optional<qint64> id = parseId(arg))
            ids.append(*id);
        else
            return usageError(io, name(), QStringLiteral("history diff ID1 ID2 [--json]: unexpected %1").arg(arg));
    }
    if (ids.size() != 2)
        return usageError(io, name(), QStringLiteral("history diff needs two call IDs (see `history`)"));
    const std::unique_ptr<HistoryStore> store = openStore(io, name());
    if (!store)
        return ExitUsage;
    std::optional<HistoryRecord> calls[2];
    for (int i = 0; i < 2; ++i) {
        calls[i] = store->call(ids.at(i));
        if (!calls[i]) {
            io.err << name() << ": " << store->error() << '\n';
            return ExitUsage;
        }
    }
    const auto value = [](const HistoryRecord& call) {
        const QJsonDocument document = QJsonDocument::fromJson(call.responseBody);
        if (document.isObject())
            return QJsonValue(document.object());
        if (document.isArray())
            return QJsonValue(document.array());
        return QJsonValue(QString::fromUtf8(call.responseBody));
    };
    const QList<JsonChange> changes = JsonDiff::diff(value(*calls[0]), value(*calls[1]));
    if (json) {
        QJsonArray array;
        for (const JsonChange& change : changes)
            array.append(change.toJson());
        writeJson(io, QJsonObject{{QStringLiteral("a"), ids.at(0)},
                                  {QStringLiteral("b"), ids.at(1)},
                                  {QStringLiteral("changes"), array}});
        return ExitOk;
    }
    if (changes.isEmpty()) {
        io.out << "The responses of calls " << ids.at(0) << " and " << ids.at(1) << " are the same.\n";
        return ExitOk;
    }
    for (const JsonChange& change : changes) {
        io.out << QStringLiteral("%1 %2").arg(JsonChange::opName(change.op), -8).arg(change.path);
        if (change.op == JsonChange::Op::Changed)
            io.out << ": " << compact(change.before) << " → " << compact(change.after);
        else
            io.out << ": " << compact(change.op == JsonChange::Op::Added ? change.after : change.before);
        io.out << '\n';
    }
    io.out << changes.size() << (changes.size() == 1 ? " change\n" : " changes\n");
    return ExitOk;
}

int HistoryCommand::prune(const QStringList& args, CliIo& io)
{
    int keepDays = -1;
    qint64 maxBytes = -1;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if ((arg != QLatin1String("--keep-days") && arg != QLatin1String("--max-mb")) || i + 1 >= args.size())
            return usageError(io, name(),
                              QStringLiteral("history prune [--keep-days N] [--max-mb N]: unexpected %1").arg(arg));
        bool ok = false;
        const int value = args.at(++i).toInt(&ok);
        if (!ok || value < 0)
            return usageError(io, name(), QStringLiteral("%1 needs a number ≥ 0").arg(arg));
        if (arg == QLatin1String("--keep-days"))
            keepDays = value;
        else
            maxBytes = qint64(value) * 1000 * 1000;
    }
    if (keepDays < 0 && maxBytes < 0)
        return usageError(io, name(), QStringLiteral("history prune needs --keep-days N and/or --max-mb N"));
    const std::unique_ptr<HistoryStore> store = openStore(io, name());
    if (!store)
        return ExitUsage;
    const std::optional<HistoryStore::PruneResult> result =
        store->prune(keepDays, maxBytes, QDateTime::currentMSecsSinceEpoch());
    if (!result) {
        io.err << name() << ": " << store->error() << '\n';
        return ExitUsage;
    }
    io.out << "Deleted " << result->callsDeleted << (result->callsDeleted == 1 ? " call" : " calls")
           << ", dropped the bodies of " << result->bodiesDropped << "; bodies now take "
           << QLocale::c().formattedDataSize(store->bodyBytes(), 1, QLocale::DataSizeSIFormat) << ".\n";
    return ExitOk;
}
