#include "BundleCommand.h"

#include "CustomerReply.h"
#include "HistorySelection.h"
#include "SupportBundle.h"

#include <QJsonDocument>

CliCommandDoc BundleCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Packs recorded calls into one .lgdbundle file for a support ticket: masked URL, request, response,\n"
        "headers, timing, verdict and findings of each call, a manifest (app and catalogue versions, OS,\n"
        "creation time) and a Markdown summary. The secret key is never included. `bundle show` lists a\n"
        "bundle's calls (or prints them as JSON); the GUI opens bundles with File > Open.");
    d.subcommands = {
        {QStringLiteral("bundle create (--last N | --calls ID,ID... | --since T) [--anonymize] -o FILE"),
         QStringLiteral("Writes the chosen calls of the call history into one bundle file."),
         {{QStringLiteral("--last N"), QStringLiteral("the N most recent calls"), {}},
          {QStringLiteral("--calls ID,ID..."), QStringLiteral("these calls (IDs as `history` shows them)"), {}},
          {QStringLiteral("--since T"), QStringLiteral("every call from T on (YYYY-MM-DD or ISO 8601, UTC)"), {}},
          {QStringLiteral("--anonymize"),
           QStringLiteral("replace email addresses, names, phone numbers, street addresses and other free-text "
                          "values by placeholders (the same value always gets the same placeholder); ids are kept"),
           QStringLiteral("off")},
          {QStringLiteral("-o FILE"), QStringLiteral("where to write the bundle"), {}}}},
        {QStringLiteral("bundle show FILE [--json] [--reply N]"),
         QStringLiteral("Lists a bundle's calls with their verdicts, or prints them as JSON."),
         {{QStringLiteral("--json"),
           QStringLiteral("print {format, version, manifest, summary, calls} with the `history show --json` object "
                          "of each call"),
           {}},
          {QStringLiteral("--reply N"),
           QStringLiteral("the plain-language explanation for the customer of call N (1-based)"),
           {}}}},
    };
    d.examples = {
        QStringLiteral("bundle create --last 5 -o ticket-4711.lgdbundle"),
        QStringLiteral("bundle create --calls 812,815 --anonymize -o ticket-4711.lgdbundle"),
        QStringLiteral("bundle show ticket-4711.lgdbundle --json"),
    };
    return d;
}

int BundleCommand::run(const QStringList& args, CliIo& io)
{
    const QString verb = args.value(0);
    if (verb == QLatin1String("create"))
        return create(args.mid(1), io);
    if (verb == QLatin1String("show"))
        return show(args.mid(1), io);
    return usageError(io, name(), QStringLiteral("bundle create ... or bundle show FILE (see bundle --help)"));
}

int BundleCommand::create(const QStringList& args, CliIo& io)
{
    QString error;
    const std::optional<HistorySelection> selection = HistorySelection::parse(args, true, &error);
    if (!selection)
        return usageError(io, name(), error);
    const std::optional<QList<HistoryRecord>> calls = selection->load(io, name());
    if (!calls)
        return ExitUsage;
    const SupportBundle bundle = SupportBundle::make(*calls, selection->anonymize);
    if (!bundle.write(selection->output, &error)) {
        io.err << name() << ": " << error << '\n';
        return ExitUsage;
    }
    io.out << "Wrote " << bundle.calls.size() << (bundle.calls.size() == 1 ? " call" : " calls") << " to "
           << selection->output << (selection->anonymize ? " (personal data replaced by placeholders)" : "") << ".\n";
    return ExitOk;
}

int BundleCommand::show(const QStringList& args, CliIo& io)
{
    bool json = false;
    int reply = 0;
    QString path;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--reply") && i + 1 < args.size()) {
            bool ok = false;
            reply = args.at(++i).toInt(&ok);
            if (!ok || reply <= 0)
                return usageError(io, name(), QStringLiteral("--reply needs a call number from 1"));
        } else if (path.isEmpty() && !arg.startsWith(QLatin1String("--"))) {
            path = arg;
        } else {
            return usageError(io, name(),
                              QStringLiteral("bundle show FILE [--json] [--reply N]: unexpected %1").arg(arg));
        }
    }
    if (path.isEmpty())
        return usageError(io, name(), QStringLiteral("bundle show needs a FILE"));
    QString error;
    const std::optional<SupportBundle> bundle = SupportBundle::read(path, &error);
    if (!bundle) {
        io.err << name() << ": " << error << '\n';
        return ExitUsage;
    }
    if (reply > 0) {
        if (reply > bundle->calls.size())
            return usageError(io, name(), QStringLiteral("the bundle has %1 calls").arg(bundle->calls.size()));
        io.out << CustomerReply::forCall(bundle->calls.at(reply - 1));
        return ExitOk;
    }
    if (json) {
        io.out << QString::fromUtf8(QJsonDocument(bundle->toJson()).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    io.out << bundle->summary;
    return ExitOk;
}
