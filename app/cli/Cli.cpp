#include "Cli.h"

#include "BundleCommand.h"
#include "ExplainCommand.h"
#include "HistoryCommand.h"
#include "InspectCommand.h"
#include "LintCommand.h"
#include "SendCommand.h"
#include "SimCommand.h"
#include "StatsCommand.h"
#include "TerminalOutput.h"
#include "TriageCommand.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace {
const char* const kCommandNames[] = {"bundle", "explain", "history", "inspect", "lint",
                                     "send",   "sim",     "stats",   "triage"};

bool isHelp(const QString& arg)
{
    return arg == QLatin1String("--help") || arg == QLatin1String("-h") || arg == QLatin1String("help");
}

bool isVersion(const QString& arg)
{
    return arg == QLatin1String("--version") || arg == QLatin1String("-v");
}
} // namespace

Cli::Cli()
{
    m_commands.push_back(std::make_unique<BundleCommand>());
    m_commands.push_back(std::make_unique<ExplainCommand>());
    m_commands.push_back(std::make_unique<HistoryCommand>());
    m_commands.push_back(std::make_unique<InspectCommand>());
    m_commands.push_back(std::make_unique<LintCommand>());
    m_commands.push_back(std::make_unique<SendCommand>());
    m_commands.push_back(std::make_unique<SimCommand>());
    m_commands.push_back(std::make_unique<StatsCommand>());
    m_commands.push_back(std::make_unique<TriageCommand>());
}

Cli::~Cli() = default;

bool Cli::wantsCli(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    if (isHelp(first) || isVersion(first))
        return true;
    for (const char* name : kCommandNames) {
        if (first == QLatin1String(name))
            return true;
    }
    return false;
}

int Cli::main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEADGEN_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliIo io{out, err, []() -> std::unique_ptr<QIODevice> {
                 auto in = std::make_unique<QFile>();
                 if (!in->open(stdin, QIODevice::ReadOnly))
                     return nullptr;
                 return in;
             }};
    Cli cli;
    const int status = cli.run(QCoreApplication::arguments().mid(1), io);
    out.flush();
    err.flush();
    return status;
}

CliCommand* Cli::command(const QString& name) const
{
    for (const auto& command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

QStringList Cli::commandNames() const
{
    QStringList names;
    for (const auto& command : m_commands)
        names << command->name();
    return names;
}

QString Cli::helpText() const
{
    QString text = QStringLiteral(
        "Usage:\n  leadgen-diag [FILE]                      start the GUI (FILE: a request or response to open)\n");
    for (const auto& command : m_commands)
        text += QStringLiteral("  leadgen-diag ") + command->synopsis() + QLatin1Char('\n');
    text += QStringLiteral("  leadgen-diag --version | --help\n\n"
                           "Exit status: 0 nothing wrong found, 1 errors found (explain: no match),\n"
                           "2 usage error or unreadable input, 3 send got no HTTP response.\n"
                           "send reads a real account's secret key from --secret-env VAR or the keychain, never from\n"
                           "the command line, and no command prints it (sim --secret only sets the simulator's\n"
                           "own demo key).\n");
    return text;
}

int Cli::run(const QStringList& args, CliIo& io)
{
    // Everything any command prints, on stdout and stderr, goes through TerminalOutput: one
    // place where terminal control characters from responses and requests are made visible.
    TerminalOutput outDevice(io.out);
    TerminalOutput errDevice(io.err);
    QTextStream out(&outDevice);
    QTextStream err(&errDevice);
    CliIo escaped{out, err, io.openStdin};
    const int status = dispatch(args, escaped);
    out.flush();
    err.flush();
    return status;
}

int Cli::dispatch(const QStringList& args, CliIo& io)
{
    if (args.isEmpty() || isHelp(args.first())) {
        io.out << helpText();
        return ExitOk;
    }
    if (isVersion(args.first())) {
        io.out << "leadgen-diag " << LEADGEN_VERSION << Qt::endl;
        return ExitOk;
    }
    CliCommand* cmd = command(args.first());
    if (!cmd) {
        io.err << "leadgen-diag: unknown command '" << args.first() << "' (see leadgen-diag --help)" << Qt::endl;
        return ExitUsage;
    }
    const QStringList rest = args.mid(1);
    if (rest.size() == 1 && isHelp(rest.first())) {
        io.out << cmd->helpText();
        return ExitOk;
    }
    return cmd->run(rest, io);
}
