#include "ApiClient.h"
#include "FakeHttpServer.h"
#include "TestPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

// Big response bodies spilled to disk: the secret echoed by a server never reaches the file,
// an interrupted `send` leaves no file behind, and files of killed runs are swept at start.
class TestSpillFiles : public QObject
{
    Q_OBJECT

private:
    const QString m_secret = QStringLiteral("spill-canary+/secret=42");

    ApiRequest requestTo(const QUrl& endpoint) const
    {
        ApiRequest request;
        request.endpoint = endpoint;
        request.accountId = QStringLiteral("ACC123");
        request.secretKey = m_secret;
        request.body = R"({"method":"getLeads","params":{"where":{}},"id":"1"})";
        request.timeoutMs = 30000;
        return request;
    }

    // A JSON body that echoes the query string (secret as is and percent-encoded) every few
    // hundred bytes, so that copies straddle the chunks it arrives in.
    QByteArray echoingBody(qint64 size) const
    {
        const QByteArray echo = "\"q\":\"accountID=ACC123&secretKey=" + QUrl::toPercentEncoding(m_secret) +
                                "\",\"raw\":\"" + m_secret.toUtf8() + "\",";
        QByteArray body = "{";
        for (int i = 0; body.size() < size; ++i)
            body += echo + "\"pad" + QByteArray::number(i) + "\":\"" + QByteArray(i % 97, 'x') + "\",";
        body += "\"end\":true}";
        return body;
    }

    bool containsSecret(const QByteArray& bytes) const
    {
        return bytes.contains(m_secret.toUtf8()) || bytes.contains(QUrl::toPercentEncoding(m_secret));
    }

    static QStringList spillFiles(const QString& directory)
    {
        return QDir(directory).entryList({ApiClient::spillFilePrefix() + QLatin1Char('*')}, QDir::Files);
    }

private slots:
    void initTestCase() { qRegisterMetaType<CallCapture>(); }

    void echoedSecretNeverReachesTheFile_data()
    {
        QTest::addColumn<int>("chunks");
        QTest::newRow("one write") << 1;
        QTest::newRow("13 writes") << 13;
        QTest::newRow("97 writes") << 97;
    }

    void echoedSecretNeverReachesTheFile()
    {
        QFETCH(int, chunks);
        QTemporaryDir spillDir;
        QVERIFY(spillDir.isValid());
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = echoingBody(200'000);
        script.chunks = chunks;
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        client.setSpillThreshold(1000);
        client.setSpillDirectory(spillDir.path());
        QSignalSpy spy(&client, &ApiClient::finished);
        client.send(requestTo(server.url()));
        QVERIFY(spy.wait(15000));
        const CallCapture capture = spy.takeFirst().at(0).value<CallCapture>();
        QVERIFY(capture.isSpilled());
        QFile file(capture.spillPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray onDisk = file.readAll();
        QVERIFY(!containsSecret(onDisk));
        QVERIFY(onDisk.startsWith("{\"q\":\"accountID=ACC123&secretKey="));
        QVERIFY(onDisk.endsWith("\"end\":true}"));
        QVERIFY(QFileInfo(capture.spillPath)
                    .fileName()
                    .startsWith(ApiClient::spillFilePrefix() + QString::number(QCoreApplication::applicationPid()) +
                                QLatin1Char('-')));
    }

    void staleFilesAreSwept()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A pid that just ended.
        QProcess done;
        done.start(QStringLiteral("true"));
        QVERIFY(done.waitForFinished());
        const qint64 deadPid = done.processId() ? done.processId() : 999999;
        const QString live = ApiClient::spillFilePrefix() + QString::number(QCoreApplication::applicationPid()) +
                             QStringLiteral("-aaaaaa");
        const QString dead = ApiClient::spillFilePrefix() + QString::number(deadPid) + QStringLiteral("-bbbbbb");
        const QString other = QStringLiteral("leadgen-diag-body-notapid");
        for (const QString& name : {live, dead, other}) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QCOMPARE(ApiClient::sweepStaleSpillFiles(dir.path()), 1);
        QVERIFY(QFile::exists(dir.filePath(live)));
        QVERIFY(!QFile::exists(dir.filePath(dead)));
        QVERIFY(QFile::exists(dir.filePath(other)));
    }

    // The real program, stopped by a signal while a 40 MB response is being spilled.
    void interruptedSendLeavesNoFile_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void interruptedSendLeavesNoFile()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = echoingBody(40 << 20);
        script.chunks = 400;
        script.chunkDelayMs = 25; // about 10 s in all: the signal arrives mid-download
        server.setScript(script);

        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        env.insert(QStringLiteral("LEADGEN_SPILL_TEST_SECRET"), m_secret);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(LEADGEN_BINARY_DIR "/bin/leadgen-diag"),
                      {QStringLiteral("send"), QStringLiteral("-"), QStringLiteral("--endpoint"),
                       server.url().toString(), QStringLiteral("--account"), QStringLiteral("ACC123"),
                       QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_SPILL_TEST_SECRET")});
        QVERIFY(process.waitForStarted(10000));
        process.write(R"({"method":"getLeads","params":{"where":{}},"id":"1"})");
        process.closeWriteChannel();
        // Spilling has started (past 32 MB in memory) and holds no secret.
        QTRY_VERIFY_WITH_TIMEOUT(!spillFiles(tmp.path()).isEmpty(), 30000);
        QFile spill(QDir(tmp.path()).filePath(spillFiles(tmp.path()).first()));
        QVERIFY(spill.open(QIODevice::ReadOnly));
        QVERIFY(!containsSecret(spill.readAll()));
        QCOMPARE(process.state(), QProcess::Running);

        ::kill(pid_t(process.processId()), signalNumber);
        QSignalSpy finished(&process, &QProcess::finished);
        QVERIFY(finished.wait(15000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 3);
        QVERIFY(process.readAllStandardError().contains("interrupted"));
        QVERIFY(!containsSecret(process.readAllStandardOutput()));
        QVERIFY2(spillFiles(tmp.path()).isEmpty(), qPrintable(spillFiles(tmp.path()).join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestSpillFiles)
#include "tst_spillfiles.moc"
