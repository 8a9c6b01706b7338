#include "ResponseAnalyzer.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

// ResponseAnalyzer, data-driven over tests/data/responses/cases.json (see the README there):
// every documented shape, quirk and malformed case, with the expected verdict and findings.
class TestResponseAnalyzer : public QObject
{
    Q_OBJECT

private:
    static QJsonArray cases()
    {
        const QJsonDocument doc =
            QJsonDocument::fromJson(TestSupport::readData(QStringLiteral("responses/cases.json")));
        return doc.object().value(QStringLiteral("cases")).toArray();
    }

    static QByteArray bodyOf(const QJsonObject& c)
    {
        if (c.contains(QStringLiteral("body")))
            return TestSupport::readData(QStringLiteral("responses/") + c.value(QStringLiteral("body")).toString());
        const QJsonObject g = c.value(QStringLiteral("generate")).toObject();
        if (g.value(QStringLiteral("kind")).toString() == QLatin1String("nested_arrays")) {
            const int depth = g.value(QStringLiteral("depth")).toInt();
            return g.value(QStringLiteral("prefix")).toString().toUtf8() + QByteArray(depth, '[') + "1" +
                   QByteArray(depth, ']') + g.value(QStringLiteral("suffix")).toString().toUtf8();
        }
        qFatal("case without body");
    }

    static ResponseAnalyzer::Context contextOf(const QJsonObject& c)
    {
        ResponseAnalyzer::Context context;
        if (c.contains(QStringLiteral("http_status")))
            context.httpStatus = c.value(QStringLiteral("http_status")).toInt();
        const QJsonObject headers = c.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            context.headers.append({it.key().toLatin1(), it.value().toString().toLatin1()});
        context.request = c.value(QStringLiteral("request")).toObject();
        return context;
    }

    static QString expectedExplanation(const Finding& f)
    {
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        if (f.code && catalog.byCode(*f.code))
            return ResponseAnalyzer::explanationFor(catalog.byCode(*f.code));
        return ResponseAnalyzer::explanationFor(catalog.byKey(f.key));
    }

    static QString describe(const Diagnosis& d)
    {
        return QString::fromUtf8(QJsonDocument(d.toJson()).toJson(QJsonDocument::Indented));
    }

private slots:
    void corpusIsLargeEnough()
    {
        QVERIFY2(cases().size() >= 40, "the acceptance asks for at least 40 response bodies");
        QVERIFY(ErrorCatalog::builtin().validationErrors().isEmpty());
    }

