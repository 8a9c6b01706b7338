#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Reads a catalogue (errors.json, methods.json, scenarios.json) for the catalogue loaders. The
// built-in ones are stored uncompressed in the program (resources/CMakeLists.txt): their bytes are
// used where they are, with no decompression and no copy, which keeps the parse that runs beside
// the GUI's first frame (GuiApplication) small.
namespace CatalogueFile {

// The file's bytes; nullopt with *error ("cannot read PATH: reason") when it cannot be read.
std::optional<QByteArray> read(const QString& path, QString* error);

} // namespace CatalogueFile
