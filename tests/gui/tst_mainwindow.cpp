#include "ComposerWidget.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

// The application shell (issue 2 §7): tabs, status bar, About text, and the
// window state remembered between runs.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_mainwindow"));
    }

    void init() { QSettings().clear(); }

    void firstRunTabs()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 3);
        // First run: the composer (on the simulator) is where a newcomer starts.
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("composerTab"));
        // Every tab holds its feature: no placeholder is left.
        QVERIFY(!window.findChild<QWidget*>(QStringLiteral("composerPlaceholder")));
        QVERIFY(!window.findChild<QWidget*>(QStringLiteral("inspectorPlaceholder")));
    }

    // The composer fills its tab, its actions are in the Request menu, and the status bar names
    // the environment.
    void composerTab()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tab = window.findChild<QWidget*>(QStringLiteral("composerTab"));
        ComposerWidget* composer = window.composer();
        QVERIFY(composer);
        QCOMPARE(composer->parentWidget(), tab);
        QVERIFY(composer->isVisible());
        auto* menu = window.findChild<QMenu*>(QStringLiteral("menuRequest"));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(composer->sendAction()));
        QVERIFY(menu->actions().contains(composer->copyCurlWithSecretAction()));
        // A call sent to the simulator: the result line links to the inspector, which has it.
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
        auto* result = composer->findChild<QLabel*>(QStringLiteral("resultLabel"));
        QVERIFY2(result->text().contains(QLatin1String("href=\"inspect\"")), qPrintable(result->text()));
        emit result->linkActivated(QStringLiteral("inspect"));
        QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("mainTabs"))->currentWidget()->objectName(),
                 QStringLiteral("inspectorTab"));

        // The simulator is the default environment and started with the window.
        const QString status = window.findChild<QLabel*>(QStringLiteral("statusEnvironment"))->text();
        QVERIFY2(status.startsWith(QLatin1String("Simulator running on 127.0.0.1:")), qPrintable(status));
    }

    // The inspector fills its tab; with nothing opened it says how to open or paste a response.
    void inspectorTab()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
        tabs->setCurrentWidget(window.findChild<QWidget*>(QStringLiteral("inspectorTab")));
        QVERIFY(window.inspector());
        QVERIFY(window.inspector()->isVisible());
        QVERIFY(window.inspector()->findChild<QWidget*>(QStringLiteral("emptyState"))->isVisible());
        // Its open and paste actions are in the File menu.
        auto* file = window.findChild<QMenu*>(QStringLiteral("menuFile"));
        QVERIFY(file->actions().contains(window.inspector()->openAction()));
        QVERIFY(file->actions().contains(window.inspector()->pasteAction()));
    }

    void aboutNamesVersions()
    {
        MainWindow window;
        const QString text = window.aboutText();
        QVERIFY(text.contains(QLatin1String(LEADGEN_VERSION)));
        QVERIFY(!ErrorCatalog::builtin().version().isEmpty());
        QVERIFY(text.contains(ErrorCatalog::builtin().version()));
        QVERIFY(text.contains(QString::number(ErrorCatalog::builtin().entries().size())));
        QVERIFY(text.contains(QLatin1String(QT_VERSION_STR)));
    }

    void statusBarShowsCatalogue()
    {
        MainWindow window;
        auto* label = window.findChild<QLabel*>(QStringLiteral("statusCatalogue"));
        QVERIFY(label);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        QVERIFY(label->text().contains(catalog.version()));
        QVERIFY(label->text().contains(QString::number(catalog.entries().size())));
        // The browser's feedback reaches the status bar.
        window.errorBrowser()->showEntry(105);
        window.errorBrowser()->findChild<QToolButton*>(QStringLiteral("copyTextButton"))->click();
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("105")));
    }

    void geometryAndTabAreRemembered()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1100, 650);
            QTRY_COMPARE(window.size(), QSize(1100, 650));
            window.findChild<QTabWidget*>(QStringLiteral("mainTabs"))
                ->setCurrentWidget(window.findChild<QWidget*>(QStringLiteral("inspectorTab")));
            QVERIFY(window.close());
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(1100, 650));
        QCOMPARE(again.findChild<QTabWidget*>(QStringLiteral("mainTabs"))->currentWidget()->objectName(),
                 QStringLiteral("inspectorTab"));
    }

    // Fits a small laptop screen with room to spare.
    void fitsSmallScreens()
    {
        MainWindow window;
        const QSize minimum = window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    }

    void findErrorCodeAction()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("actionFindErrorCode"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
