#pragma once

#include "CliCommand.h"

class ExplainCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("explain"); }
    QString synopsis() const override { return QStringLiteral("explain QUERY... [--json]"); }
    int run(const QStringList& args, CliIo& io) override;
};
