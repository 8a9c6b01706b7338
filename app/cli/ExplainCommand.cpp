#include "ExplainCommand.h"

// Placeholder until the issue that owns this command lands.
int ExplainCommand::run(const QStringList& args, CliIo& io)
{
    Q_UNUSED(args);
    return usageError(io, name(), QStringLiteral("not implemented yet"));
}
