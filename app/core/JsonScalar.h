#pragma once

#include <QJsonValue>
#include <QString>

// The text of a JSON scalar as the API (PHP) sees it once decoded: what allowed values are
// compared with, lengths are measured on and the simulator stores. One definition for the linter
// (MethodCatalog::paramsProblems) and the simulator (SimCall), so that they never disagree.
namespace JsonScalar {

// "abc" for "abc"; "1"/"0" for true/false (PHP's string form of a boolean, and how the API
// stores and returns boolean fields); integers exactly, without exponent or decimals (a JSON
// integer beyond 2^53 keeps every digit); other numbers with 15 significant digits (DBL_DIG: the
// digits that survive a decimal -> double -> decimal round trip, so 0.1 stays "0.1"); an empty
// string for null, arrays and objects.
QString text(const QJsonValue& value);

} // namespace JsonScalar
