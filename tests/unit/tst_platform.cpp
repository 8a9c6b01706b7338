#include "Platform.h"

#include <QtTest>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

class TestPlatform : public QObject
{
    Q_OBJECT

private slots:
    void releasedPagesReadAsZeros()
    {
#ifdef Q_OS_LINUX
        constexpr std::size_t kSize = 64 * 4096;
        std::unique_ptr<char, decltype(&std::free)> block(static_cast<char*>(std::aligned_alloc(4096, kSize)),
                                                          &std::free);
        QVERIFY(block);
        std::memset(block.get(), 'x', kSize);
        // A range that does not start or end on a page boundary: only the whole pages inside go.
        Platform::releasePages(block.get() + 100, block.get() + kSize - 100);
        QCOMPARE(block.get()[0], 'x');
        QCOMPARE(block.get()[4095], 'x');
        QCOMPARE(block.get()[4096], '\0');
        QCOMPARE(block.get()[kSize - 4097], '\0');
        QCOMPARE(block.get()[kSize - 1], 'x');
#else
        QSKIP("page release is a no-op here");
#endif
    }

    void hugePageAdviceIsHarmless()
    {
        std::vector<char> small(1000, 'a');
        Platform::adviseHugePages(small.data(), small.size());
        std::vector<char> big(8u << 20, 'b');
        Platform::adviseHugePages(big.data(), big.size());
        QCOMPARE(big.back(), 'b');
        QCOMPARE(small.front(), 'a');
    }

    // Ctrl+C reaches the event loop as a callback instead of ending the process, once per signal,
    // and the previous handler is back after the watcher is gone.
    void stopSignalsReachTheEventLoop_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }

    void stopSignalsReachTheEventLoop()
    {
#ifdef Q_OS_UNIX
        QFETCH(int, signal);
        struct sigaction before = {};
        ::sigaction(signal, nullptr, &before);
        {
            int stops = 0;
            const Platform::StopSignalWatcher watcher([&stops] { ++stops; });
            QVERIFY(watcher.isActive());
            // A second watcher while one is active stays inactive rather than stealing the pipe.
            const Platform::StopSignalWatcher second([]{});
            QVERIFY(!second.isActive());
            std::raise(signal);
            QTRY_COMPARE(stops, 1);
            std::raise(signal);
            QTRY_COMPARE(stops, 2);
        }
        struct sigaction after = {};
        ::sigaction(signal, nullptr, &after);
        QVERIFY(after.sa_handler == before.sa_handler);
        // And a new watcher can be made afterwards.
        const Platform::StopSignalWatcher again([]{});
        QVERIFY(again.isActive());
#else
        QSKIP("no POSIX signals here");
#endif
    }
};

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
