#pragma once

#include "CliCommand.h"

class LintCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("lint"); }
    QString synopsis() const override { return QStringLiteral("lint FILE|- [--max-size SIZE] [--json]"); }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;
};
