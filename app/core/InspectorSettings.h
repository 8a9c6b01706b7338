#pragma once

#include "AppSettings.h"

#include <QString>
#include <QtGlobal>

// Size limits of the inspector's body view (docs/design.md, Big responses), kept in QSettings under
// "Inspector/". Sizes are body bytes after decompression. The tree, findings and batch table
// work at any size; these limits only decide how much text work the body view does.
struct InspectorSettings
{
    // Syntax colours up to this size; above it the text is shown plain (error ranges are still
    // marked). Colouring is done per visible line, so this guards the pretty-print table too.
    qint64 highlightLimit = AppSettings::defaultValue(AppSettings::Key::InspectorHighlightLimit).toLongLong();
    // Pretty-printed (one value per line) up to this size; above it the body view shows the
    // bytes as received. Pretty-printing needs a line table of about 4 bytes per JSON value.
    qint64 prettyPrintLimit = AppSettings::defaultValue(AppSettings::Key::InspectorPrettyPrintLimit).toLongLong();
    // The last response file opened is reopened at startup only up to this size, so a huge
    // file never delays or stalls the start of the application.
    qint64 reopenLimit = AppSettings::defaultValue(AppSettings::Key::InspectorReopenLimit).toLongLong();

    static InspectorSettings load();
    void save() const;

    // "Inspector/lastFile": the response file to offer (or reopen) at the next start.
    static QString lastFile();
    static QString lastRequestFile();
    static void setLastFile(const QString& responsePath, const QString& requestPath);
};
