#pragma once

#include "CliCommand.h"

#include <functional>

class QEventLoop;
class SimServer;

// `leadgen-diag sim`: runs the simulator on the current thread until SIGINT/SIGTERM (or stop()),
// printing the endpoint and demo credentials first and one line per request after; with
// --scenarios it prints the reproduction requests instead and exits.
class SimCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("sim"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "sim [--host H] [--port N] [--account ID] [--secret KEY | --secret-env VAR] [--per-second N] [--daily N] "
            "[--leads N] [--seed N] [--batch-shape observed|documented] [--quiet] [--scenarios [--json]]");
    }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;

    // Tests: called once the server listens; the command keeps serving until stop().
    void setStartedHook(std::function<void(SimServer&)> hook) { m_startedHook = std::move(hook); }
    // Makes run() return (from the same thread, e.g. inside a request handler or timer).
    void stop();

private:
    std::function<void(SimServer&)> m_startedHook;
    QEventLoop* m_loop = nullptr;
};
