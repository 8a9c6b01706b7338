#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Reads and parses a catalogue (errors.json, methods.json, scenarios.json) for the catalogue
// loaders, so that the three fail alike: a plain message naming the file and, for JSON errors, the
// offset, line and column. The built-in ones are stored uncompressed in the program
// (resources/CMakeLists.txt): their bytes are used where they are, with no decompression and no
// copy, which keeps the parse that runs beside the GUI's first frame (GuiApplication) small.
namespace CatalogueFile {

// A catalogue's top-level object, or why there is none.
struct Root
{
    std::optional<QJsonObject> object;
    QString error; // set when object is empty
};

// The file's bytes; nullopt with *error ("cannot read PATH: reason") when it cannot be read.
std::optional<QByteArray> read(const QString& path, QString* error);

// Parses `json` as the catalogue `name` ("errors.json"). Errors: "NAME: REASON at offset N (line
// L, column C)" or "NAME: the top level must be an object (an array is not an object)".
Root parse(const QByteArray& json, const QString& name);

// read() and parse(), named by the path's file name.
Root load(const QString& path);

// A built-in catalogue with problems: logged once, since the program runs on with what loaded
// (the loader keeps the problems for the status bar and the tests).
void warnBuiltin(const QString& path, const QStringList& errors);

} // namespace CatalogueFile
