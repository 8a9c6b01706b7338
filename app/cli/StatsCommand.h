#pragma once

#include "CliCommand.h"

// `leadgen-diag stats [--by code|method|day|env] [--since T] [--until T] [--json]`
// (docs/design.md, Call history): calls and errors per code, method, day or environment, with
// the first and last time each was seen, from the call history.
class StatsCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("stats"); }
    QString synopsis() const override
    {
        return QStringLiteral("stats [--by code|method|day|env] [--since T] [--until T] [--json]");
    }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;
};
