#pragma once

#include <QDateTime>
#include <QtGlobal>

// Time source of the simulator: rate limits, timestamps of created records and date ranges read
// it, so tests can move time instead of waiting for it.
class SimClock
{
public:
    virtual ~SimClock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;

    // The wall clock (shared, stateless).
    static const SimClock* system();
};

// A clock that only moves when told to (tests).
class ManualClock : public SimClock
{
public:
    explicit ManualClock(qint64 startMs = QDateTime(QDate(2024, 6, 3), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch())
        : m_now(startMs)
    {}
    qint64 nowMs() const override { return m_now; }
    void setNowMs(qint64 ms) { m_now = ms; }
    void advanceMs(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};
