#pragma once

#include <QString>
#include <QtGlobal>

// Big, deterministic response documents for benchmarks (docs/design.md, Big responses).
namespace ResponseGenerator {
struct Info
{
    qint64 bytes = 0;
    qint64 leads = 0;
    qint64 failed = 0;
};

// Writes about targetBytes bytes to path: a getLeads page (result.lead: records of 30 fields, strings with about a
// quarter non-ASCII, numbers as strings, nulls; what date-range exports look like) followed by
// a batch result of the same length (result.creates) in which one object in 500 fails with 301
// and one in 2 000 with 205, plus their copies in the top-level error array, hasMore,
// callCount and queryLimit. The batch part makes the analyzer visit every object, which a pure
// getLeads page would not; no single API call returns both, which does not matter to a parser.
Info writeLeadsAndBatch(const QString& path, qint64 targetBytes);
} // namespace ResponseGenerator
