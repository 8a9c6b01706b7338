#pragma once

#include "ImportedCall.h"

#include <QString>

#include <functional>

// Reads whatever a customer sent, one call at a time (docs/design.md, Support workflow): a HAR
// file, a JSON Lines log, a support bundle, a single response file, or a folder of any of these.
// The kind is told by the content (and the name where the content cannot tell), never by the
// name alone. Every call handed on has its secrets masked.
class ImportSource
{
public:
    enum class Kind
    {
        Har,
        JsonLines,
        Bundle,
        ResponseFile,
        Directory,
        Unreadable
    };
    static Kind detect(const QString& path);
    static QString kindName(Kind kind);

    struct Handlers
    {
        std::function<bool(ImportedCall&& call)> call; // false stops reading
        std::function<void(const QString& source, qint64 line, const QString& message)> problem;
        std::function<void(const QString& source)> secret; // the source carried a secret key
        std::function<bool(double fraction)> progress;     // of the current file; false cancels
    };
    // False with error when the path cannot be read at all (single problems go to handlers).
    static bool read(const QString& path, const Handlers& handlers, QString* error);

private:
    static bool readFile(const QString& path, Kind kind, const Handlers& handlers, QString* error);
};
