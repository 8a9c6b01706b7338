#include "CatalogueFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QResource>

namespace CatalogueFile {

std::optional<QByteArray> read(const QString& path, QString* error)
{
    if (path.startsWith(QLatin1Char(':'))) {
        // Resource data lives as long as the program: no copy needed.
        const QResource resource(path);
        if (resource.isValid() && resource.compressionAlgorithm() == QResource::NoCompression && resource.data())
            return QByteArray::fromRawData(reinterpret_cast<const char*>(resource.data()), resource.size());
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

Root parse(const QByteArray& json, const QString& name)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Line and column, 1-based, of the byte where parsing stopped: editors go to a line.
        const int offset = int(qBound(qsizetype(0), qsizetype(parseError.offset), json.size()));
        const QByteArray before = json.left(offset);
        const int line = int(before.count('\n')) + 1;
        const int column = offset - int(before.lastIndexOf('\n'));
        return {std::nullopt, QStringLiteral("%1: %2 at offset %3 (line %4, column %5)")
                                  .arg(name, parseError.errorString())
                                  .arg(offset)
                                  .arg(line)
                                  .arg(column)};
    }
    if (!document.isObject())
        return {std::nullopt,
                QStringLiteral("%1: the top level must be an object (an array is not an object)").arg(name)};
    return {document.object(), QString()};
}

Root load(const QString& path)
{
    QString error;
    const std::optional<QByteArray> json = read(path, &error);
    if (!json)
        return {std::nullopt, error};
    return parse(*json, QFileInfo(path).fileName());
}

void warnBuiltin(const QString& path, const QStringList& errors)
{
    if (!errors.isEmpty())
        qWarning("%s: %d problem(s), first: %s", qPrintable(path), int(errors.size()), qPrintable(errors.first()));
}

} // namespace CatalogueFile
