#pragma once

#include <QByteArray>
#include <QString>

// Small helpers shared by the test executables.
namespace TestSupport {
// Absolute path of a file under tests/data.
QString dataPath(const QString& relative);
QByteArray readData(const QString& relative);
} // namespace TestSupport
