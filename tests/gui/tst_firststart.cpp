#include "GuiApplication.h"
#include "MainWindow.h"

#include <QApplication>
#include <QFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

// The first start on a screen smaller than the form's 1366×768 (a 1280×720 laptop panel, set
// up through the offscreen platform's screen configuration in main() below): the whole window,
// status bar included, is on the screen.
class TestFirstStart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_firststart"));
        QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry().size(), QSize(1280, 720));
    }

    void init() { QSettings().clear(); }

    void windowFitsTheScreen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4 on %5x%6")
                                                                            .arg(window.frameGeometry().x())
                                                                            .arg(window.frameGeometry().y())
                                                                            .arg(window.frameGeometry().width())
                                                                            .arg(window.frameGeometry().height())
                                                                            .arg(available.width())
                                                                            .arg(available.height())));
        const QRect status(window.statusBar()->mapToGlobal(QPoint()), window.statusBar()->size());
        QVERIFY(available.contains(status));
    }

    // A saved geometry is the user's choice: it is restored as it was.
    void savedGeometryKept()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1100, 650);
            window.close();
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1100, 650));
    }
};

int main(int argc, char** argv)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write("{\"screens\": [{\"name\": \"laptop\", \"x\": 0, \"y\": 0, \"width\": 1280, \"height\": 720, "
               "\"logicalDpi\": 96, \"logicalBpi\": 96, \"dpr\": 1}]}");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestFirstStart test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_firststart.moc"
