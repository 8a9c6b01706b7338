#pragma once

// Creates the QApplication, applies the application identity and style, shows the main window.
class GuiApplication
{
public:
    static int main(int argc, char** argv);
    // Identity shared by GUI, CLI and tests (QSettings paths, About dialog).
    static void applyIdentity();
};
