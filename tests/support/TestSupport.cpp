#include "TestSupport.h"

#include "TestPaths.h"

#include <QDir>
#include <QFile>
#include <QStringList>

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

QMap<int, QString> publishedErrorCodes()
{
    QMap<int, QString> codes;
    const QStringList lines =
        QString::fromUtf8(readData(QStringLiteral("error-codes.tsv"))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines.mid(1)) {
        const QStringList cells = line.split(QLatin1Char('\t'));
        if (cells.size() == 2)
            codes.insert(cells.at(0).toInt(), cells.at(1).trimmed());
    }
    return codes;
}

QString writeFile(const QString& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}
} // namespace TestSupport
