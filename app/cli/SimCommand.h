#pragma once

#include "CliCommand.h"

class SimCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("sim"); }
    QString synopsis() const override { return QStringLiteral("sim [--host H] [--port N] [--account ID] [--secret KEY] [--per-second N] [--daily N] [--leads N] [--seed N] [--scenarios [--json]]"); }
    int run(const QStringList& args, CliIo& io) override;
};
