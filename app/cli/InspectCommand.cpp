#include "InspectCommand.h"

#include "JsonIndex.h"
#include "ResponseAnalyzer.h"

#include <QJsonDocument>
#include <QJsonObject>

// leadgen-diag inspect FILE|- [--request FILE] [--http-status N] [--json] (docs/design.md, Command line).
// FILE is mapped, not read, so a 1 GB response costs its size once.
int InspectCommand::run(const QStringList& args, CliIo& io)
{
    QString input;
    QString requestPath;
    std::optional<int> httpStatus;
    bool json = false;

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
        const std::optional<QByteArray> bytes = readInput(requestPath, io);
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

    JsonIndex index;
    if (input == QLatin1String("-")) {
        index = JsonIndex::fromBytes(io.readStdin ? io.readStdin() : QByteArray());
    } else {
        index = JsonIndex::fromFile(input);
        if (index.status() == JsonIndex::Status::Unreadable) {
            io.err << "leadgen-diag: cannot read " << input << ": " << index.errorMessage() << Qt::endl;
            return ExitUsage;
        }
    }
    if (index.status() == JsonIndex::Status::TooLarge) {
        io.err << "leadgen-diag inspect: cannot inspect " << input << ": " << index.errorMessage() << Qt::endl;
        return ExitUsage;
    }

    const Diagnosis diagnosis = ResponseAnalyzer().analyze(index, context);
    if (json)
        io.out << QString::fromUtf8(QJsonDocument(diagnosis.toJson()).toJson(QJsonDocument::Indented));
    else
        io.out << diagnosis.toText();
    io.out.flush();
    return diagnosis.hasErrors() ? ExitFound : ExitOk;
}