    void corpus_data()
    {
        QTest::addColumn<QJsonObject>("testCase");
        for (const QJsonValue& value : cases()) {
            const QJsonObject c = value.toObject();
            QTest::newRow(qPrintable(c.value(QStringLiteral("name")).toString())) << c;
        }
    }
    void corpus()
    {
        QFETCH(QJsonObject, testCase);
        const QByteArray body = bodyOf(testCase);
        const JsonIndex index = JsonIndex::fromBytes(body);
        const Diagnosis d = ResponseAnalyzer().analyze(index, contextOf(testCase));
        const QJsonObject expect = testCase.value(QStringLiteral("expect")).toObject();
        const QString dump = describe(d);

        QVERIFY2(Diagnosis::verdictName(d.verdict) == expect.value(QStringLiteral("verdict")).toString(),
                 qPrintable(dump));
        const QJsonValue requestId = expect.value(QStringLiteral("request_id"));
        QCOMPARE(d.requestId.has_value(), !requestId.isNull());
        if (d.requestId)
            QCOMPARE(*d.requestId, requestId.toString());
        const QJsonValue idMatches = expect.value(QStringLiteral("id_matches"));
        QCOMPARE(d.idMatches.has_value(), !idMatches.isNull());
        if (d.idMatches)
            QCOMPARE(*d.idMatches, idMatches.toBool());
        if (testCase.contains(QStringLiteral("http_status")))
            QCOMPARE(d.httpStatus, std::optional<int>(testCase.value(QStringLiteral("http_status")).toInt()));
        else
            QVERIFY(!d.httpStatus);
        const QJsonObject stats = expect.value(QStringLiteral("stats")).toObject();
        QCOMPARE(d.stats.bytes, qint64(body.size()));
        QCOMPARE(d.stats.objects, qint64(stats.value(QStringLiteral("objects")).toInt()));
        QCOMPARE(d.stats.failed, qint64(stats.value(QStringLiteral("failed")).toInt()));

        const QJsonArray findings = expect.value(QStringLiteral("findings")).toArray();
        QVERIFY2(d.findings.size() == findings.size(), qPrintable(dump));
        for (int i = 0; i < findings.size(); ++i) {
            const QJsonObject e = findings.at(i).toObject();
            const Finding& f = d.findings.at(i);
            const QByteArray where = QByteArray("finding ") + QByteArray::number(i) + ": " + f.message.toUtf8();
            QVERIFY2(Finding::severityName(f.severity) == e.value(QStringLiteral("severity")).toString(), where);
            QVERIFY2(f.code.has_value() == !e.value(QStringLiteral("code")).isNull(), where);
            if (f.code)
                QVERIFY2(*f.code == e.value(QStringLiteral("code")).toInt(), where);
            QVERIFY2(f.key == e.value(QStringLiteral("key")).toString(), where);
            QVERIFY2(f.known == e.value(QStringLiteral("known")).toBool(), where);
            QVERIFY2(Finding::levelName(f.level) == e.value(QStringLiteral("level")).toString(), where);
            QVERIFY2(f.path == e.value(QStringLiteral("path")).toString(), where + " path " + f.path.toUtf8());
            QVERIFY2(f.index == e.value(QStringLiteral("index")).toInt(-1), where);
            QVERIFY2(f.message.contains(e.value(QStringLiteral("message")).toString()), where);
            // The explanation is the catalogue's text, whatever that text currently is.
            // (after what the response itself names as rejected, when it does)
            QVERIFY2(f.explanation == expectedExplanation(f) ||
                         (f.explanation.endsWith(QLatin1Char(' ') + expectedExplanation(f)) &&
                          f.explanation.contains(QLatin1String(" was rejected"))),
                     where);
            if (f.node != JsonIndex::npos) {
                QCOMPARE(f.offset, index.offset(f.node));
                QCOMPARE(f.length, index.length(f.node));
                QCOMPARE(f.path, index.path(f.node));
            }
            if (f.offset >= 0) {
                QVERIFY(f.offset <= body.size());
                QVERIFY(f.line >= 1 && f.column >= 1);
            }
        }
        // Exit status 1 exactly when there are error findings, and never with an "ok" verdict.
        QCOMPARE(d.verdict == Diagnosis::Verdict::Ok, !d.hasErrors());

        // Quota counters, the next-page request and the verdict line, where the case says.
        if (expect.contains(QStringLiteral("quota"))) {
            const QJsonValue quota = expect.value(QStringLiteral("quota"));
            QCOMPARE(d.quota.isEmpty(), quota.isNull());
            QCOMPARE(d.toJson().value(QStringLiteral("quota")), quota);
        }
        if (expect.contains(QStringLiteral("next_page"))) {
            const QJsonValue next = expect.value(QStringLiteral("next_page"));
            QCOMPARE(d.nextPage.has_value(), !next.isNull());
            QCOMPARE(d.toJson().value(QStringLiteral("next_page")), next);
        }
        if (expect.contains(QStringLiteral("verdict_line_contains")))
            QVERIFY2(d.verdictLine().contains(expect.value(QStringLiteral("verdict_line_contains")).toString()),
                     qPrintable(d.verdictLine()));

        if (expect.contains(QStringLiteral("batch"))) {
            const QJsonArray rows = expect.value(QStringLiteral("batch")).toArray();
            QCOMPARE(d.batch.size(), rows.size());
            for (int i = 0; i < rows.size(); ++i) {
                const QJsonObject e = rows.at(i).toObject();
                const BatchRow& row = d.batch.at(i);
                QCOMPARE(row.index, e.value(QStringLiteral("index")).toInt());
                QCOMPARE(row.success, e.value(QStringLiteral("success")).toBool());
                QCOMPARE(row.code.has_value(), !e.value(QStringLiteral("code")).isNull());
                if (row.code)
                    QCOMPARE(*row.code, e.value(QStringLiteral("code")).toInt());
                if (e.contains(QStringLiteral("id")))
                    QCOMPARE(row.id, e.value(QStringLiteral("id")).toString());
                if (e.contains(QStringLiteral("request")))
                    QCOMPARE(row.requestLabel, e.value(QStringLiteral("request")).toString());
                QCOMPARE(
                    row.node,
                    index.child(index.member(index.member(index.root(), QLatin1String("result")), row.key), row.index));
            }
        }
    }

