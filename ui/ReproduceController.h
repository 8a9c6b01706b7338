#pragma once

#include "CallCapture.h"
#include "RequestDraft.h"
#include "ScenarioCatalog.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

class ApiClient;
class ComposerWidget;
class EmbeddedSimulatorProvider;
class ErrorBrowserWidget;

// "Reproduce on simulator": loads a code's scenario (ScenarioCatalog, resolved
// against the running simulator's credentials and limits) into the composer on the Simulator
// environment, sends it, and the composer's callFinished takes the answer to the inspector.
// Scenarios with `repeat` > 1 (107) send their warm-up calls first, outside the composer, so the
// last call is the one shown.
//
// The composer is borrowed, not taken: what the user had in it (request, headers, environment,
// account, secret, whether the id was theirs) is put back once the scenario's call is done, so
// the next ordinary call carries no fault header and no demo credentials. The inspector shows
// the scenario's request with its answer.
//
// The simulator counts calls per account in a sliding second (107); the controller paces its
// sends so that one scenario's calls never turn the next one's answer into 107, and a burst
// starts with an empty window.
class ReproduceController : public QObject
{
    Q_OBJECT

public:
    ReproduceController(ComposerWidget& composer, EmbeddedSimulatorProvider& simulator, QObject* parent = nullptr);
    ~ReproduceController() override;

    // Wires an error browser: its "Reproduce" action and gallery come here, and it shows which
    // code is being reproduced.
    void attach(ErrorBrowserWidget* browser);

    bool isBusy() const { return m_code != 0; }
    int currentCode() const { return m_code; }
    // The scenario of a code as it would be sent now (resolved for the simulator's config).
    std::optional<Scenario> scenario(int code) const;

public slots:
    void reproduce(int code);

signals:
    void started(int code);
    // The scenario's (last) call finished; the inspector has its answer.
    void finished(int code);
    // Nothing was sent (unknown code, simulator did not start, composer busy).
    void failed(int code, const QString& message);
    void statusMessage(const QString& message, int timeoutMs);

private:
    void step();
    void sendNext();
    void onWarmUpFinished(const CallCapture& capture);
    void onComposerFinished(const CallCapture& capture);
    void fail(const QString& message);
    void done();
    void recordCall();
    // How long to wait before the next send may go out without tripping the per-second limit by
    // accident (burst: until the window is empty).
    qint64 delayBeforeSendMs(bool burst) const;

    ComposerWidget& m_composer;
    EmbeddedSimulatorProvider& m_simulator;
    ApiClient* m_client = nullptr; // warm-up calls; made for the first one
    QTimer m_paceTimer;
    QElapsedTimer m_clock;
    QList<qint64> m_recentCalls; // m_clock times at which calls ended (within the last seconds)

    // What the composer held before the scenario was loaded (put back by done() and fail()).
    void restoreComposer();

    int m_code = 0;
    Scenario m_scenario;
    std::optional<RequestDraft::Snapshot> m_held;
    int m_warmUpsLeft = 0;
    bool m_awaitingFinal = false;
};
