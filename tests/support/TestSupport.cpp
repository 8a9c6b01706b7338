#include "TestSupport.h"

#include <QFile>

namespace TestSupport {
QString dataPath(const QString& relative)
{
    return QStringLiteral(LEADGEN_TEST_DATA_DIR "/") + relative;
}

QByteArray readData(const QString& relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(relative));
    return file.readAll();
}
} // namespace TestSupport
