#pragma once

#include "CliCommand.h"
#include "HistoryRecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Which recorded calls `bundle create` and `history export-har` take: `--last N`, `--calls
// ID,ID...` or `--since T` (exactly one), and `-o FILE`. Shared so both read the history alike.
struct HistorySelection
{
    int last = 0;
    QList<qint64> ids;
    qint64 sinceMs = -1;
    QString output;
    bool anonymize = false;

    // Parses the arguments (allowAnonymize: `--anonymize` is accepted); nullopt with a message.
    static std::optional<HistorySelection> parse(const QStringList& args, bool allowAnonymize, QString* error);
    // The calls, oldest first, bodies and findings included; nullopt after writing why to io.err.
    std::optional<QList<HistoryRecord>> load(CliIo& io, const QString& command) const;
};
