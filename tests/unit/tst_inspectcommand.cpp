#include "Cli.h"
#include "CliRun.h"
#include "InspectCommand.h"
#include "JsonIndex.h"
#include "ResponseAnalyzer.h"
#include "TerminalText.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

// `leadgen-diag inspect` (docs/design.md, Command line): exit status, text and --json output, stdin, request
// correlation, and one clear stderr line for every kind of bad input.
class TestInspectCommand : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    static Run run(const QStringList& args, const QByteArray& stdinBytes = QByteArray())
    {
        return TestSupport::runCli(QStringList{QStringLiteral("inspect")} + args, stdinBytes);
    }
    static QString body(const char* name)
    {
        return TestSupport::dataPath(QStringLiteral("responses/bodies/") + QLatin1String(name));
    }
    // A batch with every kind of per-object finding, repeated past the grouping and the limits,
    // with or without the top-level copies (and a few copies no object carries).
    static QByteArray mixedBatch(int objects, bool copies)
    {
        static const char* const shapes[] = {
            R"({"success":true,"id":"7"})",
            R"({"success":false,"error":{"code":301,"message":"Entry already exists","data":[]}})",
            R"({"success":false,"error":{"code":"105","message":"x"}})",
            R"("not an object")",
            R"({"success":"false"})",
            R"({"success":true,"error":{"code":404,"message":"nf","data":{"field":"emailAddress"}}})",
            R"({"success":false,"error":"boom"})",
            R"({"success":false,"error":{"code":999999,"message":"odd\u202e"}})",
            R"({"error":{"message":"no code"}})",
            R"({"success":"maybe","error":null})",
            R"({"success":false,"error":{"code":301,"code":302,"message":"dup"}})",
            R"({"success":0,"error":{"code":303,"message":"m","data":{"params":[{"param":"a","message":"bad"}]}}})",
        };
        QByteArray elements;
        QByteArray errors;
        for (int i = 0; i < objects; ++i) {
            const QByteArray shape = shapes[(i * 7 + i / 5) % 12];
            elements += (i ? "," : "") + shape;
            const qsizetype at = shape.indexOf("\"error\":{");
            if (at >= 0)
                errors += (errors.isEmpty() ? "" : ",") + shape.mid(at + 8, shape.size() - at - 8 - 1);
        }
        return "{\"result\":{\"creates\":[" + elements + "],\"updates\":[" + elements +
               "]},\"error\":" + (copies ? "[" + errors + ",{\"code\":1},\"junk\"]" : QByteArray("null")) +
               ",\"id\":\"m\"}";
    }

