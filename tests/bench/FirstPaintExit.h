#pragma once

#include "FirstPaintProbe.h"

#include <QCoreApplication>
#include <QWidget>

#include <cstdio>

// The startup benchmark's hook: once the window's first frame is painted, print "first-paint"
// and quit. Shared by both programs bench_startup compares, so they are timed alike.
inline void exitOnFirstPaint(QWidget* window)
{
    FirstPaintProbe::quitAfterFirstPaint(window);
}
