#include "CliRun.h"
#include "JsonIndex.h"
#include "TestPaths.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <sys/resource.h>

// Hostile and huge input (docs/design.md, Big responses): every input path (file, stdin, device,
// gzip) stops at --max-size while reading, gzip bombs are refused, and a file and standard input
// with the same bytes get the same answer. The real binary is measured through QProcess: exit
// status, time and peak RSS (getrusage of the waited children).
class TestInputLimits : public QObject
{
    Q_OBJECT

private:
    // An endless stream of '0' (a digit, so nothing can stop early on "not JSON"); counts what
    // was read from it.
    class EndlessDevice : public QIODevice
    {
    public:
        qint64 served = 0;
        bool isSequential() const override { return true; }

    protected:
        qint64 readData(char* data, qint64 maxSize) override
        {
            std::memset(data, '0', size_t(maxSize));
            served += maxSize;
            return maxSize;
        }
        qint64 writeData(const char*, qint64) override { return -1; }
    };

    struct Run
    {
        int exitCode = -1;
        QByteArray err;
        qint64 elapsedMs = 0;
        qint64 peakRssKb = 0; // the largest waited child so far
    };

    QTemporaryDir m_dir;

    static QString binary() { return QStringLiteral(LEADGEN_BINARY_DIR "/bin/leadgen-diag"); }

