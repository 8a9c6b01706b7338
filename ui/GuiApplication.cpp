#include "GuiApplication.h"

#include "ErrorCatalog.h"
#include "FirstPaintProbe.h"
#include "MainWindow.h"
#include "MethodCatalog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <thread>

void GuiApplication::applyIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEADGEN_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Leadgen Diag"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.leadgendiag.LeadgenDiag"));
}

int GuiApplication::main(int argc, char** argv, const std::function<void(QWidget*)>& shown)
{
    QApplication app(argc, argv);
    // Parsing the two catalogues is a good part of startup (tests/bench/bench_startup). They are
    // function-local statics, so they are parsed here on a worker while the first widgets are
    // set up; a first use on the GUI thread waits for that parse to end. (Not before QApplication:
    // Qt takes the first thread that creates a QObject for its main thread.)
    std::thread catalogues([] {
        ErrorCatalog::builtin();
        MethodCatalog::builtin();
    });
    applyIdentity();

    MainWindow window;
    catalogues.join(); // long done: the window used both
    const QStringList args = QCoreApplication::arguments();
    window.show();
    if (args.size() > 1)
        window.openFile(args.at(1));
    window.showGettingStartedOnFirstRun();
    if (shown)
        shown(&window);
    // Loading the SVG icon loads the image plugins (about a millisecond and a half); nothing in
    // the first frame draws it.
    FirstPaintProbe::afterFirstPaint(
        &window, [] { QApplication::setWindowIcon(QIcon(QStringLiteral(":/leadgen/icons/app.svg"))); });
    return QApplication::exec();
}
