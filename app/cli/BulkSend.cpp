#include "BulkSend.h"

#include "BatchRun.h"
#include "BulkCallRecorder.h"
#include "CallRateLimiter.h"
#include "CsvReader.h"
#include "Diagnosis.h"
#include "Environment.h"
#include "ErrorCatalog.h"
#include "HistoryRecorder.h"
#include "HistorySettings.h"
#include "MethodCatalog.h"
#include "NetworkSettings.h"
#include "ObjectCsvImport.h"
#include "ObjectImportPlan.h"
#include "PageRun.h"
#include "Platform.h"
#include "RecordExport.h"
#include "RecordSink.h"
#include "Redactor.h"
#include "RequestEnvelope.h"
#include "RequestLinter.h"
#include "ResponseAnalyzer.h"
#include "ThrottledCaller.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace {

// Runs a PageRun or BatchRun on the session's loop until it finishes; Ctrl+C or kill cancels it
// (it then finishes as cancelled, keeping what was written). Returns whether a signal came.
template<typename Run>
bool runToEnd(Run& run, QEventLoop& loop)
{
    bool interrupted = false;
    const Platform::StopSignalWatcher stopSignals([&] {
        interrupted = true;
        run.cancel();
    });
    run.start();
    if (run.isRunning())
        loop.exec();
    return interrupted;
}
// The usage error line of `send` (CliCommand's, which only a command may call).
struct SendUsage : CliCommand
{
    static int error(CliIo& io, const QString& message) { return usageError(io, QStringLiteral("send"), message); }
};
int usageError(CliIo& io, const QString& message)
{
    return SendUsage::error(io, message);
}