private slots:
    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("ok") << QStringList{body("get_leads_page.json")} << 0 << QStringLiteral("ok");
        QTest::newRow("info only") << QStringList{body("get_list_members_has_more.json")} << 0 << QStringLiteral("ok");
        QTest::newRow("warning only") << QStringList{body("missing_id.json")} << 0 << QStringLiteral("ok");
        QTest::newRow("partial failure") << QStringList{body("create_leads_partial.json")} << 1
                                         << QStringLiteral("partial_failure");
        QTest::newRow("api error") << QStringList{body("api_error_105.json")} << 1 << QStringLiteral("api_error");
        QTest::newRow("not json") << QStringList{body("trailing_comma.json")} << 1 << QStringLiteral("not_json");
        QTest::newRow("empty") << QStringList{body("empty.json")} << 1 << QStringLiteral("empty");
        QTest::newRow("http status") << QStringList{body("get_leads_page.json"), QStringLiteral("--http-status"),
                                                    QStringLiteral("503")}
                                     << 1 << QStringLiteral("http_error");
        QTest::newRow("http status with =")
            << QStringList{body("html_502_gateway.html"), QStringLiteral("--http-status=502")} << 1
            << QStringLiteral("http_error");
    }
    void exitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, verdict);
        const Run text = run(args);
        QCOMPARE(text.status, status);
        QVERIFY2(text.err.isEmpty(), qPrintable(text.err));
        QVERIFY2(text.out.startsWith(QStringLiteral("verdict: ") + verdict + QLatin1String(" (")),
                 qPrintable(text.out));

        const Run json = run(args + QStringList{QStringLiteral("--json")});
        QCOMPARE(json.status, status);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError); // one JSON document, nothing else on stdout
        QCOMPARE(doc.object().value(QStringLiteral("verdict")).toString(), verdict);
    }

    void textHasOneLinePerFinding()
    {
        const Run r = run({body("delete_leads_mixed.json"), QStringLiteral("--http-status"), QStringLiteral("200")});
        QCOMPARE(r.status, 1);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // the verdict, two failed objects, the note on the top-level copies
        QVERIFY(lines.at(3).contains(QLatin1String("batch_error_copies")));
        QVERIFY(lines.at(0).startsWith(QLatin1String("verdict: partial_failure (HTTP 200, 2 of 3 objects failed")));
        QVERIFY(lines.at(1).contains(QLatin1String("$.result.deletes[1].error")));
        QVERIFY(lines.at(1).contains(QLatin1String("404")));
        QVERIFY(lines.at(2).contains(QLatin1String("$.result.deletes[2].error")));
        QVERIFY(lines.at(2).contains(QLatin1String("303")));
    }

    // The quota counters reach the verdict line and the JSON; with the request, a capped page
    // explains the cap and carries the next page's params.
    void quotaAndNextPage()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString requestPath = dir.filePath(QStringLiteral("request.json"));
        QFile request(requestPath);
        QVERIFY(request.open(QIODevice::WriteOnly));
        request.write("{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":10000},\"id\":\"page-500\"}");
        request.close();
        const Run text = run({body("get_leads_500_page.json"), QStringLiteral("--request"), requestPath});
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.section(QLatin1Char('\n'), 0, 0).contains(QLatin1String("call 1,036 of 50,000 today")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QLatin1String("page_capped")));

        const Run r =
            run({body("get_leads_500_page.json"), QStringLiteral("--request"), requestPath, QStringLiteral("--json")});
        QCOMPARE(r.status, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject quota = o.value(QStringLiteral("quota")).toObject();
        QCOMPARE(quota.value(QStringLiteral("call_count")).toInt(), 1036);
        QCOMPARE(quota.value(QStringLiteral("query_limit")).toInt(), 50000);
        QCOMPARE(quota.value(QStringLiteral("remaining")).toInt(), 48964);
        QCOMPARE(o.value(QStringLiteral("info")).toObject().value(QStringLiteral("callCount")).toInt(), 1036);
        const QJsonObject next = o.value(QStringLiteral("next_page")).toObject();
        QCOMPARE(next.value(QStringLiteral("offset")).toInt(), 500);
        const QJsonObject params = next.value(QStringLiteral("params")).toObject();
        QCOMPARE(params.value(QStringLiteral("offset")).toInt(), 500);
        QCOMPARE(params.value(QStringLiteral("limit")).toInt(), 500);
        QVERIFY(params.value(QStringLiteral("where")).isObject());

        // Without counters or a page to follow, both keys are null, never missing.
        const Run plain = run({body("api_error_105.json"), QStringLiteral("--json")});
        const QJsonObject p = QJsonDocument::fromJson(plain.out.toUtf8()).object();
        QVERIFY(p.contains(QStringLiteral("quota")) && p.value(QStringLiteral("quota")).isNull());
        QVERIFY(p.contains(QStringLiteral("next_page")) && p.value(QStringLiteral("next_page")).isNull());
    }

    void readsStdin()
    {
        const QByteArray bytes = TestSupport::readData(QStringLiteral("responses/bodies/api_error_105.json"));
        const Run r = run({QStringLiteral("-"), QStringLiteral("--json")}, bytes);
        QCOMPARE(r.status, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("request_id")).toString(), QStringLiteral("req-9"));
        QCOMPARE(o.value(QStringLiteral("stats")).toObject().value(QStringLiteral("bytes")).toInt(), bytes.size());
        const QJsonObject f = o.value(QStringLiteral("findings")).toArray().first().toObject();
        QCOMPARE(f.value(QStringLiteral("code")).toInt(), 105);
        QCOMPARE(f.value(QStringLiteral("level")).toString(), QStringLiteral("api"));

        const Run empty = run({QStringLiteral("-")}, QByteArray());
        QCOMPARE(empty.status, 1);
        QVERIFY(empty.out.startsWith(QLatin1String("verdict: empty")));
    }

    void requestCorrelation()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString requestPath = dir.filePath(QStringLiteral("request.json"));
        QFile request(requestPath);
        QVERIFY(request.open(QIODevice::WriteOnly));
        request.write("{\"method\":\"updateLeadsV2\",\"params\":{\"objects\":[{\"id\":\"88038560770\"},"
                      "{\"id\":\"999\",\"emailAddress\":\"ghost@example.com\"}]},\"id\":\"v2\"}");
        request.close();
        const Run r =
            run({body("update_leads_v2_404.json"), QStringLiteral("--request"), requestPath, QStringLiteral("--json")});
        QCOMPARE(r.status, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("id_matches")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("updateLeadsV2"));
        const QJsonArray rows = o.value(QStringLiteral("batch")).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("request")).toString(),
                 QStringLiteral("ghost@example.com"));
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("code")).toInt(), 404);

        const Run mismatch = run({body("id_mismatch.json"), QStringLiteral("--request=") + requestPath});
        QCOMPARE(mismatch.status, 0); // a warning, not an error
        QVERIFY(mismatch.out.contains(QLatin1String("id_mismatch")));
        QVERIFY(mismatch.out.contains(QLatin1String("id differs from the request")));
    }

    // inspect builds only the findings it prints (the analysis runs with a filter); the output is
    // what grouping or cutting the full analysis gives.
    void sameAsFullAnalysis_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("options");
        const QDir bodies(TestSupport::dataPath(QStringLiteral("responses/bodies")));
        for (const QString& name : bodies.entryList(QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << bodies.filePath(name) << QStringList();
        static QTemporaryDir dir;
        for (const bool copies : {false, true}) {
            const QString path = dir.filePath(copies ? QStringLiteral("copies.json") : QStringLiteral("mixed.json"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(mixedBatch(1200, copies));
            file.close();
            QTest::newRow(copies ? "mixed batch with copies" : "mixed batch") << path << QStringList();
            QTest::newRow(copies ? "mixed batch with copies, HTTP 502" : "mixed batch, HTTP 502")
                << path << QStringList{QStringLiteral("--http-status"), QStringLiteral("502")};
        }
    }
    void sameAsFullAnalysis()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, options);
        ResponseAnalyzer::Context context;
        if (options.size() == 2)
            context.httpStatus = options.at(1).toInt();
        const JsonIndex index = JsonIndex::fromFile(path);
        Diagnosis full = ResponseAnalyzer().analyze(index, context);

        const Run text = run(QStringList{path} + options);
        QCOMPARE(text.out, TerminalText::escape(InspectCommand::groupedText(full)));

        for (const int max : {1, 2, 500}) {
            const Run json = run(
                QStringList{path, QStringLiteral("--json"), QStringLiteral("--max-findings"), QString::number(max)} +
                options);
            // The full analysis cut the way --max-findings is documented (docs/design.md, Command line).
            Diagnosis cut = full;
            const qint64 total = full.findings.size();
            if (cut.findings.size() > max)
                cut.findings.resize(max);
            const bool onlyFailed = full.batch.size() > Diagnosis::kMaxJsonBatchRows;
            qint64 rowsLeftOut = 0;
            if (onlyFailed) {
                QList<BatchRow> kept;
                for (const BatchRow& row : std::as_const(full.batch)) {
                    if (row.success)
                        continue;
                    if (kept.size() < max)
                        kept.append(row);
                    else
                        ++rowsLeftOut;
                }
                cut.batch = kept;
            }
            QJsonObject expected = cut.toJson();
            if (onlyFailed)
                expected.insert(QStringLiteral("batch_rows"), QStringLiteral("failed"));
            QJsonObject stats = expected.value(QStringLiteral("stats")).toObject();
            stats.insert(QStringLiteral("findings"), double(total));
            stats.insert(QStringLiteral("findings_left_out"), double(std::max<qint64>(0, total - max)));
            stats.insert(QStringLiteral("batch_rows_left_out"), double(rowsLeftOut));
            expected.insert(QStringLiteral("stats"), stats);
            QCOMPARE(json.out,
                     TerminalText::escape(QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Indented))));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("no file") << QStringList() << QStringLiteral("missing FILE");
        QTest::newRow("two files") << QStringList{QStringLiteral("a"), QStringLiteral("b")}
                                   << QStringLiteral("one FILE only");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("x"), QStringLiteral("--frob")}
                                        << QStringLiteral("unknown option '--frob'");
        QTest::newRow("status not a number")
            << QStringList{QStringLiteral("x"), QStringLiteral("--http-status"), QStringLiteral("abc")}
            << QStringLiteral("--http-status needs a number");
        QTest::newRow("status out of range") << QStringList{QStringLiteral("x"), QStringLiteral("--http-status=42")}
                                             << QStringLiteral("from 100 to 599");
        QTest::newRow("status without value") << QStringList{QStringLiteral("x"), QStringLiteral("--http-status")}
                                              << QStringLiteral("--http-status needs a number");
        QTest::newRow("request without value") << QStringList{QStringLiteral("x"), QStringLiteral("--request")}
                                               << QStringLiteral("--request needs a FILE");
        QTest::newRow("both stdin") << QStringList{QStringLiteral("-"), QStringLiteral("--request"),
                                                   QStringLiteral("-")}
                                    << QStringLiteral("cannot both come from stdin");
        QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/response.json")}
                                      << QStringLiteral("cannot read /nonexistent/response.json");
        QTest::newRow("missing request") << QStringList{body("api_error_105.json"), QStringLiteral("--request"),
                                                        QStringLiteral("/nonexistent/request.json")}
                                         << QStringLiteral("cannot read /nonexistent/request.json");
        QTest::newRow("request not json")
            << QStringList{body("api_error_105.json"), QStringLiteral("--request"), body("trailing_comma.json")}
            << QStringLiteral("is not valid JSON");
        QTest::newRow("request not an object")
            << QStringList{body("api_error_105.json"), QStringLiteral("--request"), body("root_array.json")}
            << QStringLiteral("is not a request envelope");
        QTest::newRow("directory") << QStringList{TestSupport::dataPath(QStringLiteral("responses"))}
                                   << QStringLiteral("cannot read");
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, stderrContains);
        const Run r = run(args);
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }
};

QTEST_GUILESS_MAIN(TestInspectCommand)
#include "tst_inspectcommand.moc"
