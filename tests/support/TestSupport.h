#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

// Small helpers shared by the test executables.
namespace TestSupport {
// Absolute path of a file under tests/data.
QString dataPath(const QString& relative);
QByteArray readData(const QString& relative);
// code -> message of tests/data/error-codes.tsv (the API's published table, periods included).
QMap<int, QString> publishedErrorCodes();
// Writes bytes to dir/name and returns the path (the test stops if it cannot).
QString writeFile(const QString& dir, const QString& name, const QByteArray& bytes);
} // namespace TestSupport
