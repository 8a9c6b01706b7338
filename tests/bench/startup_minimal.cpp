// The baseline of bench_startup: the smallest Qt Widgets program with a main window (a menu bar,
// a central label, a status bar), shown and painted once, with the same first-paint hook as
// startup_app. Whatever leadgen-diag spends above this is ours.
#include "FirstPaintExit.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("&File"));
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(1366, 768);
    window.show();
    exitOnFirstPaint(&window);
    return app.exec();
}
