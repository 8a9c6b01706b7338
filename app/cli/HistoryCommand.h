#pragma once

#include "CliCommand.h"

#include <memory>
#include <optional>

class HistoryStore;

// `leadgen-diag history [filters] [--json]`, `history show ID`, `history diff ID1 ID2`,
// `history prune [--keep-days N] [--max-mb N]` (docs/design.md, Call history): reads the
// database the GUI and `send` record into. Exit 0 ran, 2 usage or unreadable database.
class HistoryCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("history"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "history [--method M] [--code N|KEY] [--verdict V] [--env NAME] [--since T] [--until T] "
            "[--search TEXT] [--limit N] [--json] | history show ID [--json] | history diff ID1 ID2 "
            "[--json] | history prune [--keep-days N] [--max-mb N] | history export-har (--last N | --calls ID,ID... | "
            "--since T) -o FILE");
    }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;

    // T as `YYYY-MM-DD` (the start of that day, or its end when endOfDay; UTC) or ISO 8601.
    static std::optional<qint64> parseTime(const QString& text, bool endOfDay);
    // The database, or nullptr with the reason on io.err (history off, unreadable).
    static std::unique_ptr<HistoryStore> openStore(CliIo& io, const QString& command);

private:
    int list(const QStringList& args, CliIo& io);
    int show(const QStringList& args, CliIo& io);
    int diff(const QStringList& args, CliIo& io);
    int prune(const QStringList& args, CliIo& io);
    int exportHar(const QStringList& args, CliIo& io); // HistoryExportHar.cpp
};
