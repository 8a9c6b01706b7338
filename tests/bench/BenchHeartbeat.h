#pragma once

// What the GUI benchmarks share: a heartbeat timer that finds the longest time the event loop
// was blocked, median/min/max of repeated runs, and spinning the event loop until a condition.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <algorithm>
#include <ctime>

namespace BenchHeartbeat {

// The goal of every GUI benchmark: the event loop never blocked for longer.
constexpr qint64 kGoalMs = 50;

inline QString verdict(qint64 gap)
{
    return gap <= kGoalMs ? QStringLiteral("ok") : QStringLiteral("OVER GOAL");
}

// Longest interval between two ticks of a 10 ms timer, and the phase it fell in.
struct Heartbeat
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    int ticks = 0;
    QString phase;
    QString longestPhase;
    // CPU time the GUI thread used between two ticks: the part of a gap that is our own work,
    // not time the scheduler gave to other processes (or to our worker threads).
    qint64 lastCpuUs = 0;
    qint64 longestCpuUs = 0;

    static qint64 threadCpuUs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
    }

    Heartbeat()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [this] { tick(); });
    }
    void tick()
    {
        const qint64 now = clock.elapsed();
        const qint64 cpu = threadCpuUs();
        if (now - last > longest) {
            longest = now - last;
            longestPhase = phase;
        }
        longestCpuUs = std::max(longestCpuUs, cpu - lastCpuUs);
        last = now;
        lastCpuUs = cpu;
        ++ticks;
    }
    void start(const QString& firstPhase)
    {
        phase = firstPhase;
        longestPhase = firstPhase;
        clock.start();
        last = 0;
        longest = 0;
        ticks = 0;
        lastCpuUs = threadCpuUs();
        longestCpuUs = 0;
        timer.start();
    }
    // Also counts the time from the last tick to now, so a block at the very end is seen.
    qint64 stop()
    {
        timer.stop();
        tick();
        return longest;
    }
};

struct Stats
{
    QList<qint64> values;
    qint64 min() const { return *std::min_element(values.begin(), values.end()); }
    qint64 max() const { return *std::max_element(values.begin(), values.end()); }
    qint64 median() const
    {
        QList<qint64> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(sorted.size() / 2);
    }
    QString summary() const
    {
        return QStringLiteral("median %1 ms (min %2, max %3)").arg(median(), 4).arg(min()).arg(max());
    }
};

// Runs the event loop until `condition` or the timeout.
template<typename F>
inline bool spin(F&& condition, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace BenchHeartbeat
