#include "CliRun.h"

#include "Cli.h"
#include "CliCommand.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTextStream>

namespace TestSupport {

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

CliRun runCli(const QStringList& args, const QByteArray& stdinBytes, CliCommand* command)
{
    CliRun result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    CliIo io{out, err, [stdinBytes]() -> std::unique_ptr<QIODevice> {
                 auto in = std::make_unique<QBuffer>();
                 in->setData(stdinBytes);
                 in->open(QIODevice::ReadOnly);
                 return in;
             }};
    if (command) {
        result.status = command->run(args, io);
    } else {
        Cli cli;
        result.status = cli.run(args, io);
    }
    out.flush();
    err.flush();
    return result;
}

} // namespace TestSupport
