#include "CallCapture.h"
#include "ErrorCatalog.h"
#include "InspectorSession.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// The inspector's state without widgets: what is open, the request correlated with it, the
// analysis and its result, in the order the signals tell it.
class TestInspectorSession : public QObject
{
    Q_OBJECT

    // Every session signal, by name, in the order emitted (progress left out: its count varies).
    static QStringList record(InspectorSession& session, QStringList* log)
    {
        connect(&session, &InspectorSession::started, &session, [log] { log->append(QStringLiteral("started")); });
        connect(&session, &InspectorSession::indexReady, &session,
                [log] { log->append(QStringLiteral("indexReady")); });
        connect(&session, &InspectorSession::finished, &session, [log] { log->append(QStringLiteral("finished")); });
        connect(&session, &InspectorSession::canceled, &session, [log] { log->append(QStringLiteral("canceled")); });
        connect(&session, &InspectorSession::failed, &session, [log] { log->append(QStringLiteral("failed")); });
        connect(&session, &InspectorSession::openFailed, &session,
                [log] { log->append(QStringLiteral("openFailed")); });
        connect(&session, &InspectorSession::noResponse, &session,
                [log] { log->append(QStringLiteral("noResponse")); });
        connect(&session, &InspectorSession::requestChanged, &session,
                [log] { log->append(QStringLiteral("requestChanged")); });
        return *log;
    }

    static QByteArray batchBody()
    {
        return "{\"result\":{\"creates\":[{\"success\":true,\"error\":null},"
               "{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}]},"
               "\"error\":[],\"id\":\"7\"}";
    }

private slots:
    void openText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("status"); // 0 = no head
        QTest::addColumn<int>("verdict");