    void jsonShapeFollowsDesign()
    {
        ResponseAnalyzer::Context context;
        context.httpStatus = 200;
        context.request = QJsonObject{{QStringLiteral("id"), QStringLiteral("req-2")}};
        const Diagnosis d = ResponseAnalyzer().analyze(
            TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json")), context);
        const QJsonObject o = d.toJson();
        for (const char* key : {"verdict", "http_status", "request_id", "id_matches", "findings", "stats"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("partial_failure"));
        QCOMPARE(o.value(QStringLiteral("http_status")).toInt(), 200);
        QCOMPARE(o.value(QStringLiteral("request_id")).toString(), QStringLiteral("req-2"));
        QCOMPARE(o.value(QStringLiteral("id_matches")).toBool(), true);
        const QJsonObject stats = o.value(QStringLiteral("stats")).toObject();
        QCOMPARE(stats.keys(), (QStringList{"bytes", "failed", "objects"}));
        QCOMPARE(stats.value(QStringLiteral("failed")).toInt(), 1);
        const QJsonObject f = o.value(QStringLiteral("findings")).toArray().first().toObject();
        for (const char* key : {"severity", "code", "key", "known", "level", "path", "index", "message", "explanation"})
            QVERIFY2(f.contains(QLatin1String(key)), key);
        QCOMPARE(f.value(QStringLiteral("code")).toInt(), 301);
        QVERIFY(f.value(QStringLiteral("key")).isNull());
        QCOMPARE(f.value(QStringLiteral("index")).toInt(), 1);
        QCOMPARE(f.value(QStringLiteral("path")).toString(), QStringLiteral("$.result.creates[1].error"));
        QCOMPARE(f.value(QStringLiteral("line")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("batch_rows")).toString(), QStringLiteral("all"));
        QCOMPARE(o.value(QStringLiteral("batch")).toArray().size(), 2);

        const QJsonObject empty = ResponseAnalyzer().analyze(QByteArray()).toJson();
        QVERIFY(empty.value(QStringLiteral("http_status")).isNull());
        QVERIFY(empty.value(QStringLiteral("request_id")).isNull());
        QVERIFY(empty.value(QStringLiteral("id_matches")).isNull());
        QVERIFY(empty.value(QStringLiteral("findings"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("index"))
                    .isNull());
    }

    // When the error's data names what was rejected, the explanation starts with it.
    void explanationNamesRejectedField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("opening");
        QTest::newRow("batch object, data.field")
            << QByteArray("{\"result\": {\"creates\": [{\"success\": false, \"error\": {\"code\": 205, "
                          "\"message\": \"Invalid parameters\", \"data\": {\"field\": \"leadScore\"}}}]}, "
                          "\"error\": [], \"id\": \"1\"}")
            << QStringLiteral("leadScore was rejected. ");
        QTest::newRow("api level, data.field")
            << QByteArray("{\"result\": null, \"error\": {\"code\": 205, \"message\": \"Invalid parameters\", "
                          "\"data\": {\"field\": \"leadScore\"}}, \"id\": \"1\"}")
            << QStringLiteral("leadScore was rejected. ");
        QTest::newRow("documented params list")
            << QByteArray(
                   "{\"result\": {\"creates\": [{\"success\": \"false\", \"error\": {\"code\": 205, "
                   "\"message\": \"Invalid parameters\", \"data\": {\"params\": [{\"param\": \"id\", "
                   "\"message\": \"Expected data of type integer\", \"validFormat\": {\"type\": \"int\"}}]}}}]}, "
                   "\"error\": null, \"id\": \"1\"}")
            << QStringLiteral("id was rejected (Expected data of type integer). ");
    }
    void explanationNamesRejectedField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, opening);
        const Diagnosis d = ResponseAnalyzer(ErrorCatalog::builtin()).analyze(body);
        const auto it = std::find_if(d.findings.cbegin(), d.findings.cend(),
                                     [](const Finding& f) { return f.code == std::optional<int>(205); });
        QVERIFY2(it != d.findings.cend(), qPrintable(describe(d)));
        QVERIFY2(it->explanation.startsWith(opening), qPrintable(describe(d)));
        // Then the catalogue's general text.
        QVERIFY(it->explanation.endsWith(ResponseAnalyzer::explanationFor(ErrorCatalog::builtin().byCode(205))));
    }

