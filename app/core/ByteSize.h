#pragma once

#include <QString>

// One way to write a byte count, wherever it is shown (the inspector's banner and notes, the
// composer's result line and progress, the status bar): SI units (1 kB = 1000 bytes) with one
// decimal, in the user's locale. Two formats side by side made one body 501.6 kB in one place
// and 489.8 in another.
namespace ByteSize {
QString text(qint64 bytes);
} // namespace ByteSize