        QTest::newRow("bare body") << batchBody() << 0 << int(Diagnosis::Verdict::PartialFailure);
        QTest::newRow("curl -i") << QByteArray("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n"
                                               "<html><title>502</title></html>")
                                 << 502 << int(Diagnosis::Verdict::HttpError);
    }
    void openText()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, status);
        QFETCH(int, verdict);
        InspectorSession session;
        QStringList log;
        record(session, &log);
        QSignalSpy finished(&session, &InspectorSession::finished);
        session.openText(text, QStringLiteral("Pasted text"));
        QVERIFY(session.hasSource());
        QVERIFY(session.isAnalysing());
        QCOMPARE(session.source().kind, InspectorSession::Source::Kind::Text);
        QCOMPARE(session.source().title, QStringLiteral("Pasted text"));
        QCOMPARE(session.source().hasHead, status != 0);
        QCOMPARE(session.source().httpStatus.value_or(0), status);
        QVERIFY(finished.wait(10000));
        QCOMPARE(log, (QStringList{"started", "indexReady", "finished"}));
        QVERIFY(session.result());
        QCOMPARE(int(session.result()->diagnosis.verdict), verdict);
        QVERIFY(!session.isAnalysing());
    }

    void openFile()
    {
        const QString path = TestSupport::dataPath(QStringLiteral("responses/bodies/api_error_105.json"));
        InspectorSession session;
        QStringList log;
        record(session, &log);
        QSignalSpy finished(&session, &InspectorSession::finished);
        QVERIFY(session.openFile(path));
        QCOMPARE(session.source().kind, InspectorSession::Source::Kind::File);
        QCOMPARE(session.source().path, QFileInfo(path).absoluteFilePath());
        QCOMPARE(session.source().size(), QFileInfo(path).size());
        QCOMPARE(session.lastFile().first, QFileInfo(path).absoluteFilePath());
        QVERIFY(finished.wait(10000));
        QCOMPARE(log, (QStringList{"started", "indexReady", "finished"}));
        QCOMPARE(int(session.result()->diagnosis.verdict), int(Diagnosis::Verdict::ApiError));
    }

    void openFileFailures_data()
    {
        QTest::addColumn<QString>("response");
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("title");

        QTest::newRow("missing response") << "missing.json" << QString() << "Cannot open missing.json";
        QTest::newRow("directory") << "sub" << QString() << "Cannot open sub";
        QTest::newRow("request is not an envelope") << "response.json"
                                                    << "response.json"
                                                    << "Cannot use response.json as the request";
    }
    void openFileFailures()
    {
        QFETCH(QString, response);
        QFETCH(QString, request);
        QFETCH(QString, title);
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("response.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(batchBody());
        file.close();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));

        InspectorSession session;
        session.openText(batchBody(), QStringLiteral("before"));
        QStringList log;
        record(session, &log);
        QSignalSpy failed(&session, &InspectorSession::openFailed);
        QVERIFY(!session.openFile(dir.filePath(response), request.isEmpty() ? QString() : dir.filePath(request)));
        // The analysis of what was open before is canceled; nothing is open any more.
        QCOMPARE(log, (QStringList{"canceled", "openFailed"}));
        QCOMPARE(failed.constFirst().at(0).toString(), title);
        QVERIFY(!failed.constFirst().at(1).toString().isEmpty());
        QVERIFY(!session.hasSource());
        QVERIFY(!session.result());
    }

    void cancel()
    {
        InspectorSession session;
        QStringList log;
        record(session, &log);
        session.openText(QByteArray(4'000'000, ' ') + batchBody(), QStringLiteral("big"));
        session.cancel();
        QCOMPARE(log, (QStringList{"started", "canceled"}));
        QVERIFY(!session.isAnalysing());
        QVERIFY(!session.result());
        QVERIFY(session.hasSource()); // still open: it can be analysed again
        session.cancel();             // nothing running: no second signal
        QCOMPARE(log.size(), 2);
    }

    void failure()
    {
        // A gzip header over garbage: the file exists but cannot be read as a body.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("broken.json.gz")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x1f\x8b\x08\x00", 4) + QByteArray(64, 'x'));
        file.close();
        InspectorSession session;
        QStringList log;
        record(session, &log);
        QSignalSpy failed(&session, &InspectorSession::failed);
        QVERIFY(session.openFile(file.fileName()));
        QVERIFY(failed.wait(10000));
        QCOMPARE(log, (QStringList{"started", "failed"}));
        QVERIFY(!session.result());
    }

    void bigBody()
    {
        // A body of several MB goes through the worker like any other: the result shares its index.
        QByteArray body = "{\"result\":{\"lead\":[";
        for (int i = 0; i < 60000; ++i)
            body += "{\"id\":\"" + QByteArray::number(i) + "\",\"emailAddress\":\"someone@example.com\"},";
        body.chop(1);
        body += "]},\"error\":null,\"id\":\"1\"}";
        QVERIFY(body.size() > 3'000'000);
        InspectorSession session;
        QSignalSpy index(&session, &InspectorSession::indexReady);
        QSignalSpy finished(&session, &InspectorSession::finished);
        session.openText(body, QStringLiteral("big"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(index.size(), 1);
        QCOMPARE(session.result()->index->size(), body.size());
        QCOMPARE(session.result()->index, index.constFirst().at(0).value<std::shared_ptr<const JsonIndex>>());
        QCOMPARE(int(session.result()->diagnosis.verdict), int(Diagnosis::Verdict::Ok));
    }

    void openCapture()
    {
        CallCapture capture;
        capture.displayUrl = QStringLiteral("https://api.example/?secretKey=•••");
        capture.requestBody = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{},{}]},\"id\":\"7\"}";
        capture.hasResponse = true;
        capture.httpStatus = 200;
        capture.reasonPhrase = QStringLiteral("OK");
        capture.body = batchBody();
        capture.bodySize = capture.body.size();
        capture.bodyComplete = true;
        InspectorSession session;
        QStringList log;
        record(session, &log);
        QSignalSpy finished(&session, &InspectorSession::finished);
        session.openCapture(capture);
        QCOMPARE(session.source().kind, InspectorSession::Source::Kind::Received);
        QVERIFY(session.source().title.contains(QLatin1String("createLeads")));
        // The request sent is correlated: the id is checked, batch rows name their objects.
        QCOMPARE(session.request().value(QStringLiteral("method")).toString(), QStringLiteral("createLeads"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(log, (QStringList{"started", "indexReady", "finished"}));
        QVERIFY(session.result()->diagnosis.idMatches == std::optional<bool>(true));
        QVERIFY(session.result()->diagnosis.batch.at(1).hasRequestObject);
    }

    void openCaptureWithoutResponse()
    {
        CallCapture capture;
        capture.displayUrl = QStringLiteral("https://nowhere.example/");
        capture.layer = FailureLayer::Dns;
        capture.facts = QStringLiteral("nowhere.example: host not found");
        InspectorSession session;
        QStringList log;
        record(session, &log);
        QSignalSpy noResponse(&session, &InspectorSession::noResponse);
        session.openCapture(capture);
        QCOMPARE(log, QStringList{"noResponse"});
        QCOMPARE(noResponse.constFirst().at(0).value<CallCapture>().facts, capture.facts);
        QVERIFY(session.hasSource());
        QVERIFY(!session.result());
        QVERIFY(!session.isAnalysing());
    }

    void correlationRunsTheAnalysisAgain()
    {
        InspectorSession session;
        QSignalSpy finished(&session, &InspectorSession::finished);
        session.openText(batchBody(), QStringLiteral("pasted"));
        QVERIFY(finished.wait(10000));
        QVERIFY(!session.result()->diagnosis.idMatches.has_value());
        session.setSelectedFinding(0);
        QCOMPARE(session.selectedFinding(), 0);

        QStringList log;
        record(session, &log);
        QSignalSpy selected(&session, &InspectorSession::selectedFindingChanged);
        session.setRequestEnvelope(QJsonObject{{QStringLiteral("method"), QStringLiteral("createLeads")},
                                               {QStringLiteral("params"), QJsonObject()},
                                               {QStringLiteral("id"), QStringLiteral("8")}},
                                   QStringLiteral("typed"));
        QCOMPARE(session.requestDescription(), QStringLiteral("typed"));
        QCOMPARE(selected.size(), 1); // a new analysis forgets the selection
        QCOMPARE(session.selectedFinding(), -1);
        QVERIFY(finished.wait(10000));
        QCOMPARE(log, (QStringList{"requestChanged", "started", "indexReady", "finished"}));
        QVERIFY(session.result()->diagnosis.idMatches == std::optional<bool>(false));

        // Opening another response forgets the request.
        session.openText(batchBody(), QStringLiteral("again"));
        QVERIFY(session.request().isEmpty());
    }

    void openExample()
    {
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(301);
        QVERIFY(entry && entry->example.isObject());
        InspectorSession session;
        QSignalSpy finished(&session, &InspectorSession::finished);
        session.openExample(*entry);
        QCOMPARE(session.source().kind, InspectorSession::Source::Kind::Example);
        QVERIFY(session.source().httpStatus == entry->exampleHttpStatus);
        QVERIFY(finished.wait(10000));
        QVERIFY(session.result()->diagnosis.hasErrors());
    }
};

QTEST_GUILESS_MAIN(TestInspectorSession)
#include "tst_inspectorsession.moc"
