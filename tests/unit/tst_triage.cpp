#include "Diagnosis.h"
#include "Gzip.h"
#include "HarWriter.h"
#include "ImportedCall.h"
#include "ImportSource.h"
#include "SupportBundle.h"
#include "TestSupport.h"
#include "Triage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

// Triage over a constructed JSON Lines log, a folder of response files, a bundle and a HAR: exact
// counts, the documented JSON shape, malformed lines reported with their numbers.
class TestTriage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QByteArray record(const QByteArray& request, const QByteArray& response, const char* time,
                             const QByteArray& extra = {})
    {
        QByteArray line = "{\"request\":" + request + ",\"response\":" + response + ",\"http_status\":200";
        if (time)
            line += ",\"time\":\"" + QByteArray(time) + '"';
        return line + extra + "}\n";
    }

    static QByteArray compact(const QString& relative)
    {
        return QJsonDocument::fromJson(TestSupport::readData(relative)).toJson(QJsonDocument::Compact);
    }

    struct Run
    {
        Triage triage;
        QString error;
        bool ok = false;
    };

    static void run(const QStringList& paths, Run* out)
    {
        ImportSource::Handlers handlers;
        handlers.call = [out](ImportedCall&& call) {
            out->triage.addCall(call);
            return true;
        };
        handlers.problem = [out](const QString& source, qint64 line, const QString& message) {
            out->triage.addProblem(source, line, message);
        };
        handlers.secret = [out](const QString& source) { out->triage.addSecretSource(source); };
        out->ok = true;
        for (const QString& path : paths)
            out->ok = ImportSource::read(path, handlers, &out->error) && out->ok;
    }

    QString constructedLog()
    {
        const QByteArray create = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":\"a@example."
                                  "com\"},{\"emailAddress\":\"b@example.com\"}]},\"id\":\"req-2\"}";
        const QByteArray getLeads = "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":5},\"id\":\"req-9\"}";
        const QByteArray partial = compact(QStringLiteral("responses/bodies/create_leads_partial.json"));
        QByteArray log;
        log += record(create, partial, "2026-11-02T10:00:00Z");                       // 1
        log += compact(QStringLiteral("responses/bodies/api_error_105.json")) + '\n'; // 2 bare
        log += "\n";                                                                  // 3 blank
        log += "not json {\n";                                                        // 4 malformed
        log +=
            record(getLeads, "{\"result\":{\"lead\":[]},\"error\":null,\"id\":\"req-9\"}", "2026-11-02T11:00:00Z"); // 5
        log += "[1,2]\n";                                           // 6 not an object
        log += record(create, partial, "2026-11-02T12:30:00.250Z"); // 7
        log += "curl -X POST 'https://api.example.com/pubapi/v1.2/?accountID=1&secretKey=CANARY-LOG-77'\n"; // 8
        log += record("null", "{\"ok\":true}", nullptr, ",\"url\":\"https://cdn.example.com/app.js\"");     // 9 not API
        // 10: time as seconds since the epoch
        log += record("{\"method\":\"getLeads\",\"params\":{\"limit\":5},\"id\":\"g1\"}",
                      compact(QStringLiteral("responses/bodies/api_error_205_no_result.json")), nullptr,
                      ",\"time\":1762084800");
        return TestSupport::writeFile(m_dir.path(), QStringLiteral("constructed.jsonl"), log);
    }

