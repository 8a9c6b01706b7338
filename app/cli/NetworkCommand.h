#pragma once

#include "CliCommand.h"

#include <memory>

// A subcommand whose code needs Qt Network (send, sim) and so lives in the network module
// (NetworkModule): this stand-in loads the module when the command is used, so explain, inspect
// and lint start without it. A module that cannot be loaded is reported as "no response" (exit 3)
// with the reason.
class NetworkCommand : public CliCommand
{
public:
    explicit NetworkCommand(const QString& name);
    ~NetworkCommand() override;

    QString name() const override { return m_name; }
    QString synopsis() const override;
    int run(const QStringList& args, CliIo& io) override;

    // Called by the network module as it loads, once per command.
    using Factory = std::unique_ptr<CliCommand> (*)();
    static bool registerFactory(const QString& name, Factory factory);

private:
    CliCommand* target(QString* error) const;

    QString m_name;
    mutable std::unique_ptr<CliCommand> m_target;
};