    void explanationsComeFromTheCatalogue()
    {
        // A catalogue with recognisable texts: the analyzer must carry them, not its own prose.
        const QByteArray json =
            "{\"schema\":1,\"version\":\"t\",\"entries\":["
            "            {\"code\":301,\"name\":\"ENTRY_EXISTS\",\"title\":\"Entry exists\",\"message\":\"Entry "
            "already exists.\",\"summary\":\"S-301\"},"
            "            "
            "{\"key\":\"unknown_code\",\"name\":\"UNKNOWN_ERROR_CODE\",\"title\":\"Unknown\",\"summary\":\"S-unknown\"}"
            ","
            "            {\"key\":\"id_mismatch\",\"name\":\"ID_MISMATCH\",\"title\":\"Id\",\"summary\":\"\"}]}";
        ErrorCatalog catalog;
        // Deliberately incomplete (no causes, fixes, examples): it fails validation, but its
        // entries are still loaded, which is all this test needs.
        QVERIFY(!catalog.loadFromJson(json));
        QCOMPARE(int(catalog.entries().size()), 3);
        const ResponseAnalyzer analyzer(catalog);
        ResponseAnalyzer::Context context;
        context.request = QJsonObject{{QStringLiteral("id"), QStringLiteral("other")}};
        const Diagnosis d = analyzer.analyze(
            TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json")), context);
        QCOMPARE(d.findings.size(), 3);
        QCOMPARE(d.findings.at(0).explanation, QStringLiteral("S-301"));
        QCOMPARE(d.findings.at(0).title, QStringLiteral("Entry exists"));
        QCOMPARE(d.findings.at(1).key, QStringLiteral("id_mismatch"));
        QCOMPARE(d.findings.at(1).explanation, QStringLiteral("Id")); // summary empty: falls back to the title
        // Not in this catalogue: reported, without invented text.
        QCOMPARE(d.findings.at(2).key, QStringLiteral("batch_error_copies"));
        QVERIFY(!d.findings.at(2).known);
        QVERIFY(d.findings.at(2).explanation.isEmpty());

        const Diagnosis unknown =
            analyzer.analyze(TestSupport::readData(QStringLiteral("responses/bodies/api_error_unknown_code.json")));
        QCOMPARE(unknown.findings.first().explanation, QStringLiteral("S-unknown"));
        QCOMPARE(unknown.findings.first().known, false);

        // A key missing from the catalogue is reported as unknown, with no invented text.
        const Diagnosis missing = analyzer.analyze(QByteArray());
        QCOMPARE(missing.findings.first().key, QStringLiteral("empty_body"));
        QCOMPARE(missing.findings.first().known, false);
        QVERIFY(missing.findings.first().explanation.isEmpty());
    }

    void textOutput()
    {
        ResponseAnalyzer::Context context;
        context.httpStatus = 200;
        const Diagnosis d = ResponseAnalyzer().analyze(
            TestSupport::readData(QStringLiteral("responses/bodies/delete_leads_mixed.json")), context);
        const QStringList lines = d.toText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // verdict, two failed objects, the note on the top-level copies
        QVERIFY(lines.at(3).startsWith(QLatin1String("info")));
        QVERIFY2(lines.at(0).startsWith(QLatin1String("verdict: partial_failure (HTTP 200, 2 of 3 objects failed")),
                 qPrintable(lines.at(0)));
        QVERIFY(lines.at(1).startsWith(QLatin1String("error")));
        QVERIFY(lines.at(1).contains(QLatin1String("$.result.deletes[1].error")));
        QVERIFY(lines.at(1).contains(QLatin1String(" 404 ")));
        QVERIFY(lines.at(2).contains(QLatin1String(" 303 ")));
        const QString explanation = d.findings.at(0).explanation;
        if (!explanation.isEmpty())
            QVERIFY(lines.at(1).endsWith(QString(explanation).replace(QLatin1Char('\n'), QLatin1Char(' '))));
    }

    // MySQL's zero date and ids that are a string in one record and a number in the next are
    // what the service sends: no finding, and every view shows them exactly as sent.
    void valuesShownAsSent()
    {
        const JsonIndex index = JsonIndex::fromBytes(
            TestSupport::readData(QStringLiteral("responses/bodies/get_leads_zero_date_mixed_ids.json")));
        const Diagnosis d = ResponseAnalyzer().analyze(index, {});
        QCOMPARE(d.verdict, Diagnosis::Verdict::Ok);
        QVERIFY(d.findings.isEmpty());
        const JsonIndex::NodeId leads =
            index.member(index.member(index.root(), QLatin1String("result")), QLatin1String("lead"));
        const JsonIndex::NodeId first = index.child(leads, 0);
        const JsonIndex::NodeId second = index.child(leads, 1);
        const JsonIndex::NodeId zero = index.member(first, QLatin1String("updateTimestamp"));
        QCOMPARE(index.string(zero), QStringLiteral("0000-00-00 00:00:00"));
        QCOMPARE(index.displayValue(zero, 100), QStringLiteral("0000-00-00 00:00:00"));
        const JsonIndex::NodeId textId = index.member(first, QLatin1String("campaignID"));
        const JsonIndex::NodeId numberId = index.member(second, QLatin1String("campaignID"));
        QCOMPARE(index.type(textId), JsonIndex::Type::String);
        QCOMPARE(index.type(numberId), JsonIndex::Type::Number);
        // The same digits; the type column tells them apart, nothing converts one into the other.
        QCOMPARE(index.displayValue(textId, 100), QStringLiteral("12"));
        QCOMPARE(index.displayValue(numberId, 100), QStringLiteral("12"));
        QCOMPARE(JsonIndex::typeName(index.type(textId)), JsonIndex::typeName(JsonIndex::Type::String));
        QCOMPARE(index.displayValue(index.member(second, QLatin1String("id")), 100), QStringLiteral("88038560771"));

        // Created ids: a number stays its digits, a string keeps its leading zero.
        const Diagnosis created = ResponseAnalyzer().analyze(
            TestSupport::readData(QStringLiteral("responses/bodies/create_leads_mixed_ids.json")));
        QCOMPARE(created.batch.at(0).id, QStringLiteral("346743252994"));
        QCOMPARE(created.batch.at(1).id, QStringLiteral("0346743252995"));
        const QJsonArray rows = created.toJson().value(QStringLiteral("batch")).toArray();
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("0346743252995"));
    }

