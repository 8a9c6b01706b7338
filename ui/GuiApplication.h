#pragma once

#include <functional>

class QWidget;

// Creates the QApplication, applies the application identity, shows the main window.
class GuiApplication
{
public:
    // shown: called once with the main window right after it is shown (the startup benchmark's
    // exit-on-first-paint hook; leadgen-diag itself passes nothing).
    static int main(int argc, char** argv, const std::function<void(QWidget*)>& shown = {});
    // Identity shared by GUI, CLI and tests (QSettings paths, About dialog).
    static void applyIdentity();
};