    static Run runBinary(const QStringList& args, const QString& stdinFile = QString())
    {
        QProcess process;
        if (!stdinFile.isEmpty())
            process.setStandardInputFile(stdinFile);
        QElapsedTimer timer;
        timer.start();
        process.start(binary(), args);
        Run result;
        if (!process.waitForStarted(10000))
            return result;
        if (stdinFile.isEmpty())
            process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.elapsedMs = timer.elapsed();
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.err = process.readAllStandardError();
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);
        result.peakRssKb = usage.ru_maxrss;
        return result;
    }

    static QStringList ownTempFiles()
    {
        return QDir(QDir::tempPath())
            .entryList({QStringLiteral("leadgen-diag-gunzip-*"), QStringLiteral("leadgen-diag-stdin-*")}, QDir::Files);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(binary()), "build the leadgen-diag target first");
    }

    // The real program on endless and exploding inputs: a quick exit 2 naming the problem, with
    // memory bounded by the limit. First of the tests: the children are forked from a still small
    // test process, so their peak RSS is their own.
    void realProgramBounds_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("stdinFile");
        QTest::addColumn<QString>("reason");
        QTest::newRow("/dev/zero as FILE") << QStringList{QStringLiteral("inspect"), QStringLiteral("/dev/zero"),
                                                          QStringLiteral("--max-size"), QStringLiteral("64M")}
                                           << QString() << "limit";
        QTest::newRow("endless stdin") << QStringList{QStringLiteral("inspect"), QStringLiteral("-"),
                                                      QStringLiteral("--max-size"), QStringLiteral("64M")}
                                       << QStringLiteral("/dev/zero") << "limit";
        QTest::newRow("lint of /dev/zero") << QStringList{QStringLiteral("lint"), QStringLiteral("/dev/zero"),
                                                          QStringLiteral("--max-size"), QStringLiteral("64M")}
                                           << QString() << "limit";
        QTest::newRow("gzip bomb") << QStringList{QStringLiteral("inspect"), TestSupport::dataPath(QStringLiteral(
                                                                                 "malformed/bomb-64M-zeros.json.gz"))}
                                   << QString() << "decompression bomb";
    }

    void realProgramBounds()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, stdinFile);
        QFETCH(QString, reason);
        const Run result = runBinary(args, stdinFile);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(reason.toUtf8()), result.err.constData());
        // 64 MB limit: the process (about 20 MB on its own) stays under twice the limit.
        QVERIFY2(result.peakRssKb < 150 * 1024, qPrintable(QString::number(result.peakRssKb)));
        QVERIFY2(result.elapsedMs < 20000, qPrintable(QString::number(result.elapsedMs)));
        qInfo("%s: %lld ms, peak RSS %lld MB", QTest::currentDataTag(), result.elapsedMs, result.peakRssKb / 1024);
    }

    // The same bytes as a file and on standard input: the same status and the same reason.
    void fileAndStdinAgree_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("corrupt gzip") << TestSupport::readData(QStringLiteral("gzip/corrupt.json.gz")) << 2
                                      << "corrupt";
        QTest::newRow("truncated gzip") << TestSupport::readData(QStringLiteral("gzip/truncated.json.gz")) << 2
                                        << "truncated";
        QTest::newRow("trailing garbage")
            << TestSupport::readData(QStringLiteral("malformed/trailing-garbage.json.gz")) << 2 << "trailing garbage";
        QTest::newRow("bomb") << TestSupport::readData(QStringLiteral("malformed/bomb-64M-zeros.json.gz")) << 2
                              << "decompression bomb";
        QTest::newRow("over --max-size") << QByteArray(3000, ' ') + "{}" << 2 << "2048-byte limit";
    }

    void fileAndStdinAgree()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const QString path = TestSupport::writeFile(m_dir.path(), QStringLiteral("input.bin"), bytes);
        const QStringList limit{QStringLiteral("--max-size"), QStringLiteral("2K")};
        const bool sizeCase = reason.contains(QLatin1String("limit"));
        const TestSupport::CliRun fromFile =
            TestSupport::runCli(QStringList{QStringLiteral("inspect"), path} + (sizeCase ? limit : QStringList()));
        const TestSupport::CliRun fromStdin = TestSupport::runCli(
            QStringList{QStringLiteral("inspect"), QStringLiteral("-")} + (sizeCase ? limit : QStringList()), bytes);
        QCOMPARE(fromFile.status, status);
        QCOMPARE(fromStdin.status, status);
        QVERIFY2(fromFile.err.contains(reason), qPrintable(fromFile.err));
        QVERIFY2(fromStdin.err.contains(reason), qPrintable(fromStdin.err));
        QVERIFY2(!fromStdin.out.contains(QLatin1String("not_json")), qPrintable(fromStdin.out));
        if (sizeCase) {
            QVERIFY2(fromFile.err.contains(QLatin1String("--max-size")), qPrintable(fromFile.err));
            QVERIFY2(fromStdin.err.contains(QLatin1String("--max-size")), qPrintable(fromStdin.err));
        }
        QVERIFY2(ownTempFiles().isEmpty(), qPrintable(ownTempFiles().join(QLatin1Char(' '))));
    }

    // Inputs that are not JSON for a known reason are named as such, not by the byte the parser
    // stopped at.
    void namesTheProblem_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("notSaid");
        QTest::newRow("UTF-16LE BOM") << "utf16le-bom.json"
                                      << "UTF-16LE text (byte order mark FF FE)"
                                      << "control character";
        QTest::newRow("UTF-16BE no BOM") << "utf16be-no-bom.json"
                                         << "UTF-16BE text (a NUL byte next to each"
                                         << "control character";
        QTest::newRow("UTF-32LE BOM") << "utf32le-bom.json"
                                      << "UTF-32LE text"
                                      << "control character";
        QTest::newRow("// comment") << "comment.json"
                                    << "a comment (//): JSON has no comments"
                                    << "plain text";
        QTest::newRow("/* comment */") << "block-comment.json"
                                       << "a comment (/* */)"
                                       << "expected";
        QTest::newRow("NaN") << "nan.json"
                             << "NaN is not a JSON number"
                             << "found 'N'";
        QTest::newRow("-Infinity") << "infinity.json"
                                   << "-Infinity is not a JSON number"
                                   << "invalid number";
        QTest::newRow("gzip twice") << "double.json.gz"
                                    << "compressed twice"
                                    << "plain text";
        QTest::newRow("trailing garbage") << "trailing-garbage.json.gz"
                                          << "trailing garbage"
                                          << "incorrect header check";
    }

    void namesTheProblem()
    {
        QFETCH(QString, file);
        QFETCH(QString, named);
        QFETCH(QString, notSaid);
        const QString path = TestSupport::dataPath(QStringLiteral("malformed/") + file);
        for (const bool json : {false, true}) {
            QStringList args{QStringLiteral("inspect"), path};
            if (json)
                args << QStringLiteral("--json");
            const TestSupport::CliRun result = TestSupport::runCli(args);
            const QString all = result.out + result.err;
            QVERIFY2(all.contains(named), qPrintable(all));
            QVERIFY2(!all.contains(notSaid), qPrintable(all));
        }
    }

    // A batch where every object failed the same way: the text groups identical findings (size
    // proportional to distinct problems); --json keeps one finding per object up to
    // --max-findings and counts the rest in stats.
    void hugeBatchOutputIsBounded()
    {
        constexpr int kObjects = 5000;
        QByteArray body = "{\"result\":{\"creates\":[";
        for (int i = 0; i < kObjects; ++i)
            body += QByteArray(i ? "," : "") +
                    "{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}";
        body += "]},\"error\":null,\"id\":\"1\"}";

        const TestSupport::CliRun text = TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-")}, body);
        QCOMPARE(text.status, 1);
        const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() < 12, qPrintable(text.out.left(4000)));
        QVERIFY2(text.out.contains(QStringLiteral("%1 more like the above (error 301, objects 3 to %2)")
                                       .arg(kObjects - 3)
                                       .arg(kObjects - 1)),
                 qPrintable(text.out.left(4000)));

        const TestSupport::CliRun json =
            TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-"), QStringLiteral("--json"),
                                 QStringLiteral("--max-findings"), QStringLiteral("100")},
                                body);
        QCOMPARE(json.status, 1);
        const QJsonObject document = json.json();
        const qint64 total =
            document.value(QLatin1String("stats")).toObject().value(QLatin1String("findings")).toInteger();
        QVERIFY(total >= kObjects);
        QCOMPARE(document.value(QLatin1String("findings")).toArray().size(), 100);
        QCOMPARE(
            document.value(QLatin1String("stats")).toObject().value(QLatin1String("findings_left_out")).toInteger(),
            total - 100);
        QCOMPARE(document.value(QLatin1String("verdict")).toString(), QStringLiteral("all_failed"));
        // The failed rows of this huge batch follow the same limit.
        QCOMPARE(document.value(QLatin1String("batch")).toArray().size(), 100);
        QCOMPARE(document.value(QLatin1String("batch_rows")).toString(), QStringLiteral("failed"));
        QCOMPARE(
            document.value(QLatin1String("stats")).toObject().value(QLatin1String("batch_rows_left_out")).toInteger(),
            kObjects - 100);

        // The default keeps them all at this size.
        const TestSupport::CliRun all =
            TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-"), QStringLiteral("--json")}, body);
        QCOMPARE(all.json().value(QLatin1String("findings")).toArray().size(), total);
        QCOMPARE(
            all.json().value(QLatin1String("stats")).toObject().value(QLatin1String("findings_left_out")).toInteger(),
            0);
    }

    // A stream is read only up to the limit, not to its end.
    void streamStopsAtTheLimit()
    {
        EndlessDevice endless;
        QVERIFY(endless.open(QIODevice::ReadOnly));
        const qint64 limit = 40 << 20; // past the in-memory part, into the temporary file
        const JsonIndex index = JsonIndex::fromStream(endless, limit);
        QCOMPARE(index.status(), JsonIndex::Status::TooLarge);
        QVERIFY2(endless.served <= limit + (2 << 20), qPrintable(QString::number(endless.served)));
        QVERIFY(index.errorMessage().contains(QLatin1String("limit")));
        QVERIFY2(ownTempFiles().isEmpty(), qPrintable(ownTempFiles().join(QLatin1Char(' '))));
    }

    // Above the in-memory part, a stream that fits is indexed from its temporary file (unnamed
    // where the system allows it), which goes with the index.
    void bigStreamIsIndexed()
    {
        QByteArray big = "[" + QByteArray(40 << 20, ' ') + "1]";
        QBuffer buffer(&big);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        {
            const JsonIndex index = JsonIndex::fromStream(buffer);
            QVERIFY2(index.isValid(), qPrintable(index.errorMessage()));
            QCOMPARE(index.childCount(index.root()), 1);
            QCOMPARE(index.size(), big.size());
        }
        QVERIFY(ownTempFiles().isEmpty());
    }

    void directoryIsRefused()
    {
        const TestSupport::CliRun inspect = TestSupport::runCli({QStringLiteral("inspect"), m_dir.path()});
        QCOMPARE(inspect.status, 2);
        QVERIFY2(inspect.err.contains(QLatin1String("directory")), qPrintable(inspect.err));
        const TestSupport::CliRun lint = TestSupport::runCli({QStringLiteral("lint"), m_dir.path()});
        QCOMPARE(lint.status, 2);
        QVERIFY2(lint.err.contains(QLatin1String("directory")), qPrintable(lint.err));
    }

    void maxSizeOption_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("bytes") << "1000" << true;
        QTest::newRow("K") << "64K" << true;
        QTest::newRow("M") << "500M" << true;
        QTest::newRow("G") << "4G" << true;
        QTest::newRow("too big") << "5G" << false;
        QTest::newRow("zero") << "0" << false;
        QTest::newRow("words") << "lots" << false;
    }

    void maxSizeOption()
    {
        QFETCH(QString, value);
        QFETCH(bool, ok);
        const QByteArray body = R"({"result":{},"error":null,"id":"1"})";
        for (const QString& command : {QStringLiteral("inspect"), QStringLiteral("lint")}) {
            const TestSupport::CliRun result =
                TestSupport::runCli({command, QStringLiteral("-"), QStringLiteral("--max-size"), value}, body);
            if (ok)
                QVERIFY2(result.status != 2, qPrintable(result.err));
            else
                QVERIFY2(result.status == 2 && result.err.contains(QLatin1String("--max-size")),
                         qPrintable(result.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestInputLimits)
#include "tst_inputlimits.moc"
