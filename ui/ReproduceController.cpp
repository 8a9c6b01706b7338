#include "ReproduceController.h"

#include "ApiClient.h"
#include "ComposerWidget.h"
#include "EmbeddedSimulatorProvider.h"
#include "ErrorBrowserWidget.h"

namespace {
// The simulator admits a call after it arrives and we record it when its answer is back, so our
// records are late, never early; a small margin covers timer granularity.
constexpr qint64 kWindowMs = 1000;
constexpr qint64 kMarginMs = 30;
} // namespace

ReproduceController::ReproduceController(ComposerWidget& composer, EmbeddedSimulatorProvider& simulator,
                                         QObject* parent)
    : QObject(parent)
    , m_composer(composer)
    , m_simulator(simulator)
{
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &ReproduceController::step);
    m_clock.start();
    // Every call of the composer counts against the simulator's limits, reproduced or typed.
    connect(&m_composer, &ComposerWidget::callFinished, this, &ReproduceController::onComposerFinished);
}

ReproduceController::~ReproduceController() = default;

void ReproduceController::attach(ErrorBrowserWidget* browser)
{
    connect(browser, &ErrorBrowserWidget::reproduceRequested, this, &ReproduceController::reproduce);
    connect(this, &ReproduceController::started, browser, &ErrorBrowserWidget::setReproducing);
    connect(this, &ReproduceController::finished, browser, [browser] { browser->setReproducing(0); });
    connect(this, &ReproduceController::failed, browser, [browser] { browser->setReproducing(0); });
    browser->setSimulatorAvailable(true);
}

std::optional<Scenario> ReproduceController::scenario(int code) const
{
    return ScenarioCatalog::builtin().scenario(code, m_simulator.config().scenarioContext());
}

void ReproduceController::reproduce(int code)
{
    if (isBusy()) {
        emit statusMessage(tr("Still reproducing %1; %2 waits for it.").arg(m_code).arg(code), 4000);
        return;
    }
    m_code = code;
    if (m_composer.isSending()) {
        fail(tr("The composer is sending a call: wait for it or cancel it (Esc), then reproduce %1.").arg(code));
        return;
    }
    std::optional<Scenario> resolved = scenario(code);
    if (!resolved) {
        fail(tr("There is no simulator scenario for %1.").arg(code));
        return;
    }
    emit started(code);
    m_held = m_composer.snapshot();
    QString error;
    if (!m_composer.loadScenario(*resolved, &error)) {
        fail(error);
        return;
    }
    // Loading selected the Simulator environment, which starts the simulator on first use; a
    // simulator started with other options resolves the scenario differently.
    if (const std::optional<Scenario> running = scenario(code); running && running->toJson() != resolved->toJson()) {
        resolved = running;
        m_composer.loadScenario(*resolved);
    }
    ApiRequest request;
    if (!m_composer.currentRequest(&request, &error)) {
        fail(tr("%1 was not sent: %2").arg(code).arg(error));
        return;
    }
    m_scenario = *resolved;
    m_warmUpsLeft = m_scenario.repeat - 1;
    step();
}

qint64 ReproduceController::delayBeforeSendMs(bool burst) const
{
    const int perSecond = m_simulator.config().perSecond;
    if (perSecond <= 0)
        return 0;
    const qint64 now = m_clock.elapsed();
    QList<qint64> inWindow;
    for (qint64 t : m_recentCalls) {
        if (t > now - kWindowMs - kMarginMs)
            inWindow << t;
    }
    if (inWindow.isEmpty())
        return 0;
    if (burst)
        return inWindow.last() + kWindowMs + kMarginMs - now;
    if (inWindow.size() < perSecond)
        return 0;
    // The oldest calls that must leave the window for one more to fit.
    return inWindow.at(inWindow.size() - perSecond) + kWindowMs + kMarginMs - now;
}

void ReproduceController::step()
{
    if (!isBusy())
        return;
    // A burst (107) needs an empty window when it starts; its own calls follow at once.
    const bool burstStart = m_scenario.repeat > 1 && m_warmUpsLeft == m_scenario.repeat - 1;
    const bool inBurst = m_scenario.repeat > 1 && !burstStart;
    const qint64 delay = inBurst ? 0 : delayBeforeSendMs(burstStart);
    if (delay > 0) {
        emit statusMessage(
            tr("Reproducing %1: waiting %2 ms for the simulator's per-second limit to clear…").arg(m_code).arg(delay),
            2000);
        m_paceTimer.start(int(delay));
        return;
    }
    sendNext();
}

void ReproduceController::sendNext()
{
    if (m_warmUpsLeft > 0) {
        ApiRequest request;
        QString error;
        if (!m_composer.currentRequest(&request, &error)) {
            fail(tr("%1 was not sent: %2").arg(m_code).arg(error));
            return;
        }
        emit statusMessage(tr("Reproducing %1: call %2 of %3…")
                               .arg(m_code)
                               .arg(m_scenario.repeat - m_warmUpsLeft)
                               .arg(m_scenario.repeat),
                           2000);
        if (!m_client) {
            m_client = new ApiClient(nullptr, this);
            connect(m_client, &ApiClient::finished, this, &ReproduceController::onWarmUpFinished);
        }
        --m_warmUpsLeft;
        m_client->send(request);
        return;
    }
    m_awaitingFinal = true;
    m_composer.send();
    if (m_awaitingFinal && !m_composer.isSending()) {
        m_awaitingFinal = false;
        fail(tr("%1 was not sent: the composer refused the request (see its result line).").arg(m_code));
    }
}

void ReproduceController::onWarmUpFinished(const CallCapture& capture)
{
    Q_UNUSED(capture)
    recordCall();
    if (isBusy())
        step();
}

void ReproduceController::onComposerFinished(const CallCapture& capture)
{
    Q_UNUSED(capture)
    recordCall();
    if (!m_awaitingFinal)
        return;
    m_awaitingFinal = false;
    // After the composer has finished with its call (result line, next id): then its request is
    // put back.
    QMetaObject::invokeMethod(this, &ReproduceController::done, Qt::QueuedConnection);
}

void ReproduceController::recordCall()
{
    const qint64 now = m_clock.elapsed();
    m_recentCalls << now;
    while (!m_recentCalls.isEmpty() && m_recentCalls.constFirst() <= now - 2 * kWindowMs)
        m_recentCalls.removeFirst();
}

void ReproduceController::restoreComposer()
{
    if (!m_held)
        return;
    const RequestDraft::Snapshot held = *m_held;
    m_held.reset();
    m_composer.restoreSnapshot(held);
}

void ReproduceController::fail(const QString& message)
{
    const int code = m_code;
    m_code = 0;
    m_paceTimer.stop();
    restoreComposer();
    emit statusMessage(message, 8000);
    emit failed(code, message);
}

void ReproduceController::done()
{
    const int code = m_code;
    m_code = 0;
    const bool restored = m_held.has_value();
    restoreComposer();
    emit statusMessage(restored ? tr("Reproduced %1; the inspector shows the call. Your request is back in the "
                                     "composer.")
                                      .arg(code)
                                : tr("Reproduced %1.").arg(code),
                       8000);
    emit finished(code);
}
