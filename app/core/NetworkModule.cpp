#include "NetworkModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>

namespace NetworkModule {

QString path()
{
    // The same relative place in the build tree and in an installation (bin/ → lib…/leadgen-diag/).
    return QDir::cleanPath(QCoreApplication::applicationDirPath() +
                           QStringLiteral("/" LEADGEN_NETWORK_MODULE_RELATIVE_PATH));
}

bool load(QString* error)
{
    static bool loaded = false;
    static QString failure;
    if (!loaded && failure.isEmpty()) {
        // Never unloaded: the objects it creates live until the end of the program.
        auto* library = new QLibrary(path());
        loaded = library->load();
        if (!loaded) {
            failure = QCoreApplication::translate("NetworkModule",
                                                  "The network part of leadgen-diag could not be loaded (%1). "
                                                  "Reinstall leadgen-diag or rebuild it.")
                          .arg(library->errorString());
            delete library;
        }
    }
    if (!loaded && error)
        *error = failure;
    return loaded;
}

QString incompleteMessage(const QString& what)
{
    return QCoreApplication::translate("NetworkModule",
                                       "The network module %1 does not provide %2: it belongs to another build of "
                                       "leadgen-diag. Reinstall leadgen-diag or rebuild it.")
        .arg(QDir::toNativeSeparators(path()), what);
}

} // namespace NetworkModule
