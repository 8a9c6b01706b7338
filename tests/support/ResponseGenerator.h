#pragma once

#include <QByteArray>
#include <QtGlobal>

// Big, realistic response bodies for benchmarks (and tests that need size): a getLeads page
// shaped like the real API's (design.md §7, toolchain-notes §4): {"result":{"lead":[...]},
// "error":null,"id":...}, each lead with 30 fields (strings, numeric strings, nulls), about a
// quarter of the names and addresses non-ASCII. Deterministic for a given seed.
namespace ResponseGenerator {
// A compact (minified, as the API sends it) body of about targetBytes bytes (never less).
QByteArray getLeads(qint64 targetBytes, quint32 seed = 1);
// The number of leads getLeads(targetBytes) holds, for checks.
qint64 leadCount(const QByteArray& body);
} // namespace ResponseGenerator
