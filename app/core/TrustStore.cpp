#include "TrustStore.h"

#include <QFile>

std::optional<QList<QSslCertificate>> TrustStore::loadPemFiles(const QStringList& paths, QString* error)
{
    QList<QSslCertificate> certificates;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("cannot read the CA certificate file %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        // A CA bundle is small; anything much larger is not one.
        const QList<QSslCertificate> found = QSslCertificate::fromData(file.read(16 * 1024 * 1024), QSsl::Pem);
        if (found.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----)").arg(path);
            return std::nullopt;
        }
        certificates += found;
    }
    return certificates;
}
