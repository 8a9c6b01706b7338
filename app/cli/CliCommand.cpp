#include "CliCommand.h"

#include <QFile>

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
