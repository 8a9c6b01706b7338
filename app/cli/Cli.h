#pragma once

#include "CliCommand.h"

#include <memory>
#include <vector>

// Dispatches `leadgen-diag <subcommand> ...` (docs/design.md, Command line) on a QCoreApplication, so the CLI
// runs without a display and starts fast.
class Cli
{
public:
    Cli();
    ~Cli();

    // True when argv[1] asks for the CLI (a subcommand, --version or --help) rather than the GUI.
    static bool wantsCli(int argc, char** argv);
    // Creates the QCoreApplication and runs the command; returns the exit status.
    static int main(int argc, char** argv);

    // Runs with an existing application object; args[0] is the subcommand (or --help/--version).
    int run(const QStringList& args, CliIo& io);
    CliCommand* command(const QString& name) const;
    QStringList commandNames() const; // in the order --help lists them
    QString helpText() const;

private:
    int dispatch(const QStringList& args, CliIo& io);

    std::vector<std::unique_ptr<CliCommand>> m_commands;
};
