#include "Gzip.h"
#include "HarReader.h"
#include "TestSupport.h"

#include <QtTest>

// HAR 1.2 files in the shapes of five exporters (tests/data/har, written from the HAR 1.2
// specification and the exporters' known quirks), a broken one, and the secret key met on import.
class TestHarReader : public QObject
{
    Q_OBJECT

    struct Read
    {
        bool ok = false;
        QString error;
        QList<ImportedCall> calls;
        QList<HarReader::Problem> problems;
        QString creator;
    };

    static Read readAll(const QString& path)
    {
        Read result;
        HarReader reader(path);
        result.ok = reader.open() && reader.read([&result](ImportedCall&& call) {
            result.calls.append(call);
            return true;
        });
        result.error = reader.error();
        result.problems = reader.problems();
        result.creator = reader.creator();
        return result;
    }

    static QStringList canaries()
    {
        return {QStringLiteral("CANARY-CHROME-7f3a9"), QStringLiteral("CANARY-FIREFOX-11"),
                QStringLiteral("CANARY-CHARLES-22"),   QStringLiteral("CANARY-FIDDLER-33"),
                QStringLiteral("CANARY-INSOMNIA-44"),  QStringLiteral("CANARY-HEADER-55"),
                QStringLiteral("CANARY-COOKIE-66")};
    }

private slots:
    void exporters_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("creator");
        QTest::addColumn<int>("entries");
        QTest::addColumn<int>("apiCalls");
        QTest::addColumn<int>("firstApi");     // index of the first API call
        QTest::addColumn<QString>("method");   // its request envelope's method
        QTest::addColumn<int>("status");       // its HTTP status
        QTest::addColumn<QString>("bodyPart"); // in its decoded response body ("" = no body kept)
        QTest::addColumn<qint64>("timeMs");

