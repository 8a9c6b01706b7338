// leadgen-diag's GUI as bench_startup times it: the very start-up code of the shipped program
// (GuiApplication::main, same libraries), plus the exit-on-first-paint hook, which the shipped
// binary does not carry.
#include "FirstPaintExit.h"
#include "GuiApplication.h"

int main(int argc, char** argv)
{
    return GuiApplication::main(argc, argv, exitOnFirstPaint);
}