bool isTerminal(FILE* stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

// Writes bytes into a QTextStream (records to "-": standard output through the CLI's own
// output, which keeps a terminal safe from control characters in the data).
class TextStreamDevice : public QIODevice
{
public:
    explicit TextStreamDevice(QTextStream& stream)
        : m_stream(stream)
    {
        open(QIODevice::WriteOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override
    {
        m_stream << QString::fromUtf8(data, size);
        return size;
    }

private:
    QTextStream& m_stream;
};

// The progress line: on a terminal, rewritten in place at most five times a second. Written
// straight to the terminal (it holds only our own numbers), since the CLI's output escapes \r.
class ProgressLine
{
public:
    explicit ProgressLine(bool enabled)
        : m_enabled(enabled)
    {
        m_clock.start();
    }
    void show(const QString& text, bool force = false)
    {
        if (!m_enabled || (!force && m_shown && m_clock.elapsed() - m_last < 200))
            return;
        m_last = m_clock.elapsed();
        m_shown = true;
        const QByteArray line = "\r" + text.toUtf8() + "\x1b[K";
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
    void end()
    {
        if (m_enabled && m_shown) {
            std::fputs("\n", stderr);
            std::fflush(stderr);
        }
    }

private:
    bool m_enabled;
    bool m_shown = false;
    qint64 m_last = 0;
    QElapsedTimer m_clock;
};

QString number(qint64 n)
{
    return QLocale::c().toString(n);
}

QString maskedText(const QString& text, const QString& secret)
{
    return Redactor::redactSecret(text, secret);
}

// An output for records: a file, or standard output for "-".
struct RecordOutput
{
    std::unique_ptr<QIODevice> device;
    std::unique_ptr<RecordSink> sink;
    QString path;

    bool open(const QString& target, RecordSink::Format format, const QStringList& header, bool bom, CliIo& io,
              QString* error)
    {
        path = target;
        if (target == QLatin1String("-")) {
            device = std::make_unique<TextStreamDevice>(io.out);
        } else {
            auto file = std::make_unique<QFile>(target);
            if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                *error = QStringLiteral("cannot write %1: %2").arg(target, file->errorString());
                return false;
            }
            device = std::move(file);
        }
        sink = std::make_unique<RecordSink>(format, device.get(), header, bom);
        if (target != QLatin1String("-"))
            sink->setFilePath(target);
        return true;
    }
    bool finish()
    {
        if (!sink)
            return true;
        const bool ok = sink->finish();
        if (auto* file = qobject_cast<QFile*>(device.get()))
            file->close();
        return ok;
    }
};

// The `fields` param as a header order (getLeads fields: ["id", "emailAddress"]).
QStringList fieldsOrder(const QJsonObject& params)
{
    QStringList order;
    const QJsonArray fields = params.value(QStringLiteral("fields")).toArray();
    for (const QJsonValue& field : fields) {
        if (field.isString() && !order.contains(field.toString()))
            order.append(field.toString());
    }
    return order;
}

// Everything one bulk run shares: network, limiter, caller, history, stop signals.
struct Session
{
    QNetworkAccessManager network;
    std::shared_ptr<CallRateLimiter> limiter;
    std::unique_ptr<ThrottledCaller> caller;
    std::unique_ptr<HistoryRecorder> history;
    std::unique_ptr<BulkCallRecorder> recorder;
    QEventLoop loop;
    // The history recorder queues without bound: a run that gets this many calls ahead of it
    // waits, so memory stays that of a few pages.
    static constexpr int kHistoryBacklog = 4;
    QByteArray lastBody;
    CallCapture lastCapture;

    // historyBodyLimit: BulkCallRecorder::kPageBodyLimit or kChunkBodyLimit.
    Session(const BulkOptions& options, const BulkSend::Context& context, qint64 historyBodyLimit)
    {
        NetworkSettings::configure(network, context.proxy, QProcessEnvironment::systemEnvironment());
        limiter = CallRateLimiter::forAccount(CallRateLimiter::accountKey(context.base.endpoint, context.accountId));
        limiter->setRate(options.rate);
        caller = std::make_unique<ThrottledCaller>(&network, limiter);
        caller->setMaxRetries(options.retries);
        const HistorySettings settings = HistorySettings::load(QSettings());
        history = std::make_unique<HistoryRecorder>(settings.recordingPath());
        history->setRetention(settings.keepDays, qint64(settings.maxMegabytes) * 1000 * 1000);
        BulkCallRecorder::Context where;
        where.environment = context.environmentName.isEmpty() ? context.base.endpoint.host() : context.environmentName;
        where.account = context.accountId;
        where.secret = context.secret;
        where.source = QStringLiteral("cli");
        recorder = std::make_unique<BulkCallRecorder>(
            history.get(), where, qMin<qint64>(settings.bodyLimit, historyBodyLimit), kHistoryBacklog);
        QObject::connect(
            caller.get(), &ThrottledCaller::attempted, caller.get(),
            [this](const CallCapture& capture, const QByteArray& body, const std::shared_ptr<const JsonIndex>& index) {
                lastCapture = capture;
                lastBody = body;
                recorder->record(capture, body, index);
            });
    }

    void flushHistory(CliIo& io)
    {
        if (history->isEnabled() && (!history->flush() || !history->lastFailure().isEmpty()))
            io.err << "leadgen-diag send: warning: the calls were not all recorded in the history: "
                   << (history->lastFailure().isEmpty() ? QStringLiteral("timed out") : history->lastFailure())
                   << Qt::endl;
    }
};

// The keys send --json always has (docs/design.md, Command line), for the run's last call.
QJsonObject baseJson(const BulkSend::Context& context, const Session& session, qint64 elapsedMs)
{
    QJsonObject out;
    const QJsonValue request = [&]() -> QJsonValue {
        if (const auto envelope = RequestEnvelope::parse(context.body))
            return Redactor::redactJson(envelope->object());
        return QJsonValue(QJsonValue::Null);
    }();
    out.insert(QStringLiteral("request"), request);
    out.insert(QStringLiteral("url"), session.lastCapture.displayUrl.isEmpty()
                                          ? QJsonValue(Redactor::redactText(context.base.displayUrl()))
                                          : QJsonValue(session.lastCapture.displayUrl));
    out.insert(QStringLiteral("environment"),
               context.environmentName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(context.environmentName));
    out.insert(QStringLiteral("http_status"), session.lastCapture.hasResponse
                                                  ? QJsonValue(session.lastCapture.httpStatus)
                                                  : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("elapsed_ms"), elapsedMs);
    QJsonValue response = QJsonValue::Null;
    std::optional<Diagnosis> diagnosis;
    if (session.lastCapture.hasResponse) {
        const QJsonDocument document = QJsonDocument::fromJson(session.lastBody);
        response = document.isObject() ? QJsonValue(document.object())
                                       : QJsonValue(maskedText(QString::fromUtf8(session.lastBody), context.secret));
        ResponseAnalyzer::Context analysis;
        analysis.httpStatus = session.lastCapture.httpStatus;
        analysis.headers = session.lastCapture.responseHeaders;
        if (const auto envelope = RequestEnvelope::parse(session.lastCapture.requestBody))
            analysis.request = envelope->object();
        diagnosis = ResponseAnalyzer().analyze(JsonIndex::fromBytes(session.lastBody), analysis);
    }
    out.insert(QStringLiteral("response"), response);
    out.insert(QStringLiteral("diagnosis"), diagnosis ? QJsonValue(diagnosis->toJson()) : QJsonValue(QJsonValue::Null));
    return out;
}

// baseJson plus what every run reports, pages or batches alike: calls ("pages"), records or
// objects done, retries, throttling and why it stopped.
QJsonObject runJson(const BulkSend::Context& context, const Session& session, qint64 elapsedMs, int calls,
                    qint64 records, const BulkRun::Counters& counters, BulkRun::Stop stop, const QString& message)
{
    QJsonObject out = baseJson(context, session, elapsedMs);
    out.insert(QStringLiteral("pages"), calls);
    out.insert(QStringLiteral("records"), records);
    out.insert(QStringLiteral("retries"), counters.retries);
    out.insert(QStringLiteral("throttled_ms"), counters.throttledMs);
    out.insert(QStringLiteral("stopped"), BulkRun::stopName(stop));
    out.insert(QStringLiteral("stop_message"), message);
    return out;
}

void printJson(CliIo& io, const QJsonObject& out, const QString& secret)
{
    io.out << maskedText(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)), secret);
    io.out.flush();
}

QString progressText(const PageRun::Progress& p)
{
    const double seconds = qMax<double>(0.001, double(p.elapsedMs) / 1000.0);
    QString text = QStringLiteral("%1 pages · %2 records · %3 s · %4 calls/s · today %5/%6")
                       .arg(number(p.pages), number(p.records))
                       .arg(seconds, 0, 'f', 1)
                       .arg(p.callsLastSecond)
                       .arg(number(p.callsToday), number(p.quota));
    if (p.retries)
        text += QStringLiteral(" · %1 retries (107)").arg(p.retries);
    return text;
}

int runPages(const BulkOptions& options, const BulkSend::Context& context, const MethodSpec& method,
             const QJsonObject& envelope, CliIo& io)
{
    QString error;
    RecordOutput output;
    const QJsonObject params = envelope.value(QStringLiteral("params")).toObject();
    const bool csv = !options.csvOut.isEmpty();
    const QString target = csv ? options.csvOut : options.jsonlOut.isEmpty() ? QStringLiteral("-") : options.jsonlOut;
    if (!output.open(target, csv ? RecordSink::Format::Csv : RecordSink::Format::Jsonl, fieldsOrder(params),
                     options.excelBom, io, &error))
        return usageError(io, error);

    Session session(options, context, BulkCallRecorder::kPageBodyLimit);
    PageRun::Options runOptions;
    runOptions.maxPages = options.allPages ? options.maxPages : 1;
    runOptions.startOffset = options.resumeOffset;
    PageRun run(session.caller.get(), output.sink.get(), context.base, envelope, method, runOptions);
    ProgressLine progress(!options.quiet && isTerminal(stderr));
    QObject::connect(&run, &PageRun::progressed, &run,
                     [&](const PageRun::Progress& p) { progress.show(progressText(p)); });
    PageRun::Outcome outcome;
    QObject::connect(&run, &PageRun::finished, &run, [&](const PageRun::Outcome& o) {
        outcome = o;
        session.loop.quit();
    });
    // Late keys are told as soon as they appear (the records keep flowing).
    int lateTold = 0;
    QObject::connect(&run, &PageRun::progressed, &run, [&] {
        const QStringList late = output.sink->lateKeys();
        for (; lateTold < late.size(); ++lateTold) {
            progress.end();
            io.err << "leadgen-diag send: note: key “" << late.at(lateTold) << "” first appeared after the header ("
                   << (output.path == QLatin1String("-") || output.path.isEmpty()
                           ? QStringLiteral("written as an extra column of the later rows")
                           : QStringLiteral("the file's header is completed at the end"))
                   << ")" << Qt::endl;
        }
    });
    QElapsedTimer clock;
    clock.start();
    const bool interrupted = runToEnd(run, session.loop);
    progress.show(progressText(outcome.progress), true);
    progress.end();
    const bool written = output.finish();
    session.flushHistory(io);

    const bool failedNoResponse = outcome.stop == PageRun::Stop::Failed && !outcome.last.capture.hasResponse &&
                                  outcome.last.capture.layer != FailureLayer::None;
    int status = ExitOk;
    if (outcome.stop == PageRun::Stop::Cancelled || failedNoResponse)
        status = ExitNoResponse;
    else if (outcome.stop == PageRun::Stop::Failed || outcome.stop == PageRun::Stop::QuotaExhausted ||
             outcome.stop == PageRun::Stop::WriteFailed || !written)
        status = ExitFound;

    QString where =
        QStringLiteral("%1 records in %2 pages").arg(number(outcome.progress.records), number(outcome.progress.pages));
    if (output.path != QLatin1String("-"))
        where += QStringLiteral(" written to %1").arg(output.path);
    if (outcome.stop == PageRun::Stop::Done) {
        io.err << "leadgen-diag send: done: " << where << Qt::endl;
    } else {
        io.err << "leadgen-diag send: " << (interrupted ? QStringLiteral("interrupted") : outcome.message) << Qt::endl;
        io.err << "leadgen-diag send: stopped at offset " << outcome.resumeOffset << " after " << where
               << "; continue with: --resume-offset " << outcome.resumeOffset << Qt::endl;
    }
    if (!written)
        io.err << "leadgen-diag send: writing " << output.path << " failed: " << output.sink->errorString() << Qt::endl;

    if (context.json) {
        QJsonObject out = runJson(context, session, clock.elapsed(), outcome.progress.pages, outcome.progress.records,
                                  outcome.progress, outcome.stop, outcome.message);
        out.insert(QStringLiteral("resume_offset"),
                   outcome.resumeOffset >= 0 ? QJsonValue(outcome.resumeOffset) : QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("late_keys"), QJsonArray::fromStringList(output.sink->lateKeys()));
        out.insert(QStringLiteral("columns"), QJsonArray::fromStringList(output.sink->header()));
        printJson(io, out, context.secret);
    }
    return status;
}

// Asks before a bulk mutation of a real environment; true when it may go.
bool confirmMutation(const BulkOptions& options, const BulkSend::Context& context, const QString& method, int objects,
                     CliIo& io)
{
    if (options.yes || context.simulator)
        return true;
    const QString what =
        QStringLiteral("%1 %2 with %3 to “%4” (account %5)")
            .arg(number(objects), objects == 1 ? QStringLiteral("object") : QStringLiteral("objects"), method,
                 context.environmentName.isEmpty() ? context.base.endpoint.host() : context.environmentName,
                 context.accountId);
    if (!isTerminal(stdin)) {
        io.err << "leadgen-diag send: this would send " << what
               << "; standard input is not a terminal, so pass --yes to confirm" << Qt::endl;
        return false;
    }
    io.err << "Send " << what << "? [y/N] " << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

int runBatch(const BulkOptions& options, const BulkSend::Context& context, const MethodSpec& method,
             QJsonObject envelope, CliIo& io)
{
    QJsonObject params = envelope.value(QStringLiteral("params")).toObject();
    const bool importing = !options.objectsCsv.isEmpty();
    ObjectImportPlan plan;
    if (importing) {
        QString readError;
        if (!plan.readCsv(options.objectsCsv, &readError))
            return usageError(io, readError);
        const QList<ObjectCsvImport::Column> columns = ObjectCsvImport::mapHeader(plan.header(), method.objectType);
        const QStringList unknown = ObjectCsvImport::unknownColumnTexts(columns);
        if (!unknown.isEmpty()) {
            if (options.strict)
                return usageError(io, QStringLiteral("columns that match no %1 field (--strict): %2")
                                          .arg(method.objectType, unknown.join(QStringLiteral(", "))));
            for (const QString& text : unknown)
                io.err << "leadgen-diag send: column " << text << " matches no " << method.objectType
                       << " field; left out" << Qt::endl;
        }
        plan.mapRows(columns);
    } else {
        plan.setObjects(params.value(QStringLiteral("objects")).toArray());
    }
    const QJsonArray& all = plan.objects();

    // Lint every object: one with an error the API would answer for that object alone is not
    // sent and gets the prediction at its row (duplicates are left to the service: it knows
    // the addresses already taken).
    {
        LintContext lintContext;
        lintContext.environment =
            context.simulator ? LintContext::Environment::Simulator : LintContext::Environment::Unknown;
        const int notSent = plan.lint(envelope, lintContext);
        if (notSent)
            io.err << "leadgen-diag send: " << notSent << " of " << all.size()
                   << " objects not sent: lint predicts an error for each (see their rows)" << Qt::endl;
    }
    const QJsonArray& toSend = plan.toSend();

    if (!confirmMutation(options, context, method.name, int(toSend.size()), io))
        return ExitUsage;

    RecordOutput output;
    QString error;
    if (!options.csvOut.isEmpty() || !options.jsonlOut.isEmpty()) {
        const bool csv = !options.csvOut.isEmpty();
        if (!output.open(csv ? options.csvOut : options.jsonlOut,
                         csv ? RecordSink::Format::Csv : RecordSink::Format::Jsonl, {}, options.excelBom, io, &error))
            return usageError(io, error);
    }

    const int chunk = options.split > 0 ? options.split : BatchRun::defaultChunkSize(toSend);
    Session session(options, context, BulkCallRecorder::kChunkBodyLimit);
    envelope.insert(QStringLiteral("params"), params);
    BatchRun run(session.caller.get(), context.base, envelope, toSend, method, chunk);
    QJsonArray objectsJson;
    int failedObjects = 0;
    QObject::connect(&run, &BatchRun::chunkDone, &run, [&](const QList<BatchRun::ObjectResult>& results) {
        for (const BatchRun::ObjectResult& r : results) {
            const int index = plan.setResult(r);
            if (!r.success)
                ++failedObjects;
            const QList<RecordSink::Field> fields =
                RecordExport::objectResult(index, r.success, r.id, r.code, r.message);
            if (output.sink)
                output.sink->writeFields(fields);
            if (context.json) {
                QJsonObject o;
                for (const RecordSink::Field& field : fields)
                    o.insert(field.first, field.second);
                objectsJson.append(o);
            }
        }
    });
    ProgressLine progress(!options.quiet && isTerminal(stderr));
    QObject::connect(&run, &BatchRun::progressed, &run, [&](const BatchRun::Progress& p) {
        QString text = QStringLiteral("%1/%2 calls · %3/%4 objects · %5 failed · %6 s")
                           .arg(p.chunks)
                           .arg(p.chunkCount)
                           .arg(number(p.objectsDone), number(p.objects))
                           .arg(p.failed)
                           .arg(double(p.elapsedMs) / 1000.0, 0, 'f', 1);
        if (p.retries)
            text += QStringLiteral(" · %1 retries (107)").arg(p.retries);
        progress.show(text);
    });
    BatchRun::Outcome outcome;
    QObject::connect(&run, &BatchRun::finished, &run, [&](const BatchRun::Outcome& o) {
        outcome = o;
        session.loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    const bool interrupted = runToEnd(run, session.loop);
    progress.end();
    const bool written = output.finish();
    session.flushHistory(io);

    // Objects never sent (the run stopped) keep an explicit row.
    const int unsent = plan.markUnsent();
    if (importing) {
        QFile results(options.resultsPath());
        QString writeError;
        if (!results.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            !plan.writeResultsCsv(&results, options.excelBom, &writeError)) {
            io.err << "leadgen-diag send: cannot write " << options.resultsPath() << ": "
                   << (writeError.isEmpty() ? results.errorString() : writeError) << Qt::endl;
        }
    }

    const int blocked = int(all.size() - toSend.size());
    const QString summary =
        QStringLiteral("%1 objects in %2 calls of up to %3: %4 succeeded, %5 failed%6%7")
            .arg(number(all.size()))
            .arg(outcome.progress.chunks)
            .arg(chunk)
            .arg(number(outcome.progress.objectsDone - outcome.progress.failed))
            .arg(number(failedObjects + blocked))
            .arg(unsent ? QStringLiteral(", %1 not sent").arg(number(unsent)) : QString())
            .arg(importing ? QStringLiteral("; results in %1").arg(options.resultsPath()) : QString());
    if (outcome.stop != BatchRun::Stop::Done) {
        io.err << "leadgen-diag send: " << (interrupted ? QStringLiteral("interrupted") : outcome.message) << Qt::endl;
        io.err << "leadgen-diag send: stopped at object "
               << (outcome.firstUnsent >= 0 ? plan.originalIndex(outcome.firstUnsent) : -1)
               << "; the objects from there on were not sent" << Qt::endl;
    }
    io.err << "leadgen-diag send: " << summary << Qt::endl;
    if (!context.json && !importing && output.path != QLatin1String("-")) {
        // The failed objects, one line each, with the catalogue's fix.
        for (int i = 0; i < all.size(); ++i) {
            const QStringList r = plan.result(i);
            if (r.value(0) == QLatin1String("true"))
                continue;
            io.out << "object " << i << ": " << (r.value(2).isEmpty() ? QString() : r.value(2) + QStringLiteral(" "))
                   << r.value(3);
            if (!r.value(4).isEmpty())
                io.out << " — " << r.value(4);
            io.out << '\n';
        }
        io.out.flush();
    }

    int status = ExitOk;
    if (outcome.stop == BatchRun::Stop::Cancelled)
        status = ExitNoResponse;
    else if (outcome.stop != BatchRun::Stop::Done || failedObjects + blocked > 0 || !written)
        status = ExitFound;
    if (context.json) {
        QJsonObject out = runJson(context, session, clock.elapsed(), outcome.progress.chunks,
                                  outcome.progress.objectsDone, outcome.progress, outcome.stop, outcome.message);
        out.insert(QStringLiteral("objects"), objectsJson);
        out.insert(QStringLiteral("failed"), failedObjects + blocked);
        out.insert(QStringLiteral("late_keys"),
                   QJsonArray::fromStringList(output.sink ? output.sink->lateKeys() : QStringList()));
        printJson(io, out, context.secret);
    }
    return status;
}
} // namespace

QByteArray BulkSend::importEnvelope(const QString& method)
{
    QJsonObject params;
    params.insert(QStringLiteral("objects"), QJsonArray());
    QJsonObject envelope;
    envelope.insert(QStringLiteral("method"), method);
    envelope.insert(QStringLiteral("params"), params);
    envelope.insert(QStringLiteral("id"), QStringLiteral("import"));
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

int BulkSend::refuseOversizedBatch(const QByteArray& body, bool json, CliIo& io)
{
    const std::optional<RequestEnvelope> envelope = RequestEnvelope::parse(body);
    if (!envelope)
        return -1;
    const MethodSpec* method = MethodCatalog::builtin().byName(envelope->method());
    if (!method || !method->batch || method->maxObjects <= 0)
        return -1;
    const QJsonValue objects = envelope->object().value(QStringLiteral("params"))[QLatin1String("objects")];
    if (!objects.isArray() || objects.toArray().size() <= method->maxObjects)
        return -1;
    const QList<LintFinding> findings = RequestLinter().lint(body);
    for (const LintFinding& finding : findings) {
        if (finding.predictedCode != 209)
            continue;
        if (json) {
            QJsonObject out;
            out.insert(QStringLiteral("refused"), true);
            out.insert(QStringLiteral("findings"), QJsonArray{finding.toJson()});
            io.out << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
            io.out.flush();
        }
        io.err << "leadgen-diag send: not sent: " << finding.path << ": " << finding.message
               << " (the API would answer " << finding.predictedCode << ")\n"
               << "  fix: " << finding.fix << " — or pass --split N to send them in calls of N" << Qt::endl;
        return ExitFound;
    }
    return -1;
}

int BulkSend::run(const BulkOptions& options, const Context& context, CliIo& io)
{
    const std::optional<RequestEnvelope> parsed = RequestEnvelope::parse(context.body);
    if (!parsed)
        return usageError(io, QStringLiteral("bulk options need a JSON request envelope"));
    const QString methodName = parsed->method();
    const MethodSpec* method = MethodCatalog::builtin().byName(methodName);
    if (!method) {
        const QStringList close = MethodCatalog::builtin().closestNames(methodName);
        return usageError(
            io,
            QStringLiteral("unknown method “%1”%2")
                .arg(methodName, close.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (did you mean %1?)").arg(close.join(QStringLiteral(", ")))));
    }
    const QJsonObject envelope = parsed->object();
    if (options.split > 0 || !options.objectsCsv.isEmpty()) {
        if (!method->batch)
            return usageError(
                io, QStringLiteral("%1 takes no objects list: --split and --objects-csv are for batch methods "
                                   "(createLeads, updateLeads, deleteLeads, …)")
                        .arg(method->name));
        return runBatch(options, context, *method, envelope, io);
    }
    if (method->batch) {
        if (const int refused = refuseOversizedBatch(context.body, context.json, io); refused >= 0)
            return refused;
        return runBatch(options, context, *method, envelope, io);
    }
    if (!PageRun::supports(*method))
        return usageError(
            io,
            QStringLiteral("%1 is not paginated (methods.json): --all-pages, --csv and --jsonl are for methods with "
                           "limit/offset such as getLeads")
                .arg(method->name));
    return runPages(options, context, *method, envelope, io);
}
