#include "CliCommand.h"

#include <QFile>
#include <QtGlobal>

std::optional<QByteArray> CliCommand::readInput(const QString& pathOrDash, CliIo& io)
{
    if (pathOrDash == QLatin1String("-"))
        return io.readStdin ? io.readStdin() : QByteArray();
    QFile file(pathOrDash);
    if (!file.open(QIODevice::ReadOnly)) {
        io.err << "leadgen-diag: cannot read " << pathOrDash << ": " << file.errorString() << Qt::endl;
        return std::nullopt;
    }
    return file.readAll();
}

int CliCommand::usageError(CliIo& io, const QString& command, const QString& message)
{
    io.err << "leadgen-diag " << command << ": " << message << " (see leadgen-diag --help)" << Qt::endl;
    return ExitUsage;
}

int CliCommand::terminalWidth()
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    // Very narrow values make every line a single word; very wide ones are not a terminal.
    return ok && columns >= 30 && columns <= 1000 ? columns : 100;
}