    void bytesOverloadDropsNodes()
    {
        const Diagnosis d = ResponseAnalyzer().analyze(
            TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json")));
        QCOMPARE(d.findings.first().node, JsonIndex::npos);
        QVERIFY(d.findings.first().offset > 0);
        QCOMPARE(d.batch.at(1).node, JsonIndex::npos);
    }

    // A filter changes what is built, never what is concluded: the verdict, the stats and the
    // counts by severity are those of the full analysis, and what it keeps is exactly what the
    // full analysis has (same text, paths, positions), in the same order.
    void filterKeepsConclusions_data() { corpus_data(); }
    void filterKeepsConclusions()
    {
        QFETCH(QJsonObject, testCase);
        // Keeps the findings of even objects (and those of no object), and every other row.
        struct EvenObjects : DiagnosisFilter
        {
            bool keepFinding(const Head& head) override { return head.index % 2 == 0 || head.index < 0; }
            bool keepRow(qint64 row, bool) override { return row % 2 == 0; }
        };
        const QByteArray body = bodyOf(testCase);
        const JsonIndex index = JsonIndex::fromBytes(body);
        const Diagnosis full = ResponseAnalyzer().analyze(index, contextOf(testCase));
        EvenObjects filter;
        const Diagnosis part = ResponseAnalyzer().analyze(index, contextOf(testCase), &filter);
        QCOMPARE(part.verdict, full.verdict);
        QCOMPARE(part.verdictLine(), full.verdictLine());
        QCOMPARE(part.stats.objects, full.stats.objects);
        QCOMPARE(part.stats.failed, full.stats.failed);
        for (const auto severity : {Finding::Severity::Error, Finding::Severity::Warning, Finding::Severity::Info})
            QCOMPARE(part.count(severity), full.count(severity));
        QCOMPARE(part.findings.size() + part.omittedFindings(), full.findings.size());
        QList<Finding> expected;
        for (const Finding& f : full.findings) {
            if (f.index % 2 == 0 || f.index < 0)
                expected.append(f);
        }
        QCOMPARE(part.findings.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QCOMPARE(part.findings.at(i).toJson(), expected.at(i).toJson());
            QCOMPARE(part.findings.at(i).node, expected.at(i).node);
        }
        QCOMPARE(part.batch.size() + part.batchRowsOmitted, full.batch.size());
        for (int i = 0; i < part.batch.size(); ++i) {
            QCOMPARE(part.batch.at(i).toJson(), full.batch.at(2 * i).toJson());
            QCOMPARE(part.batch.at(i).errorNode, full.batch.at(2 * i).errorNode);
            QCOMPARE(part.batch.at(i).requestObject, full.batch.at(2 * i).requestObject);
        }
    }

    void bigBatchAnalysisIsLinear()
    {
        // 100 000 batch elements, one in ten failed: rows and findings for each, in order.
        QByteArray body = "{\"result\":{\"creates\":[";
        QByteArray copies;
        for (int i = 0; i < 100000; ++i) {
            if (i)
                body.append(',');
            if (i % 10 == 3) {
                body.append(
                    "{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}");
                copies.append(copies.isEmpty() ? "" : ",");
                copies.append("{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}");
            } else {
                body.append("{\"success\":true,\"error\":null,\"id\":" + QByteArray::number(i) + "}");
            }
        }
        body.append("]},\"error\":[" + copies + "],\"id\":\"big\"}");
        const JsonIndex index = JsonIndex::fromBytes(body);
        const Diagnosis d = ResponseAnalyzer().analyze(index, {});
        QCOMPARE(d.verdict, Diagnosis::Verdict::PartialFailure);
        QCOMPARE(d.stats.objects, qint64(100000));
        QCOMPARE(d.stats.failed, qint64(10000));
        QCOMPARE(d.findings.size(), 10001); // one per failed object, one note on the top-level copies
        QCOMPARE(d.findings.last().key, QStringLiteral("batch_error_copies"));
        QCOMPARE(d.findings.at(9999).index, 99993);
        QCOMPARE(d.findings.at(9999).path, QStringLiteral("$.result.creates[99993].error"));
        QCOMPARE(d.batch.size(), 100000);
        // Above kMaxJsonBatchRows the JSON lists the failed rows only, and says so.
        const QJsonObject o = d.toJson();
        QCOMPARE(o.value(QStringLiteral("batch_rows")).toString(), QStringLiteral("failed"));
        QCOMPARE(o.value(QStringLiteral("batch")).toArray().size(), 10000);
        QCOMPARE(o.value(QStringLiteral("batch")).toArray().first().toObject().value(QStringLiteral("index")).toInt(),
                 3);
    }
};

QTEST_GUILESS_MAIN(TestResponseAnalyzer)
#include "tst_responseanalyzer.moc"
