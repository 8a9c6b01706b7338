#include "CatalogueFile.h"

#include <QFile>
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

} // namespace CatalogueFile