private slots:
    void constructedLogCountsExactly()
    {
        Run result;
        run({constructedLog()}, &result);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QJsonObject json = result.triage.toJson();
        QCOMPARE(json.value(QLatin1String("calls")).toInt(), 6);
        QCOMPARE(json.value(QLatin1String("api_calls")).toInt(), 5);
        const QJsonObject verdicts = json.value(QLatin1String("verdicts")).toObject();
        QCOMPARE(verdicts, (QJsonObject{{QStringLiteral("partial_failure"), 2},
                                        {QStringLiteral("api_error"), 2},
                                        {QStringLiteral("ok"), 1}}));
        const QJsonArray byCode = json.value(QLatin1String("by_code")).toArray();
        QCOMPARE(byCode.size(), 3);
        const QJsonObject first = byCode.at(0).toObject();
        const QStringList keys = first.keys();
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()),
                 (QSet<QString>{QStringLiteral("code"), QStringLiteral("count"), QStringLiteral("methods"),
                                QStringLiteral("first_seen"), QStringLiteral("last_seen"), QStringLiteral("example")}));
        QCOMPARE(first.value(QLatin1String("code")), QJsonValue(301));
        QCOMPARE(first.value(QLatin1String("count")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("methods")).toArray(), QJsonArray{QStringLiteral("createLeads")});
        QCOMPARE(first.value(QLatin1String("first_seen")).toString(), QStringLiteral("2026-11-02T10:00:00.000Z"));
        QCOMPARE(first.value(QLatin1String("last_seen")).toString(), QStringLiteral("2026-11-02T12:30:00.250Z"));
        const QJsonObject example = first.value(QLatin1String("example")).toObject();
        QVERIFY(example.value(QLatin1String("source")).toString().endsWith(QLatin1String("constructed.jsonl")));
        QCOMPARE(example.value(QLatin1String("index")).toInt(), 0);
        QCOMPARE(example.value(QLatin1String("line")).toInt(), 1);

        // 105 came as a bare response: no method, no time.
        const QJsonObject auth = byCode.at(1).toObject();
        QCOMPARE(auth.value(QLatin1String("code")), QJsonValue(105));
        QCOMPARE(auth.value(QLatin1String("methods")).toArray(), QJsonArray());
        QVERIFY(auth.value(QLatin1String("first_seen")).isNull());
        QCOMPARE(auth.value(QLatin1String("example")).toObject().value(QLatin1String("index")).toInt(), 1);
        const QJsonObject noResult = byCode.at(2).toObject();
        QCOMPARE(noResult.value(QLatin1String("code")), QJsonValue(205));
        QCOMPARE(noResult.value(QLatin1String("first_seen")).toString(), QStringLiteral("2025-11-02T12:00:00.000Z"));

        const QJsonArray byMethod = json.value(QLatin1String("by_method")).toArray();
        QCOMPARE(byMethod.size(), 2);
        QCOMPARE(byMethod.at(0).toObject().value(QLatin1String("method")).toString(), QStringLiteral("createLeads"));
        QCOMPARE(byMethod.at(1).toObject().value(QLatin1String("count")).toInt(), 2);
        QCOMPARE(byMethod.at(1).toObject().value(QLatin1String("failed")).toInt(), 1);
    }

    void malformedLinesReportedWithNumbers()
    {
        Run result;
        run({constructedLog()}, &result);
        QList<qint64> lines;
        for (const Triage::Problem& problem : result.triage.problems())
            lines.append(problem.line);
        QCOMPARE(lines, (QList<qint64>{4, 6, 8}));
        QVERIFY(result.triage.problems().at(1).message.contains(QLatin1String("not an object")));
        // The cURL line carried a key: the file is reported, the key is in nothing kept.
        QCOMPARE(result.triage.secretSources().size(), 1);
        const QByteArray everything = QJsonDocument(result.triage.toJson()).toJson() + result.triage.toText().toUtf8();
        QVERIFY(!everything.contains("CANARY-LOG-77"));
    }

    // A gzip-compressed log gives the same summary as the plain one, whether the name says so
    // (.jsonl.gz) or only the content does; the log is repeated past the reader's 4 MB chunk so
    // that lines are cut across decompressed chunks.
    void compressedLogTriagesLikePlain_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("jsonl.gz") << QStringLiteral("big.jsonl.gz");
        QTest::newRow("ndjson.gz") << QStringLiteral("big.ndjson.gz");
        QTest::newRow("content only") << QStringLiteral("big.gz");
    }
    void compressedLogTriagesLikePlain()
    {
        QFETCH(QString, name);
        QFile constructed(constructedLog());
        QVERIFY(constructed.open(QIODevice::ReadOnly));
        const QByteArray once = constructed.readAll();
        // Blank padding lines (skipped, but counted as lines) keep the number of calls small.
        const QByteArray padding = QByteArray(64 << 10, ' ') + '\n';
        QByteArray log;
        while (log.size() < (5 << 20))
            log += once + padding;
        const QString plainPath = TestSupport::writeFile(m_dir.path(), QStringLiteral("big.jsonl"), log);
        const QString gzPath = TestSupport::writeFile(m_dir.path(), name, Gzip::compress(log));
        Run plain;
        run({plainPath}, &plain);
        Run compressed;
        run({gzPath}, &compressed);
        QVERIFY2(compressed.ok, qPrintable(compressed.error));
        const QJsonObject a = plain.triage.toJson();
        const QJsonObject b = compressed.triage.toJson();
        QVERIFY(a.value(QLatin1String("calls")).toInt() > 400);
        for (const char* key : {"calls", "api_calls", "verdicts"})
            QCOMPARE(b.value(QLatin1String(key)), a.value(QLatin1String(key)));
        QCOMPARE(b.value(QLatin1String("by_code")).toArray().size(),
                 a.value(QLatin1String("by_code")).toArray().size());
        QCOMPARE(compressed.triage.problems().size(), plain.triage.problems().size());
        for (int i = 0; i < plain.triage.problems().size(); ++i)
            QCOMPARE(compressed.triage.problems().at(i).line, plain.triage.problems().at(i).line);
        QCOMPARE(compressed.triage.secretSources().size(), 1);
    }

    // A cut-off .jsonl.gz: the lines before the cut are counted, and the file is reported as
    // truncated gzip, not as malformed lines.
    void truncatedCompressedLogNamesTheProblem()
    {
        QFile constructed(constructedLog());
        QVERIFY(constructed.open(QIODevice::ReadOnly));
        const QByteArray gz = Gzip::compress(constructed.readAll());
        const QString path =
            TestSupport::writeFile(m_dir.path(), QStringLiteral("cut.jsonl.gz"), gz.left(gz.size() - 12));
        Run result;
        run({path}, &result);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("gzip")) && result.error.contains(QLatin1String("truncated")),
                 qPrintable(result.error));
    }

    // Highly repetitive data past the first 10 MB is refused as a likely bomb while it is read,
    // as for a compressed response.
    void compressedLogBombIsRefused()
    {
        const QByteArray blank(40 << 20, '\n');
        const QString path =
            TestSupport::writeFile(m_dir.path(), QStringLiteral("bomb.jsonl.gz"), Gzip::compress(blank));
        Run result;
        run({path}, &result);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("decompression bomb")), qPrintable(result.error));
    }

    void folderOfResponseFilesAndHar()
    {
        const QString folder = m_dir.filePath(QStringLiteral("folder"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/nested")));
        TestSupport::writeFile(folder, QStringLiteral("a.json"),
                               TestSupport::readData(QStringLiteral("responses/bodies/api_error_105.json")));
        // Pretty-printed over several lines: still one response.
        TestSupport::writeFile(
            folder, QStringLiteral("b.json"),
            QJsonDocument::fromJson(TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json")))
                .toJson(QJsonDocument::Indented));
        QFile::copy(TestSupport::dataPath(QStringLiteral("har/chrome.har")), folder + QStringLiteral("/nested/c.har"));
        Run result;
        run({folder}, &result);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.triage.calls(), 2 + 3);
        QCOMPARE(result.triage.apiCalls(), 2 + 2);
        QCOMPARE(result.triage.verdicts().value(QStringLiteral("api_error")), 2);
        QCOMPARE(result.triage.verdicts().value(QStringLiteral("partial_failure")), 2);
        QCOMPARE(result.triage.secretSources(), QStringList{folder + QStringLiteral("/nested/c.har")});
    }

    void bundleAndExportedHarAgree()
    {
        // The same calls as a bundle and as an exported HAR triage alike.
        ImportedCall call;
        call.url =
            QStringLiteral("https://api.example.com/pubapi/v1.2/?accountID=7&secretKey=%E2%80%A2%E2%80%A2%E2%80%A2");
        call.httpMethod = QStringLiteral("POST");
        call.requestBody = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":\"a@example.com\"},{"
                           "\"emailAddress\":\"b@example.com\"}]},\"id\":\"req-2\"}";
        call.httpStatus = 200;
        call.responseBody = TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json"));
        call.timeMs = 1762077600000;
        const Diagnosis diagnosis = call.diagnose();
        HistoryRecord record = call.toRecord(&diagnosis);
        record.id = 5;
        const QList<HistoryRecord> records{record, record};
        const QString bundlePath = m_dir.filePath(QStringLiteral("t.lgdbundle"));
        QString error;
        QVERIFY(SupportBundle::make(records, false).write(bundlePath, &error));
        const QString harPath = m_dir.filePath(QStringLiteral("t.har"));
        QVERIFY(HarWriter::write(harPath, records, &error));
        QCOMPARE(ImportSource::detect(bundlePath), ImportSource::Kind::Bundle);
        QCOMPARE(ImportSource::detect(harPath), ImportSource::Kind::Har);
        Run fromBundle;
        run({bundlePath}, &fromBundle);
        Run fromHar;
        run({harPath}, &fromHar);
        QVERIFY(fromBundle.ok && fromHar.ok);
        QCOMPARE(fromBundle.triage.apiCalls(), 2);
        QCOMPARE(fromHar.triage.apiCalls(), 2);
        QCOMPARE(fromBundle.triage.verdicts(), fromHar.triage.verdicts());
        QCOMPARE(fromBundle.triage.codeRows().at(0).count, 2);
        QCOMPARE(fromHar.triage.codeRows().at(0).code, QVariant(301));
        QVERIFY(fromBundle.triage.secretSources().isEmpty()); // a mask is not a secret
        QVERIFY(fromHar.triage.secretSources().isEmpty());
    }

    void missingBodyIsNotAnApiVerdict()
    {
        Run result;
        run({TestSupport::dataPath(QStringLiteral("har/firefox.har"))}, &result);
        QCOMPARE(result.triage.verdicts().value(QStringLiteral("body_not_recorded")), 1);
        QCOMPARE(result.triage.verdicts().value(QStringLiteral("ok")), 1);
        QVERIFY(result.triage.codeRows().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTriage)
#include "tst_triage.moc"
