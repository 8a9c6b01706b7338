#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

class CliCommand;

namespace TestSupport {
// What one in-process run of the command line printed and returned.
struct CliRun
{
    int status = -1;
    QString out;
    QString err;
    QJsonObject json() const; // stdout as a JSON object (empty when it is not one)
};

// Runs `leadgen-diag ARGS...` in process (Cli::run) with stdinBytes as standard input; with a
// command, runs that command object directly (ARGS without its name).
CliRun runCli(const QStringList& args, const QByteArray& stdinBytes = QByteArray(), CliCommand* command = nullptr);
} // namespace TestSupport
