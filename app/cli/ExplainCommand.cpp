#include "ExplainCommand.h"

#include "ErrorCatalog.h"
#include "TextWrap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

CliCommandDoc ExplainCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Looks the error catalogue up: a code (105), a code in hex (0x69), a symbolic name (ENTRY_EXISTS),\n"
        "words and synonyms (throttle, \"api key\", duplicate), a method name, or pasted text containing a\n"
        "code (a whole response works). The words are joined into one query; - reads it from standard\n"
        "input. Strong matches are printed in full, wrapped to $COLUMNS, weaker ones one line each.\n"
        "Exit status 0 with a match, 1 without.");
    d.options = {
        {QStringLiteral("--json"),
         QStringLiteral("print one JSON document: {\"query\", \"matches\": [entry, score, reason]}"),
         {}},
        {QStringLiteral("--"),
         QStringLiteral("end of options: what follows is query text even if it starts with --"),
         {}},
    };
    d.examples = {
        QStringLiteral("explain 105"),
        QStringLiteral("explain '\"code\": 301' --json"),
        QStringLiteral("explain rate limit"),
        QStringLiteral("explain - < response.json"),
    };
    return d;
}

int ExplainCommand::run(const QStringList& args, CliIo& io)
{
    bool json = false;
    bool optionsEnded = false;
    QStringList words;
    for (const QString& arg : args) {
        if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (!optionsEnded && arg == QLatin1String("--json")) {
            json = true;
        } else if (!optionsEnded && arg.startsWith(QLatin1String("--"))) {
            return usageError(io, name(), QStringLiteral("unknown option %1").arg(arg));
        } else {
            words.append(arg);
        }
    }
    QString query = words.join(QLatin1Char(' ')).trimmed();
    // "-" reads the query from stdin: whole responses and log excerpts are awkward to quote.
    if (words == QStringList{QStringLiteral("-")}) {
        const std::optional<QByteArray> input = readInput(QStringLiteral("-"), io);
        if (!input)
            return ExitUsage;
        query = QString::fromUtf8(*input).trimmed();
    }
    if (query.isEmpty())
        return usageError(io, name(),
                          QStringLiteral("no query given (a code such as 105, a name, words or pasted text)"));

    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    const QList<ErrorCatalog::Match> matches = catalog.search(query);

    if (json) {
        QJsonArray array;
        for (const ErrorCatalog::Match& m : matches) {
            QJsonObject entry = m.entry->toJson();
            entry.insert(QStringLiteral("score"), m.score);
            entry.insert(QStringLiteral("reason"), m.reason);
            array.append(entry);
        }
        const QJsonObject root{{QStringLiteral("query"), query}, {QStringLiteral("matches"), array}};
        io.out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
        return matches.isEmpty() ? ExitFound : ExitOk;
    }

    if (matches.isEmpty()) {
        const int width = terminalWidth();
        io.out << TextWrap::wrapped(QStringLiteral("No catalogue entry matches \"%1\".").arg(query), width) << '\n'
               << TextWrap::wrapped(QStringLiteral("Try a code (105), hex (0x69), a name (ENTRY_EXISTS), words "
                                                   "(\"rate limit\"), a method name (getLeads) or a pasted "
                                                   "response (explain - < response.json)."),
                                    width)
               << '\n';
        return ExitFound;
    }
    const int width = terminalWidth();
    // Strong matches are printed in full; weak ones (a word found in a summary, "any method")
    // as one line each, so an exact hit is not buried under twenty incidental ones.
    const int fullThreshold = matches.first().score * 6 / 10;
    int full = 0;
    QList<ErrorCatalog::Match> rest;
    for (const ErrorCatalog::Match& m : matches) {
        if (m.score < fullThreshold) {
            rest.append(m);
            continue;
        }
        if (full++ > 0)
            io.out << '\n' << QString(qMin(width, 40), QLatin1Char('-')) << "\n\n";
        if (matches.size() > 1)
            io.out << TextWrap::wrapped(
                          QStringLiteral("Match %1 of %2: %3").arg(full).arg(matches.size()).arg(m.reason), width)
                   << "\n\n";
        io.out << m.entry->toPlainText(width);
    }
    if (!rest.isEmpty()) {
        io.out << '\n'
               << TextWrap::wrapped(QStringLiteral("%1 weaker match(es); run `leadgen-diag explain ID` for details:")
                                        .arg(rest.size()),
                                    width)
               << '\n';
        int idWidth = 0;
        for (const ErrorCatalog::Match& m : rest)
            idWidth = qMax(idWidth, int(m.entry->displayId().size()));
        for (const ErrorCatalog::Match& m : rest) {
            const QString head = QStringLiteral("  %1  ").arg(m.entry->displayId(), -idWidth);
            io.out << TextWrap::wrapped(m.entry->title + QStringLiteral(" (") + m.reason + QLatin1Char(')'), width,
                                        head, QString(head.size(), QLatin1Char(' ')))
                   << '\n';
        }
    }
    return ExitOk;
}
