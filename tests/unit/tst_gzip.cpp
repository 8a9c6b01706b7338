#include "CliRun.h"
#include "Gzip.h"
#include "JsonIndex.h"
#include "ResponseAnalyzer.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QtTest>

// gzip-compressed responses (docs/design.md, Big responses: sizes after decompression): Gzip itself, JsonIndex
// reading .gz files and bytes, the analyzer's note, and `inspect` on a .gz file.
class TestGzip : public QObject
{
    Q_OBJECT

    static QByteArray plain()
    {
        return TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json"));
    }

    static QStringList gunzipTempFiles()
    {
        return QDir(QDir::tempPath()).entryList({QStringLiteral("leadgen-diag-gunzip-*")}, QDir::Files);
    }

private slots:
    void decompress_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("error");
        QTest::newRow("one member") << "partial.json.gz" << true << QString();
        QTest::newRow("two members") << "concatenated.json.gz" << true << QString();
        QTest::newRow("truncated") << "truncated.json.gz" << false << "truncated";
        QTest::newRow("corrupt") << "corrupt.json.gz" << false << "corrupt";
    }

    void decompress()
    {
        QFETCH(QString, file);
        QFETCH(bool, ok);
        QFETCH(QString, error);
        const QByteArray compressed = TestSupport::readData(QStringLiteral("gzip/") + file);
        QVERIFY(Gzip::isGzip(compressed));
        QString message;
        const std::optional<QByteArray> result = Gzip::decompress(compressed, 1 << 20, &message);
        QCOMPARE(result.has_value(), ok);
        if (ok)
            QCOMPARE(*result, plain());
        else
            QVERIFY2(message.contains(error), qPrintable(message));
    }

    void limitsTheDecompressedSize()
    {
        QString message;
        const QByteArray compressed = TestSupport::readData(QStringLiteral("gzip/lead-page-big.json.gz"));
        QVERIFY(!Gzip::decompress(compressed, 100'000, &message));
        QVERIFY2(message.contains(QLatin1String("larger than 100000 bytes")), qPrintable(message));
    }

    void notGzip()
    {
        QVERIFY(!Gzip::isGzip(plain()));
        QVERIFY(!Gzip::isGzip(QByteArrayView("\x1f")));
        // Plain JSON is indexed as before and carries no compressed size.
        const JsonIndex index = JsonIndex::fromBytes(plain());
        QVERIFY(index.isValid());
        QCOMPARE(index.compressedSize(), 0);
    }

    void indexFromFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("leads");
        QTest::newRow("small (read)") << "partial.json.gz" << -1;
        QTest::newRow("big (mapped)") << "lead-page-big.json.gz" << 4000;
    }

    void indexFromFile()
    {
        QFETCH(QString, file);
        QFETCH(int, leads);
        const QStringList before = gunzipTempFiles();
        const QString path = TestSupport::dataPath(QStringLiteral("gzip/") + file);
        {
            const JsonIndex index = JsonIndex::fromFile(path);
            QVERIFY2(index.isValid(), qPrintable(index.errorMessage()));
            QCOMPARE(index.compressedSize(), QFileInfo(path).size());
            QVERIFY(index.size() > index.compressedSize());
            if (leads > 0) {
                const JsonIndex::NodeId result = index.member(index.root(), QLatin1String("result"));
                QCOMPARE(index.childCount(index.member(result, QLatin1String("lead"))), leads);
            } else {
                QCOMPARE(index.bytes().toByteArray(), plain());
            }
        }
        // The decompressed copy goes with the index.
        QCOMPARE(gunzipTempFiles(), before);
    }

    void indexFromBrokenFile()
    {
        const JsonIndex index = JsonIndex::fromFile(TestSupport::dataPath(QStringLiteral("gzip/truncated.json.gz")));
        QCOMPARE(index.status(), JsonIndex::Status::Unreadable);
        QVERIFY2(index.errorMessage().contains(
                     QLatin1String("truncated.json.gz is gzip-compressed and the gzip data is truncated")),
                 qPrintable(index.errorMessage()));
    }

    void analyzerNotesTheCompression()
    {
        const QByteArray compressed = TestSupport::readData(QStringLiteral("gzip/partial.json.gz"));
        const JsonIndex index = JsonIndex::fromBytes(compressed);
        QVERIFY(index.isValid());
        const Diagnosis diagnosis = ResponseAnalyzer().analyze(index, {});
        QCOMPARE(diagnosis.verdict, Diagnosis::Verdict::PartialFailure);
        bool noted = false;
        for (const Finding& f : diagnosis.findings) {
            if (f.key == QLatin1String("gzip_body")) {
                noted = true;
                QCOMPARE(f.severity, Finding::Severity::Info);
                QVERIFY2(
                    f.message.contains(
                        QStringLiteral("%1 bytes decompressed to %2 bytes").arg(compressed.size()).arg(plain().size())),
                    qPrintable(f.message));
                QVERIFY(!f.explanation.isEmpty());
            }
        }
        QVERIFY(noted);
    }

    void inspectCommand()
    {
        const TestSupport::CliRun run = TestSupport::runCli(
            {QStringLiteral("inspect"), TestSupport::dataPath(QStringLiteral("gzip/partial.json.gz")),
             QStringLiteral("--json")});
        QCOMPARE(run.status, 1); // the body inside has a failed object
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QStringLiteral("verdict")).toString(), QStringLiteral("partial_failure"));
        QCOMPARE(json.value(QStringLiteral("stats")).toObject().value(QStringLiteral("bytes")).toInteger(),
                 plain().size());
        QStringList keys;
        for (const QJsonValue& f : json.value(QStringLiteral("findings")).toArray())
            keys << f.toObject().value(QStringLiteral("key")).toString();
        QVERIFY2(keys.contains(QStringLiteral("gzip_body")), qPrintable(keys.join(QLatin1Char(','))));

        const TestSupport::CliRun broken = TestSupport::runCli(
            {QStringLiteral("inspect"), TestSupport::dataPath(QStringLiteral("gzip/corrupt.json.gz"))});
        // A broken .gz is unreadable input: exit 2, one line on stderr saying why.
        QCOMPARE(broken.status, 2);
        QVERIFY(broken.out.isEmpty());
        QVERIFY2(broken.err.contains(QLatin1String("gzip data is corrupt")), qPrintable(broken.err));
    }
};

QTEST_GUILESS_MAIN(TestGzip)
#include "tst_gzip.moc"
