#include "ByteSize.h"
#include "CallAnalysis.h"
#include "ErrorCatalog.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "SendBar.h"
#include "VerdictBanner.h"

#include <QLabel>
#include <QSettings>
#include <QtTest>

// A response's size is written one way everywhere: the composer's result line and the
// inspector's banner agree (one formatting function, SI units).
class TestSizes : public QObject
{
    Q_OBJECT

    // A JSON envelope of exactly `bytes` bytes.
    static QByteArray body(int bytes)
    {
        const QByteArray head = "{\"result\": {\"note\": \"";
        const QByteArray tail = "\"}, \"error\": null, \"id\": \"1\"}";
        return head + QByteArray(bytes - head.size() - tail.size(), 'x') + tail;
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_sizes"));
    }

    void init() { QSettings().clear(); }

    void oneUnitSystem_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("501,600 bytes") << 501'600 << QStringLiteral("501.6 kB");
        QTest::newRow("2,500,000 bytes") << 2'500'000 << QStringLiteral("2.5 MB");
    }

    void oneUnitSystem()
    {
        QFETCH(int, bytes);
        QFETCH(QString, shown);
        QLocale::setDefault(QLocale::c());
        QCOMPARE(ByteSize::text(bytes), shown);

        CallCapture capture;
        capture.displayUrl = QStringLiteral("http://127.0.0.1:1/pubapi/v1.2/?secretKey=•••");
        capture.requestBody = QByteArrayLiteral("{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"1\"}");
        capture.hasResponse = true;
        capture.httpStatus = 200;
        capture.reasonPhrase = QStringLiteral("OK");
        capture.responseHeaders = {{"Content-Type", "application/json"}};
        capture.body = body(bytes);
        capture.bodySize = capture.body.size();
        capture.totalMs = 12;

        CallAnalysis analysis;
        QSignalSpy analysed(&analysis, &CallAnalysis::finished);
        analysis.analyse(capture);
        QVERIFY(!analysed.isEmpty() || analysed.wait(20000));
        const auto call = analysed.constFirst().constFirst().value<FinishedCall>();
        QVERIFY(call.analysis);

        SendBar bar;
        bar.showCall(call, false);
        auto* result = bar.findChild<QLabel*>(QStringLiteral("resultLabel"));
        QVERIFY(result);
        QVERIFY2(result->text().contains(shown), qPrintable(result->text()));

        InspectorWidget inspector(ErrorCatalog::builtin());
        inspector.resize(1366, 768);
        inspector.show();
        QSignalSpy loaded(&inspector, &InspectorWidget::loaded);
        inspector.openAnalysedCall(call);
        QVERIFY(!loaded.isEmpty() || loaded.wait(20000));
        auto* banner = inspector.findChild<VerdictBanner*>(QStringLiteral("verdictBanner"));
        QVERIFY(banner);
        QVERIFY2(banner->details().contains(shown), qPrintable(banner->details()));
        QLocale::setDefault(QLocale::system());
    }
};

QTEST_MAIN(TestSizes)
#include "tst_sizes.moc"
