#pragma once

#include "FakeHttpServer.h"
#include "SimulatorProvider.h"

// A SimulatorProvider over a FakeHttpServer, for composer tests that need "the simulator"
// environment without the real one: it "starts" by listening on loopback and counts the starts.
// Header-only: only GUI tests (which link leadgen_ui) include it.
class LoopbackSimulator : public SimulatorProvider
{
public:
    explicit LoopbackSimulator(FakeHttpServer& server)
        : m_server(server)
    {}

    int starts = 0;
    bool failToStart = false;
    QList<DemoAccount> accounts{
        {QStringLiteral("SIMDEMO0001"), QStringLiteral("sim-demo-secret-0001"), QStringLiteral("Demo account")}};

    bool ensureRunning(QString* error) override
    {
        if (m_running)
            return true;
        if (failToStart || !m_server.listen()) {
            if (error)
                *error = QStringLiteral("port in use");
            return false;
        }
        ++starts;
        m_running = true;
        return true;
    }
    bool isRunning() const override { return m_running; }
    QUrl endpoint(ApiVersion version) const override
    {
        if (!m_running)
            return QUrl();
        return m_server.url(version == ApiVersion::V1 ? QStringLiteral("/pubapi/v1/")
                                                      : QStringLiteral("/pubapi/v1.2/"));
    }
    QList<DemoAccount> demoAccounts() const override { return accounts; }

private:
    FakeHttpServer& m_server;
    bool m_running = false;
};
