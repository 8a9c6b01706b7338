#include "AnalysisTask.h"
#include "CallAnalysis.h"

#include <QSignalSpy>
#include <QtTest>

// CallAnalysis: a finished call is analysed once, at once when small, on a worker when big, and
// not at all without a response.
class TestCallAnalysis : public QObject
{
    Q_OBJECT

    static CallCapture capture(const QByteArray& body)
    {
        CallCapture capture;
        capture.hasResponse = true;
        capture.httpStatus = 200;
        capture.reasonPhrase = QStringLiteral("OK");
        capture.body = body;
        capture.bodySize = body.size();
        capture.requestBody = QByteArrayLiteral("{\"method\":\"getLeads\",\"params\":{},\"id\":\"r-1\"}");
        return capture;
    }

    static QByteArray leads(int count)
    {
        QByteArray body = QByteArrayLiteral("{\"result\":{\"lead\":[");
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                body += ',';
            body += "{\"id\":\"" + QByteArray::number(i) + "\",\"emailAddress\":\"lead" + QByteArray::number(i) +
                    "@example.com\"}";
        }
        return body + "]},\"error\":null,\"id\":\"r-1\"}";
    }

private slots:
    void initTestCase() { qRegisterMetaType<FinishedCall>(); }

    void analysedOnce_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("atOnce");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("small") << leads(3) << true << QStringLiteral("ok");
        QTest::newRow("api error") << QByteArray("{\"result\":null,\"error\":{\"code\":105,\"message\":\"Invalid "
                                                 "secret\",\"data\":[]},\"id\":\"r-1\"}")
                                   << true << QStringLiteral("api_error");
        QTest::newRow("big") << leads(60000) << false << QStringLiteral("ok");
    }

    void analysedOnce()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, atOnce);
        QFETCH(QString, verdict);
        QCOMPARE(body.size() <= CallAnalysis::kAnalyseNowLimit, atOnce);
        CallAnalysis analysis;
        QSignalSpy finished(&analysis, &CallAnalysis::finished);
        const int before = AnalysisTask::analysisCount();
        analysis.analyse(capture(body));
        QCOMPARE(finished.count(), atOnce ? 1 : 0);
        QCOMPARE(analysis.isRunning(), !atOnce);
        if (!atOnce)
            QVERIFY(finished.wait(20000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(AnalysisTask::analysisCount() - before, 1);
        const auto call = finished.constFirst().at(0).value<FinishedCall>();
        QVERIFY(call.analysis);
        QCOMPARE(Diagnosis::verdictName(call.analysis->diagnosis.verdict), verdict);
        QCOMPARE(call.capture.body, body);
        QVERIFY(!analysis.isRunning());
    }

    void nothingToAnalyse_data()
    {
        QTest::addColumn<bool>("hasResponse");
        QTest::addColumn<int>("layer");
        QTest::newRow("refused") << false << int(FailureLayer::ConnectionRefused);
        QTest::newRow("cancelled") << true << int(FailureLayer::Cancelled);
    }

    void nothingToAnalyse()
    {
        QFETCH(bool, hasResponse);
        QFETCH(int, layer);
        CallCapture failed = capture(QByteArray());
        failed.hasResponse = hasResponse;
        failed.layer = FailureLayer(layer);
        CallAnalysis analysis;
        QSignalSpy finished(&analysis, &CallAnalysis::finished);
        const int before = AnalysisTask::analysisCount();
        analysis.analyse(failed);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(AnalysisTask::analysisCount(), before);
        QVERIFY(!finished.constFirst().at(0).value<FinishedCall>().analysis);
    }

    void responseText()
    {
        FinishedCall call{capture(QByteArrayLiteral("{\"a\":1}")), nullptr, QString()};
        QCOMPARE(call.responseText(1024), QStringLiteral("{\n  \"a\": 1\n}"));
        call.capture = capture(leads(100));
        const QString cut = call.responseText(64);
        QVERIFY(cut.startsWith(QString::fromUtf8(leads(100).left(64))));
        QVERIFY(cut.contains(QLatin1String("the inspector shows the whole response")));
    }
};

QTEST_GUILESS_MAIN(TestCallAnalysis)
#include "tst_callanalysis.moc"
