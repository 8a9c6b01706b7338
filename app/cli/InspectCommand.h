#pragma once

#include "CliCommand.h"

class InspectCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inspect"); }
    QString synopsis() const override
    {
        return QStringLiteral("inspect FILE|- [--request FILE] [--http-status N] [--json]");
    }
    int run(const QStringList& args, CliIo& io) override;
};
