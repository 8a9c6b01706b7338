#include "ComposerWidget.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

// The smallest supported window, 1024×700, on a 1024×768 screen (configured for the offscreen
// platform in main() below): whichever panel is open (error codes, the error gallery, history,
// getting started, the method list, the find bar) and before, during and after a call, the
// window's minimum stays within 1024×700 and the window does not grow past the screen. A
// panel opens under the inspector or as a tab beside another one; it never widens the window.
class TestWindowSize : public QObject
{
    Q_OBJECT

    static void trigger(MainWindow& window, const QString& actionName)
    {
        auto* action = window.findChild<QAction*>(actionName);
        QVERIFY2(action, qPrintable(actionName));
        if (!action->isCheckable() || !action->isChecked())
            action->trigger();
    }

    // Opens a panel the way a user does (its action, Explain, Ctrl+F).
    static void open(MainWindow& window, const QString& panel)
    {
        if (panel == QLatin1String("explain")) {
            window.explain(QStringLiteral("301"));
        } else if (panel == QLatin1String("method list")) {
            if (!window.composer()->methodListAction()->isChecked())
                window.composer()->methodListAction()->trigger();
        } else if (panel == QLatin1String("find bar")) {
            window.inspector()->showFindBar();
        } else if (!panel.isEmpty()) {
            trigger(window, panel);
        }
    }

    static QString sizes(const MainWindow& window)
    {
        const QSize minimum = window.minimumSizeHint();
        QString text = QStringLiteral("window %1x%2, minimum %3x%4")
                           .arg(window.width())
                           .arg(window.height())
                           .arg(minimum.width())
                           .arg(minimum.height());
        // What asks for the width: the central widget's and each open dock's minimum.
        const QRect frame = window.frameGeometry();
        text +=
            QStringLiteral(", frame %1,%2 %3x%4").arg(frame.x()).arg(frame.y()).arg(frame.width()).arg(frame.height());
        text += QStringLiteral("; inspector %1").arg(window.centralWidget()->minimumSizeHint().width());
        for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            if (dock->isVisible())
                text += QStringLiteral(", %1 %2").arg(dock->objectName()).arg(dock->minimumSizeHint().width());
        }
        return text;
    }

    // The window fits: its minimum is within 1024×700, it kept its width (a minimum above the
    // size makes the window grow past the screen) and, title bar and frame allowed for, it is
    // still within a 1024×768 screen.
    static bool fits(const MainWindow& window)
    {
        const QSize minimum = window.minimumSizeHint();
        return minimum.width() <= 1024 && minimum.height() <= 700 && window.width() <= 1024 &&
               window.height() <= 768 - 32;
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_windowsize"));
        QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry().size(), QSize(1024, 768));
    }

    void init() { QSettings().clear(); }

    // A first start on the small screen: the whole window is on it.
    void firstStartFitsTheScreen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showGettingStartedOnFirstRun());
        QCoreApplication::processEvents();
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()), qPrintable(sizes(window)));
        const QRect status(window.statusBar()->mapToGlobal(QPoint()), window.statusBar()->size());
        QVERIFY(available.contains(status));
        QVERIFY2(window.minimumSizeHint().width() <= available.width(), qPrintable(sizes(window)));
    }

    void panelsFit_data()
    {
        QTest::addColumn<QString>("panel");
        QTest::newRow("no panel") << QString();
        QTest::newRow("error codes") << QStringLiteral("actionShowErrorCodes");
        QTest::newRow("error codes on an entry") << QStringLiteral("explain");
        QTest::newRow("try an error") << QStringLiteral("actionTryError");
        QTest::newRow("history") << QStringLiteral("actionShowHistory");
        QTest::newRow("getting started") << QStringLiteral("actionToggleGettingStarted");
        QTest::newRow("method list") << QStringLiteral("method list");
        QTest::newRow("find bar") << QStringLiteral("find bar");
    }

    // Each panel opened at 1024×700, then a getLeads call on the built-in simulator: while it
    // runs and once its response is in the inspector, the window still fits.
    void panelsFit()
    {
        QFETCH(QString, panel);
        MainWindow window;
        window.resize(1024, 700);
        window.move(0, 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        open(window, panel);
        QCoreApplication::processEvents();
        QTRY_VERIFY2(fits(window), qPrintable(QStringLiteral("panel open: ") + sizes(window)));

        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 5, \"offset\": 0}"));
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        composer->send();
        QCoreApplication::processEvents();
        QVERIFY2(fits(window), qPrintable(QStringLiteral("during the call: ") + sizes(window)));
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        QCoreApplication::processEvents();
        QVERIFY2(fits(window), qPrintable(QStringLiteral("after the call: ") + sizes(window)));
    }
};

int main(int argc, char** argv)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write("{\"screens\": [{\"name\": \"small\", \"x\": 0, \"y\": 0, \"width\": 1024, \"height\": 768, "
               "\"logicalDpi\": 96, \"logicalBpi\": 96, \"dpr\": 1}]}");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestWindowSize test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowsize.moc"
