#include "CallRateLimiter.h"
#include "ObjectCsvImport.h"
#include "ThrottledCaller.h"

#include <QtTest>

// The client-side limiter's arithmetic, the 107 back-off schedule and the CSV column mapping.
class TestCallRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void reservesSlotsAWindowApart()
    {
        CallRateLimiter limiter(3);
        QCOMPARE(limiter.reserve(), 0);
        QCOMPARE(limiter.reserve(), 0);
        QCOMPARE(limiter.reserve(), 0);
        // The fourth call waits until the first is a window old; the fifth and sixth too.
        const qint64 fourth = limiter.reserve();
        QVERIFY2(fourth > CallRateLimiter::kWindowMs - 50 && fourth <= CallRateLimiter::kWindowMs,
                 qPrintable(QString::number(fourth)));
        QVERIFY(limiter.reserve() >= fourth);
        QVERIFY(limiter.reserve() >= fourth);
        // The seventh waits two windows.
        QVERIFY(limiter.reserve() > 2 * CallRateLimiter::kWindowMs - 50);
        QCOMPARE(limiter.callsToday(), 7);
        QCOMPARE(limiter.callsInLastSecond(), 3);
    }

    void unlimitedRate()
    {
        CallRateLimiter limiter(0);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(limiter.reserve(), 0);
    }

    void serverCountersArePreferred()
    {
        CallRateLimiter limiter;
        limiter.reserve();
        QCOMPARE(limiter.bestCallsToday(), 1);
        QCOMPARE(limiter.bestQuota(), CallRateLimiter::kDefaultDailyQuota);
        limiter.noteServerCounters(41, 45);
        QCOMPARE(limiter.bestCallsToday(), 41);
        QCOMPARE(limiter.bestQuota(), 45);
        QVERIFY(!limiter.quotaExhausted());
        for (int i = 0; i < 4; ++i)
            limiter.reserve();
        QCOMPARE(limiter.bestCallsToday(), 45);
        QVERIFY(limiter.quotaExhausted());
    }

    // A composer call counts without waiting, in time order with calls that reserved ahead.
    void noteCallCountsWithoutASlot()
    {
        CallRateLimiter limiter(2);
        limiter.reserve();
        limiter.reserve();
        QVERIFY(limiter.reserve() > 0); // a slot ahead of now
        limiter.noteCall();
        QCOMPARE(limiter.callsToday(), 4);
        QCOMPARE(limiter.callsInLastSecond(), 3);
        limiter.noteServerCounters(10, 50);
        limiter.noteCall();
        QCOMPARE(limiter.bestCallsToday(), 11);
        QCOMPARE(CallRateLimiter::accountKey(QUrl(QStringLiteral("http://127.0.0.1:8080/pubapi/v1.2/")),
                                             QStringLiteral("A1")),
                 QStringLiteral("127.0.0.1:8080|A1"));
    }

    void sharedPerAccount()
    {
        const auto a = CallRateLimiter::forAccount(QStringLiteral("host|A"));
        QCOMPARE(CallRateLimiter::forAccount(QStringLiteral("host|A")).get(), a.get());
        QVERIFY(CallRateLimiter::forAccount(QStringLiteral("host|B")).get() != a.get());
    }

    void backoffGrows_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("low");
        QTest::newRow("1") << 1 << qint64(ThrottledCaller::kBackoffBaseMs);
        QTest::newRow("2") << 2 << qint64(2 * ThrottledCaller::kBackoffBaseMs);
        QTest::newRow("4") << 4 << qint64(8 * ThrottledCaller::kBackoffBaseMs);
    }

    void backoffGrows()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, low);
        for (int i = 0; i < 20; ++i) {
            const qint64 delay = ThrottledCaller::backoffMs(attempt);
            QVERIFY(delay >= low);
            QVERIFY(delay <= low + low / 2);
        }
    }

    void csvColumnsMatchFieldNames_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("field");
        QTest::newRow("spaced") << QStringLiteral("First Name") << QStringLiteral("firstName");
        QTest::newRow("case") << QStringLiteral("EMAILADDRESS") << QStringLiteral("emailAddress");
        QTest::newRow("custom field") << QStringLiteral("Favorite_Color_5a0dd86e6e290")
                                      << QStringLiteral("Favorite_Color_5a0dd86e6e290");
        QTest::newRow("unknown") << QStringLiteral("Frist Name") << QString();
    }

    // With the environment's getFields names, a near miss of one of them is suggested too.
    void suggestionsIncludeEnvironmentFields()
    {
        const QString extra = QStringLiteral("externalScore");
        const auto columns =
            ObjectCsvImport::mapHeader({QStringLiteral("External Scroe")}, QStringLiteral("lead"), {extra});
        QVERIFY(columns.first().field.isEmpty());
        QVERIFY2(columns.first().suggestions.contains(extra),
                 qPrintable(columns.first().suggestions.join(QLatin1Char(','))));
        QCOMPARE(ObjectCsvImport::mapHeader({QStringLiteral("External Score")}, QStringLiteral("lead"), {extra})
                     .first()
                     .field,
                 extra);
    }

    void csvColumnsMatchFieldNames()
    {
        QFETCH(QString, header);
        QFETCH(QString, field);
        const auto columns = ObjectCsvImport::mapHeader({header}, QStringLiteral("lead"));
        QCOMPARE(columns.size(), 1);
        QCOMPARE(columns.first().field, field);
        if (field.isEmpty())
            QVERIFY2(columns.first().suggestions.contains(QStringLiteral("firstName")),
                     qPrintable(columns.first().suggestions.join(QLatin1Char(','))));
    }
};

QTEST_GUILESS_MAIN(TestCallRateLimiter)
#include "tst_callratelimiter.moc"
