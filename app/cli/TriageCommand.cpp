#include "TriageCommand.h"

#include "CustomerReply.h"
#include "ImportSource.h"
#include "Triage.h"

#include <QJsonDocument>

CliCommandDoc TriageCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Summarises what a customer sent: HAR files (browser developer tools, Charles, Fiddler, Insomnia),\n"
        "JSON Lines logs (one {\"request\", \"response\", \"http_status\", \"time\"} record or a bare response per\n"
        "line), support bundles and folders of response files. The API's calls (POST to .../pubapi/v1...)\n"
        "are diagnosed one by one, streaming, and counted by verdict, by error code and by method, with the\n"
        "first and last time each code was seen and one example call. Lines or entries that cannot be read\n"
        "are listed with their line number and skipped. A secret key found in a file is masked everywhere\n"
        "and reported on stderr: rotate it.");
    d.options = {
        {QStringLiteral("--json"),
         QStringLiteral("print one JSON document: calls, api_calls, verdicts, by_code, by_method, malformed"),
         {}},
        {QStringLiteral("--reply"),
         QStringLiteral("after the summary, a plain-language Markdown explanation per code for the customer (what "
                        "happened, where, why, what to change, a corrected request when one can be made)"),
         {}},
    };
    d.examples = {
        QStringLiteral("triage session.har"),
        QStringLiteral("triage api-2026-11.jsonl --json"),
        QStringLiteral("triage responses/ ticket-4711.lgdbundle --reply"),
    };
    return d;
}

int TriageCommand::run(const QStringList& args, CliIo& io)
{
    bool json = false;
    bool reply = false;
    QStringList paths;
    for (const QString& arg : args) {
        if (arg == QLatin1String("--json"))
            json = true;
        else if (arg == QLatin1String("--reply"))
            reply = true;
        else if (arg.startsWith(QLatin1String("--")))
            return usageError(io, name(), QStringLiteral("unknown option %1").arg(arg));
        else
            paths.append(arg);
    }
    if (paths.isEmpty())
        return usageError(io, name(), QStringLiteral("triage needs at least one FILE or folder"));
    if (json && reply)
        return usageError(io, name(), QStringLiteral("--reply writes Markdown; it cannot be combined with --json"));

    Triage triage;
    // Calls are diagnosed in batches, in parallel (Triage::addCalls), and counted in order.
    std::vector<ImportedCall> pending;
    const auto flush = [&] {
        triage.addCalls(pending);
        pending.clear();
    };
    ImportSource::Handlers handlers;
    handlers.call = [&](ImportedCall&& call) {
        pending.push_back(std::move(call));
        if (pending.size() >= 1024)
            flush();
        return true;
    };
    handlers.problem = [&triage](const QString& source, qint64 line, const QString& message) {
        triage.addProblem(source, line, message);
    };
    handlers.secret = [&triage](const QString& source) { triage.addSecretSource(source); };
    bool unreadable = false;
    for (const QString& path : std::as_const(paths)) {
        QString error;
        if (!ImportSource::read(path, handlers, &error)) {
            io.err << name() << ": " << error << '\n';
            unreadable = true;
        }
        flush();
    }
    for (const QString& source : triage.secretSources())
        io.err << name() << ": " << source
               << " carried a secret key; it was masked in everything shown here. Rotate that key: anyone who has "
                  "the file can use it.\n";
    if (json)
        io.out << QString::fromUtf8(QJsonDocument(triage.toJson()).toJson(QJsonDocument::Indented));
    else
        io.out << triage.toText();
    if (reply) {
        for (const Triage::CodeRow& row : triage.codeRows()) {
            io.out << "\n---\n\n## " << row.codeText() << "\n\n"
                   << CustomerReply::forCode(row.codeText(), row.example, row.count, row.firstMs, row.lastMs);
        }
    }
    if (unreadable)
        return ExitUsage;
    for (auto it = triage.verdicts().cbegin(); it != triage.verdicts().cend(); ++it) {
        if (it.key() != QLatin1String("ok") && it.key() != QLatin1String("body_not_recorded") && it.value() > 0)
            return ExitFound;
    }
    return ExitOk;
}
