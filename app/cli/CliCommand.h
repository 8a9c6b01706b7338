#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <optional>

// Exit status contract (docs/design.md, Command line).
enum CliExit : int
{
    ExitOk = 0,         // ran, nothing wrong found (explain: at least one match)
    ExitFound = 1,      // ran and found errors (explain: no match)
    ExitUsage = 2,      // usage error or unreadable input
    ExitNoResponse = 3, // send got no HTTP response
};

// Where a command reads and writes; tests substitute buffers for the real streams.
struct CliIo
{
    QTextStream& out;
    QTextStream& err;
    // Reads all of stdin ("-" as FILE). Replaceable in tests.
    std::function<QByteArray()> readStdin;
};

// One subcommand. run() receives the arguments after the subcommand name and must leave stdout
// empty except for the result (one JSON document with --json).
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString synopsis() const = 0; // one usage line, without the program name
    virtual int run(const QStringList& args, CliIo& io) = 0;

protected:
    // Reads FILE or "-" (stdin); on failure writes one line to io.err and returns nullopt.
    static std::optional<QByteArray> readInput(const QString& pathOrDash, CliIo& io);
    static int usageError(CliIo& io, const QString& command, const QString& message);
    // Columns for wrapped text output: $COLUMNS when it holds a sensible number, else 100.
    static int terminalWidth();
};
