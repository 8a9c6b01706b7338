#include "GuiApplication.h"

#include "FirstPaintProbe.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

void GuiApplication::applyIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEADGEN_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Leadgen Diag"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.leadgendiag.LeadgenDiag"));
}

int GuiApplication::main(int argc, char** argv)
{
    QApplication app(argc, argv);
    applyIdentity();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/leadgen/icons/app.svg")));

    MainWindow window;
    const QStringList args = app.arguments();
    window.show();
    if (args.size() > 1)
        window.openFile(args.at(1));
    window.showGettingStartedOnFirstRun();
    FirstPaintProbe::install(&window);
    return app.exec();
}
