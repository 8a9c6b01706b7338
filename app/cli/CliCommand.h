#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
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
    // Opens stdin ("-" as FILE) for reading. Replaceable in tests.
    std::function<std::unique_ptr<QIODevice>()> openStdin;
};

// One option of a subcommand as its --help and the man page describe it.
struct CliOptionDoc
{
    QString flags;        // as typed, with the value's name: "--env NAME", "--json"
    QString description;  // what it does, one or two sentences
    QString defaultValue; // empty when the option has no default worth naming
};

// A verb of a command with options of its own (`history show ID [--json]`).
struct CliSubcommandDoc
{
    QString usage;   // without the program name: "history show ID [--json]"
    QString summary; // one or two sentences
    QList<CliOptionDoc> options;
};

// What `leadgen-diag COMMAND --help` prints besides the usage line. The man page has one
// section per command and per subcommand with one entry per option; tst_clidocs compares them.
struct CliCommandDoc
{
    QString summary; // what the command is for, a short paragraph
    QList<CliOptionDoc> options;
    QList<CliSubcommandDoc> subcommands;
    QStringList examples; // command lines without the leading "leadgen-diag "
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
    // Options and examples for --help (and the man page, which a test keeps in step).
    virtual CliCommandDoc doc() const { return {}; }
    // The full --help text: usage, summary, every option with its default, examples.
    QString helpText() const;

    // Default of --max-size: every input (file, stdin, decompressed gzip) stops here while being
    // read. The index itself supports up to JsonIndex::maxDocumentSize().
    static constexpr qint64 kDefaultMaxSize = qint64(1) << 30;

protected:
    // Reads FILE or "-" (stdin), at most maxSize bytes (checked while reading, so /dev/zero or an
    // endless pipe stop there); a directory is refused. On failure writes one line to io.err and
    // returns nullopt.
    static std::optional<QByteArray> readInput(const QString& pathOrDash, CliIo& io, qint64 maxSize = kDefaultMaxSize);
    // Standard input as a device (an empty one when the I/O has none).
    static std::unique_ptr<QIODevice> openStdin(CliIo& io);
    // A --max-size value: bytes, or with a K, M or G suffix (powers of 1024); nullopt when invalid
    // or beyond what the index supports.
    static std::optional<qint64> parseSize(const QString& text);
    static QString maxSizeHint(qint64 maxSize);
    static int usageError(CliIo& io, const QString& command, const QString& message);
    // Columns for wrapped text output: $COLUMNS when it holds a sensible number, else 100.
    static int terminalWidth();
};
