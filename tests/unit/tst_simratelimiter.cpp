#include "RateLimiter.h"

#include <QtTest>

// Per-account limits with a manual clock: no test waits for real time.
class TestSimRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void perSecondLimitIsPerAccount()
    {
        ManualClock clock;
        RateLimiter limiter(10, 0, &clock);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
            clock.advanceMs(50); // all eleven inside one second
        }
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::PerSecondExceeded);
        // Another account is not affected.
        QCOMPARE(limiter.admit(QStringLiteral("B")), RateLimiter::Verdict::Allowed);
        // The window slides: one second after the first call, one more call fits.
        clock.setNowMs(clock.nowMs() - 500 + 1000);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::PerSecondExceeded);
    }

    void slidingWindowRejectsBurstsAcrossSecondBoundaries()
    {
        // A fixed per-calendar-second window would let 20 calls through in 100 ms here.
        ManualClock clock(999'950);
        RateLimiter limiter(10, 0, &clock);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
        clock.advanceMs(100); // now in the next calendar second
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::PerSecondExceeded);
    }

    void refusedCallsDoNotOccupyTheSecondButCountForTheDay()
    {
        ManualClock clock;
        RateLimiter limiter(2, 100, &clock);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::PerSecondExceeded);
        QCOMPARE(limiter.usedToday(QStringLiteral("A")), 7);
        clock.advanceMs(1000); // a client that backs off for a second gets through
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
    }

    void dailyLimitAndReset()
    {
        ManualClock clock(QDateTime(QDate(2024, 6, 3), QTime(23, 0), Qt::UTC).toMSecsSinceEpoch());
        RateLimiter limiter(0, 50, &clock);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
            clock.advanceMs(10);
        }
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::DailyExceeded);
        QCOMPARE(limiter.admit(QStringLiteral("B")), RateLimiter::Verdict::Allowed);
        // The quota resets at midnight UTC.
        clock.setNowMs(QDateTime(QDate(2024, 6, 4), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
        QCOMPARE(limiter.usedToday(QStringLiteral("A")), 0);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
    }

    void dailyIsCheckedBeforePerSecond()
    {
        ManualClock clock;
        RateLimiter limiter(1, 1, &clock);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
        QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::DailyExceeded);
    }

    void zeroMeansUnlimited()
    {
        ManualClock clock;
        RateLimiter limiter(0, 0, &clock);
        for (int i = 0; i < 100000; ++i)
            QCOMPARE(limiter.admit(QStringLiteral("A")), RateLimiter::Verdict::Allowed);
    }
};

QTEST_GUILESS_MAIN(TestSimRateLimiter)
#include "tst_simratelimiter.moc"
