#include "InspectCommand.h"

// Placeholder until the issue that owns this command lands.
int InspectCommand::run(const QStringList& args, CliIo& io)
{
    Q_UNUSED(args);
    return usageError(io, name(), QStringLiteral("not implemented yet"));
}
