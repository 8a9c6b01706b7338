// Thin entry point: a CLI subcommand runs on QCoreApplication (no display needed), anything else
// starts the GUI.
#include "Cli.h"
#include "FirstPaintProbe.h"
#include "GuiApplication.h"

#include <QtGlobal>

int main(int argc, char** argv)
{
    if (Cli::wantsCli(argc, argv))
        return Cli::main(argc, argv);
    // A smoke test of an installed copy (the package test): start, paint the window once, exit 0.
    if (qEnvironmentVariableIntValue("LEADGEN_EXIT_AFTER_FIRST_PAINT") == 1)
        return GuiApplication::main(argc, argv, &FirstPaintProbe::quitAfterFirstPaint);
    return GuiApplication::main(argc, argv);
}
