#include "Cli.h"
#include "CliRun.h"

#include <QtTest>

// The dispatcher's contract (docs/design.md, Command line): help and version exit 0, unknown commands exit 2
// with one line on stderr and nothing on stdout.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    static Run run(const QStringList& args) { return TestSupport::runCli(args); }

private slots:
    void dispatch_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("stdoutContains");
        QTest::addColumn<bool>("stderrEmpty");
        QTest::newRow("no args prints help") << QStringList() << 0 << QStringLiteral("Usage:") << true;
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("explain QUERY")
                                << true;
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0
                                   << QStringLiteral("leadgen-diag " LEADGEN_VERSION) << true;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << QString() << false;
        QTest::newRow("command --help") << QStringList{QStringLiteral("lint"), QStringLiteral("--help")} << 0
                                        << QStringLiteral("lint FILE|-") << true;
    }
    void dispatch()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, stdoutContains);
        QFETCH(bool, stderrEmpty);
        const Run result = run(args);
        QCOMPARE(result.status, status);
        if (stdoutContains.isEmpty())
            QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        else
            QVERIFY2(result.out.contains(stdoutContains), qPrintable(result.out));
        QCOMPARE(result.err.isEmpty(), stderrEmpty);
        if (!stderrEmpty)
            QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
    }

    void wantsCli()
    {
        char prog[] = "leadgen-diag";
        char explain[] = "explain";
        char file[] = "response.json";
        char* a1[] = {prog, explain};
        char* a2[] = {prog, file};
        QVERIFY(Cli::wantsCli(2, a1));
        QVERIFY(!Cli::wantsCli(2, a2));
        QVERIFY(!Cli::wantsCli(1, a1));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
