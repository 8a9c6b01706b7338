#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <optional>

// Extra certificate authorities for one environment or one `send --cacert` (docs/design.md,
// Network settings and packaging): PEM files whose certificates are trusted in addition to the
// system's, for that call only. A company CA that re-signs TLS traffic is the usual case.
class TrustStore
{
public:
    // Every certificate of every file (a file may hold a chain). nullopt with a message naming
    // the file when one cannot be read or holds no PEM certificate.
    static std::optional<QList<QSslCertificate>> loadPemFiles(const QStringList& paths, QString* error);
};
