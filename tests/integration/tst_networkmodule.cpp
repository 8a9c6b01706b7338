#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// The real leadgen-diag keeps Qt Network out of its start (app/core/NetworkModule.h): the GUI's
// first paint (which loads no image plugin either) and explain/inspect/lint never load it, send
// and sim load the network module and work through it, and a missing module is a plain message,
// not a crash. (The other tests link the network code directly; this one is about the installed
// shape of the program.)
class TestNetworkModule : public QObject
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

    // Runs the program with the dynamic loader reporting every library it opens (LD_DEBUG=libs,
    // on stderr).
    static Run run(const QString& program, const QStringList& args, const QByteArray& input = QByteArray(),
                   bool traceLibraries = false)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (traceLibraries)
            environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(program, args);
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

    static bool loaded(const Run& run, const char* library) { return run.err.contains(library); }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(binary()), "build the leadgen-diag target first"); }

    void guiStartsWithoutQtNetwork()
    {
        // Until its first frame is painted (then it quits: ui/FirstPaintProbe.h).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        QVERIFY(environment.value(QStringLiteral("QT_QPA_PLATFORM")) == QLatin1String("offscreen"));
        qputenv("LEADGEN_EXIT_ON_FIRST_PAINT", "1");
        const Run gui = run(binary(), {}, QByteArray(), true);
        qunsetenv("LEADGEN_EXIT_ON_FIRST_PAINT");
        QCOMPARE(gui.exitCode, 0);
        QCOMPARE(gui.out, QByteArray("first-paint\n"));
        QVERIFY2(loaded(gui, "libQt6Widgets.so"), "LD_DEBUG=libs reports nothing: the check below would prove nothing");
        QVERIFY(!loaded(gui, "libQt6Network.so"));
        QVERIFY(!loaded(gui, "leadgen-network.so"));
        // Nor any image-format plugin: widgets ask for standard icons while they are built, and
        // DeferredIconStyle loads them (and the plugins that decode them) only when drawn.
        QVERIFY(!loaded(gui, "plugins/imageformats/"));
    }

    void offlineCommandsStartWithoutQtNetwork_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("explain") << QStringList{QStringLiteral("explain"), QStringLiteral("301")} << QByteArray();
        QTest::newRow("lint") << QStringList{QStringLiteral("lint"), QStringLiteral("-")}
                              << QByteArray(R"({"method":"getLeads","params":{"where":{}},"id":"n-1"})");
        QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), QStringLiteral("-")}
                                 << QByteArray(R"({"result":{"lead":[]},"error":null,"id":"n-1"})");
    }

    void offlineCommandsStartWithoutQtNetwork()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        const Run command = run(binary(), args, input, true);
        QCOMPARE(command.exitCode, 0);
        QVERIFY(loaded(command, "libQt6Core.so"));
        QVERIFY(!loaded(command, "libQt6Network.so"));
    }

    // send loads the module, which starts the embedded simulator and makes the call through
    // ApiClient: the whole network path of the installed program.
    void sendWorksThroughTheModule()
    {
        const Run send = run(binary(), {QStringLiteral("send"), QStringLiteral("-"), QStringLiteral("--json")},
                             QByteArray(R"({"method":"getLeads","params":{"where":{},"limit":2},"id":"n-2"})"), true);
        QVERIFY2(send.exitCode == 0, send.err.right(2000).constData());
        QVERIFY(loaded(send, "leadgen-network.so"));
        QVERIFY(loaded(send, "libQt6Network.so"));
        const QJsonObject json = QJsonDocument::fromJson(send.out).object();
        QCOMPARE(json.value(QLatin1String("environment")).toString(), QStringLiteral("Simulator"));
        QCOMPARE(json.value(QLatin1String("http_status")).toInt(), 200);
        QCOMPARE(json.value(QLatin1String("diagnosis")).toObject().value(QLatin1String("verdict")).toString(),
                 QStringLiteral("ok"));
    }

    // A program without its module (a broken installation): send and sim say what is missing and
    // exit 3; the offline commands and the usage text still work.
    void missingModuleIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("bin")));
        const QString copy = dir.filePath(QStringLiteral("bin/leadgen-diag"));
        QVERIFY(QFile::copy(binary(), copy));

        const Run send = run(copy, {QStringLiteral("send"), QStringLiteral("-")},
                             QByteArray(R"({"method":"getLeads","params":{"where":{}},"id":"n-3"})"));
        QCOMPARE(send.exitCode, 3);
        QCOMPARE(send.out, QByteArray());
        QVERIFY2(send.err.contains("leadgen-diag send: The network part of leadgen-diag could not be loaded"),
                 send.err.constData());
        QVERIFY2(send.err.contains("leadgen-network.so"), send.err.constData());

        const Run sim = run(copy, {QStringLiteral("sim"), QStringLiteral("--scenarios")});
        QCOMPARE(sim.exitCode, 3);
        QVERIFY(sim.err.contains("leadgen-diag sim: The network part"));

        const Run help = run(copy, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("leadgen-diag send …  (unavailable: The network part"), help.out.constData());
        QVERIFY(help.out.contains("leadgen-diag explain QUERY..."));

        const Run explain = run(copy, {QStringLiteral("explain"), QStringLiteral("301")});
        QCOMPARE(explain.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestNetworkModule)
#include "tst_networkmodule.moc"
