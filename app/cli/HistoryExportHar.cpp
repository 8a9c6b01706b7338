#include "HarWriter.h"
#include "HistoryCommand.h"
#include "HistorySelection.h"

// `history export-har (--last N | --calls ID,ID... | --since T) -o FILE`: recorded calls as HAR 1.2
// for other tools; kept apart from HistoryCommand.cpp, which reads and prunes the history.
int HistoryCommand::exportHar(const QStringList& args, CliIo& io)
{
    QString error;
    const std::optional<HistorySelection> selection = HistorySelection::parse(args, false, &error);
    if (!selection)
        return usageError(io, name(), QStringLiteral("history export-har: %1").arg(error));
    const std::optional<QList<HistoryRecord>> calls = selection->load(io, name());
    if (!calls)
        return ExitUsage;
    if (!HarWriter::write(selection->output, *calls, &error)) {
        io.err << name() << ": " << error << '\n';
        return ExitUsage;
    }
    io.out << "Wrote " << calls->size() << (calls->size() == 1 ? " call" : " calls") << " as HAR 1.2 to "
           << selection->output << " (secret key masked).\n";
    return ExitOk;
}
