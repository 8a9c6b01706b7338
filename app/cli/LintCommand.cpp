#include "LintCommand.h"

#include "RequestLinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// `leadgen-diag lint FILE|- [--json]` (docs/design.md, Command line): predicts the errors of a request envelope.
// Exit 1 when an error-severity finding exists, 0 otherwise, 2 for usage errors and unreadable
// input. Invalid JSON is a finding (101), not unreadable input.
CliCommandDoc LintCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Predicts what the API would reject in a request envelope before it is sent: unknown methods,\n"
        "misspelt fields, missing parameters, more than 500 objects, invalid JSON (101), ... Each finding\n"
        "names the code it predicts and how sure it is. Exit status 1 when an error is predicted.");
    d.options = {
        {QStringLiteral("--max-size SIZE"),
         QStringLiteral("refuse inputs larger than SIZE bytes (K, M, G suffixes; at most 4G)"), QStringLiteral("1G")},
        {QStringLiteral("--json"), QStringLiteral("print one JSON document with every finding"), {}},
    };
    d.examples = {
        QStringLiteral("lint request.json"),
        QStringLiteral("lint - --json < request.json"),
    };
    return d;
}

int LintCommand::run(const QStringList& args, CliIo& io)
{
    bool json = false;
    qint64 maxSize = kDefaultMaxSize;
    QStringList files;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--max-size") || arg.startsWith(QLatin1String("--max-size="))) {
            const QString text = arg.contains(QLatin1Char('=')) ? arg.section(QLatin1Char('='), 1)
                                 : i + 1 < args.size()          ? args.at(++i)
                                                                : QString();
            const std::optional<qint64> size = parseSize(text);
            if (!size)
                return usageError(
                    io, name(),
                    QStringLiteral("--max-size needs a size such as 500M or 2G (at most 4G), not '%1'").arg(text));
            maxSize = *size;
        } else if (arg.startsWith(QLatin1String("--")) ||
                   (arg.startsWith(QLatin1Char('-')) && arg != QLatin1String("-"))) {
            return usageError(io, name(), QStringLiteral("unknown option %1").arg(arg));
        } else {
            files.append(arg);
        }
    }
    if (files.size() != 1)
        return usageError(io, name(),
                          files.isEmpty() ? QStringLiteral("missing FILE (use - for standard input)")
                                          : QStringLiteral("expected one FILE, got %1").arg(files.size()));

    const std::optional<QByteArray> body = readInput(files.first(), io, maxSize);
    if (!body)
        return ExitUsage;

    const RequestLinter linter;
    const QList<LintFinding> findings = linter.lint(*body, LintContext{});
    qint64 errors = 0;
    qint64 warnings = 0;
    RequestLinter::countFindings(findings, &errors, &warnings);
    const int predicted = RequestLinter::predictedResponseCode(findings);

    if (json) {
        QJsonArray array;
        for (const LintFinding& f : findings)
            array.append(f.toJson());
        const QJsonObject document{
            {QStringLiteral("findings"), array},
            {QStringLiteral("predicted_code"), predicted ? QJsonValue(predicted) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("warnings"), warnings},
        };
        io.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    } else {
        const QString source = files.first() == QLatin1String("-") ? QStringLiteral("<stdin>") : files.first();
        for (const LintFinding& f : findings) {
            io.out << source;
            if (f.line > 0)
                io.out << ':' << f.line << ':' << f.column;
            io.out << ": " << f.severityName();
            if (f.predictedCode) {
                io.out << ' ' << f.predictedCode;
                if (!f.codeMessage.isEmpty())
                    io.out << " (" << f.codeMessage << ')';
            }
            io.out << " at " << f.path << '\n';
            io.out << "  " << f.message << '\n';
            io.out << "  fix: " << f.fix << '\n';
            if (f.omitted > 0)
                io.out << "  … and " << f.omitted << " more like this (" << f.rule << "), not listed\n";
        }
        if (findings.isEmpty())
            io.out << source << ": no problems found\n";
        else {
            io.out << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                   << (warnings == 1 ? " warning" : " warnings");
            if (predicted)
                io.out << "; the API would most likely answer " << predicted;
            io.out << '\n';
        }
    }
    io.out.flush();
    return errors > 0 ? ExitFound : ExitOk;
}