        const auto at = [](const char* iso) {
            return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
        };
        QTest::newRow("chrome: plain text body, non-API GET")
            << "chrome.har"
            << "WebInspector" << 3 << 2 << 0 << "createLeads" << 200 << "Entry already exists"
            << at("2026-11-02T10:15:30.123Z");
        QTest::newRow("firefox: body left out, time offset")
            << "firefox.har"
            << "Firefox" << 2 << 2 << 0 << "getLeads" << 200 << "" << at("2026-11-02T10:15:30.123Z");
        QTest::newRow("charles: base64 of gzip, CONNECT entry")
            << "charles.har"
            << "Charles Proxy" << 2 << 1 << 1 << "getLeads" << 200 << "User authentication failed"
            << at("2026-11-02T10:20:00.000Z");
        QTest::newRow("fiddler: 7 fraction digits, form params, HTML 502")
            << "fiddler.har"
            << "Fiddler" << 2 << 2 << 0 << "" << 502 << "502 Bad Gateway" << at("2026-11-02T10:25:00.123Z");
        QTest::newRow("insomnia: secret in URL, query, cookie and header")
            << "insomnia.har"
            << "Insomnia" << 1 << 1 << 0 << "createLeads" << 200 << "Entry already exists"
            << at("2026-11-02T10:15:30.123Z");
    }

    void exporters()
    {
        QFETCH(QString, file);
        QFETCH(QString, creator);
        QFETCH(int, entries);
        QFETCH(int, apiCalls);
        QFETCH(int, firstApi);
        QFETCH(QString, method);
        QFETCH(int, status);
        QFETCH(QString, bodyPart);
        QFETCH(qint64, timeMs);

        const Read read = readAll(TestSupport::dataPath(QStringLiteral("har/") + file));
        QVERIFY2(read.ok, qPrintable(read.error));
        QVERIFY(read.problems.isEmpty());
        QCOMPARE(read.creator, creator);
        QCOMPARE(read.calls.size(), entries);
        int api = 0;
        for (const ImportedCall& call : read.calls)
            api += call.isApiCall() ? 1 : 0;
        QCOMPARE(api, apiCalls);
        const ImportedCall& call = read.calls.at(firstApi);
        QVERIFY(call.isApiCall());
        QCOMPARE(call.index, firstApi);
        QVERIFY(call.line > 1);
        QCOMPARE(call.apiMethod(), method);
        QCOMPARE(call.httpStatus, std::optional<int>(status));
        QCOMPARE(call.timeMs, timeMs);
        QCOMPARE(call.elapsedMs, qint64(232));
        if (bodyPart.isEmpty()) {
            QVERIFY(call.responseBodyMissing);
            QVERIFY(call.responseBody.isEmpty());
        } else {
            QVERIFY2(call.responseBody.contains(bodyPart.toUtf8()), call.responseBody.constData());
        }
        // Every exporter's file carries a key: it is masked and reported.
        QVERIFY(call.secretMasked);
        QVERIFY2(call.url.contains(QStringLiteral("secretKey=\u2022\u2022\u2022")), qPrintable(call.url));
    }

    void formParamsBecomeTheBody()
    {
        const Read read = readAll(TestSupport::dataPath(QStringLiteral("har/fiddler.har")));
        QVERIFY(read.ok);
        QVERIFY2(read.calls.at(0).requestBody.startsWith("data=%7B%22method%22"),
                 read.calls.at(0).requestBody.constData());
    }

    void noSecretSurvivesImport_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file : {"chrome.har", "firefox.har", "charles.har", "fiddler.har", "insomnia.har"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }

    void noSecretSurvivesImport()
    {
        QFETCH(QString, file);
        const Read read = readAll(TestSupport::dataPath(QStringLiteral("har/") + file));
        QVERIFY(read.ok);
        for (const ImportedCall& call : read.calls) {
            QByteArray all = call.url.toUtf8() + call.requestBody + call.responseBody;
            for (const ImportedCall::Header& header : call.requestHeaders + call.responseHeaders)
                all += header.first + ": " + header.second + '\n';
            for (const QString& canary : canaries())
                QVERIFY2(!all.contains(canary.toUtf8()), qPrintable(canary + QStringLiteral(" in ") + file));
        }
    }

    void insomniaHeaderAndCookieMasked()
    {
        const Read read = readAll(TestSupport::dataPath(QStringLiteral("har/insomnia.har")));
        QVERIFY(read.ok);
        const ImportedCall& call = read.calls.at(0);
        QByteArray secretHeader;
        QByteArray cookie;
        for (const ImportedCall::Header& header : call.requestHeaders) {
            if (header.first == "X-Secret-Key")
                secretHeader = header.second;
            if (header.first == "Cookie")
                cookie = header.second;
        }
        QCOMPARE(QString::fromUtf8(secretHeader), QStringLiteral("\u2022\u2022\u2022"));
        QCOMPARE(QString::fromUtf8(cookie), QStringLiteral("session=abc; secretKey=\u2022\u2022\u2022"));
    }

    void brokenEntryAndCutOffFileKeepTheRest()
    {
        const Read read = readAll(TestSupport::dataPath(QStringLiteral("har/malformed.har")));
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(read.calls.size(), 1); // entry 0; entry 1 is broken, entry 2 cut off
        QCOMPARE(read.problems.size(), 2);
        // Entry 1 starts on line 65; its missing comma is on line 70 of the file.
        QCOMPARE(read.problems.at(0).line, qint64(65));
        QVERIFY2(read.problems.at(0).message.contains(QLatin1String("entry 1 skipped")),
                 qPrintable(read.problems.at(0).message));
        QVERIFY2(read.problems.at(0).message.contains(QLatin1String("line 70")),
                 qPrintable(read.problems.at(0).message));
        QCOMPARE(read.problems.at(1).line, qint64(115));
        QVERIFY(read.problems.at(1).message.contains(QLatin1String("cut off")));
    }

    void notAHar()
    {
        QTemporaryDir dir;
        const QString path = TestSupport::writeFile(dir.path(), QStringLiteral("x.har"), "{\"result\": null}");
        HarReader reader(path);
        QVERIFY(!reader.open());
        QVERIFY(reader.error().contains(QLatin1String("not a HAR")));
        QVERIFY(!HarReader::looksLikeHar("[]"));
        QVERIFY(HarReader::looksLikeHar("\xEF\xBB\xBF {\n \"log\": {"));
    }

    void gzipCompressedHar()
    {
        QTemporaryDir dir;
        const QByteArray plain = TestSupport::readData(QStringLiteral("har/chrome.har"));
        const QString path = TestSupport::writeFile(dir.path(), QStringLiteral("chrome.har.gz"), Gzip::compress(plain));
        const Read read = readAll(path);
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(read.calls.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestHarReader)
#include "tst_harreader.moc"
