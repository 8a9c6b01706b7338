#pragma once

#include "CliCommand.h"

class SendCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString synopsis() const override { return QStringLiteral("send FILE|- [--env NAME | --endpoint URL] [--account ID] [--secret-env VAR] [--timeout MS] [--json]"); }
    int run(const QStringList& args, CliIo& io) override;
};
