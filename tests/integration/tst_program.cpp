#include "TestPaths.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

// The shipped program as a user runs it: one executable that carries every subcommand, the
// network ones included (send to its own embedded simulator, sim's scenario list).
class TestProgram : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static QString binary() { return QStringLiteral(LEADGEN_BINARY_DIR "/bin/leadgen-diag"); }

    static Run run(const QStringList& args, const QByteArray& input = QByteArray())
    {
        QProcess process;
        process.start(binary(), args);
        Run result;
        if (!process.waitForStarted(10000))
            return result;
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(binary()), "build the leadgen-diag target first"); }

    void helpListsEverySubcommand()
    {
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* synopsis : {"leadgen-diag explain QUERY...", "leadgen-diag inspect", "leadgen-diag lint",
                                     "leadgen-diag send", "leadgen-diag sim"})
            QVERIFY2(help.out.contains(synopsis), synopsis);
        QVERIFY2(!help.out.contains("unavailable"), help.out.constData());
    }

    // send starts the embedded simulator and makes the call through ApiClient.
    void sendReachesTheEmbeddedSimulator()
    {
        const Run send = run({QStringLiteral("send"), QStringLiteral("-"), QStringLiteral("--json")},
                             QByteArray(R"({"method":"getLeads","params":{"where":{},"limit":2},"id":"n-2"})"));
        QVERIFY2(send.exitCode == 0, send.err.right(2000).constData());
        const QJsonObject json = QJsonDocument::fromJson(send.out).object();
        QCOMPARE(json.value(QLatin1String("environment")).toString(), QStringLiteral("Simulator"));
        QCOMPARE(json.value(QLatin1String("http_status")).toInt(), 200);
        QCOMPARE(json.value(QLatin1String("diagnosis")).toObject().value(QLatin1String("verdict")).toString(),
                 QStringLiteral("ok"));
    }

    void simListsItsScenarios()
    {
        const Run sim = run({QStringLiteral("sim"), QStringLiteral("--scenarios"), QStringLiteral("--json")});
        QCOMPARE(sim.exitCode, 0);
        const QJsonArray scenarios =
            QJsonDocument::fromJson(sim.out).object().value(QLatin1String("scenarios")).toArray();
        QVERIFY(scenarios.size() >= 39);
    }
};

QTEST_GUILESS_MAIN(TestProgram)
#include "tst_program.moc"
