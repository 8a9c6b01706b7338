// Thin entry point: a CLI subcommand runs on QCoreApplication (no display needed), anything else
// starts the GUI.
#include "Cli.h"
#include "GuiApplication.h"

int main(int argc, char** argv)
{
    if (Cli::wantsCli(argc, argv))
        return Cli::main(argc, argv);
    return GuiApplication::main(argc, argv);
}
