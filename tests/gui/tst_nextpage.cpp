#include "ComposerWidget.h"
#include "GuiApplication.h"
#include "InspectorSession.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "VerdictBanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

// A full page of a paginated method offers "Next page" in the inspector's verdict: one click (or
// the keyboard) sends the same request with offset + limit through the composer, and the
// inspector shows the page after it. The verdict line also carries the account's quota counters.
class TestNextPage : public QObject
{
    Q_OBJECT

    // The ids of the leads in the response the inspector shows.
    static QStringList leadIds(const MainWindow& window)
    {
        const QJsonObject body = QJsonDocument::fromJson(window.inspector()->session()->source().body).object();
        QStringList ids;
        for (const QJsonValue& lead :
             body.value(QStringLiteral("result")).toObject().value(QStringLiteral("lead")).toArray())
            ids << lead.toObject().value(QStringLiteral("id")).toVariant().toString();
        return ids;
    }

    static QJsonObject requestParams(const MainWindow& window)
    {
        return window.inspector()->session()->request().value(QStringLiteral("params")).toObject();
    }

    // Sends getLeads with these params from the composer; true once the inspector has the answer.
    static bool sendGetLeads(MainWindow& window, const QString& params)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(params);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        composer->send();
        return loaded.wait(10000);
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_nextpage"));
    }

    void init() { QSettings().clear(); }

    void nextPage_data()
    {
        QTest::addColumn<bool>("keyboard");
        QTest::newRow("click") << false;
        QTest::newRow("keyboard") << true;
    }

    void nextPage()
    {
        QFETCH(bool, keyboard);
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(sendGetLeads(window, QStringLiteral("{\"where\": {}, \"limit\": 5, \"offset\": 0}")));
        const QStringList first = leadIds(window);
        QCOMPARE(first.size(), 5);

        auto* banner = window.inspector()->findChild<VerdictBanner*>(QStringLiteral("verdictBanner"));
        auto* next = window.inspector()->findChild<QPushButton*>(QStringLiteral("nextPageButton"));
        QVERIFY(banner && next);
        QVERIFY(next->isVisible());
        QVERIFY2(next->focusPolicy() & Qt::TabFocus, "reachable with Tab");
        // The quota counters every response carries are in the verdict line.
        QVERIFY2(banner->details().contains(QLatin1String(" today")), qPrintable(banner->details()));

        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        if (keyboard) {
            next->setFocus();
            QTest::keyClick(next, Qt::Key_Space);
        } else {
            QTest::mouseClick(next, Qt::LeftButton);
        }
        QVERIFY(loaded.wait(10000));
        const QJsonObject params = requestParams(window);
        QCOMPARE(params.value(QStringLiteral("offset")).toInt(), 5);
        QCOMPARE(params.value(QStringLiteral("limit")).toInt(), 5);
        const QStringList second = leadIds(window);
        QCOMPARE(second.size(), 5);
        for (const QString& id : second)
            QVERIFY2(!first.contains(id), qPrintable(id));
        // The next 5 in the service's order: the same as one page of 10 from the start.
        QVERIFY(sendGetLeads(window, QStringLiteral("{\"where\": {}, \"limit\": 10, \"offset\": 0}")));
        QCOMPARE(leadIds(window), first + second);
    }

    // An empty page after the last one: no button, and the verdict says it is the end.
    void endOfResults()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(sendGetLeads(window, QStringLiteral("{\"where\": {}, \"limit\": 5, \"offset\": 100000}")));
        QVERIFY(leadIds(window).isEmpty());
        auto* next = window.inspector()->findChild<QPushButton*>(QStringLiteral("nextPageButton"));
        QVERIFY(next);
        QVERIFY(!next->isVisible());
        auto* banner = window.inspector()->findChild<VerdictBanner*>(QStringLiteral("verdictBanner"));
        QVERIFY2(banner->details().contains(QLatin1String("end of results: 100000 records in all")),
                 qPrintable(banner->details()));
    }
};

QTEST_MAIN(TestNextPage)
#include "tst_nextpage.moc"
