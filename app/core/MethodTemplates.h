#pragma once

#include <QString>

struct MethodSpec;

// The params template of a method as the composer inserts it: indented JSON with the keys in the
// order methods.json lists them ("where" before "limit", "emailAddress" before "firstName").
// MethodSpec::paramsTemplate is a QJsonObject, which sorts keys alphabetically, so the order is
// taken from the catalogue's text; the content is always the spec's.
namespace MethodTemplates {
QString text(const MethodSpec& spec);
} // namespace MethodTemplates
