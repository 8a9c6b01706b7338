#include "ResponseGenerator.h"

#include <QFile>

#include <cinttypes>
#include <cstdio>
#include <string>

// Moved here from bench_inspect.cpp unchanged, so both benchmarks load the same bytes.
namespace {
struct Rng
{
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % uint64_t(n)); }
};

const char* const kFirst[] = {"Anna", "Bob", "Ирина", "José", "Zoë", "Li", "Mary-Ann", "Jürgen", "Søren", "Chloé"};
const char* const kLast[] = {"Smith", "Müller", "Иванова", "García", "O'Brien", "Nguyễn", "Kowalski", "Rossi"};
const char* const kCity[] = {"Springfield", "München", "Москва", "São Paulo", "Zürich", "Lyon", "Atlanta"};
const char* const kStatus[] = {"open", "unqualified", "qualified", "contact", "contactWithOpp"};

} // namespace

namespace ResponseGenerator {
Info writeLeadsAndBatch(const QString& path, qint64 targetBytes)
{
    FILE* out = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!out)
        qFatal("cannot write %s", qPrintable(path));
    Rng rng{0x1eadu ^ uint64_t(targetBytes)};
    std::string buf;
    buf.reserve(8 << 20);
    Info info;
    auto flush = [&] {
        std::fwrite(buf.data(), 1, buf.size(), out);
        info.bytes += qint64(buf.size());
        buf.clear();
    };
    char tmp[512];
    buf += "{\"result\":{\"lead\":[";
    // About 60 bytes of batch result per lead follow the leads.
    const qint64 leadBudget = targetBytes - targetBytes / 16;
    for (qint64 i = 0; info.bytes + qint64(buf.size()) < leadBudget; ++i) {
        if (i)
            buf += ',';
        const uint64_t id = 88038560770ull + uint64_t(i);
        std::snprintf(tmp, sizeof tmp,
                      "{\"id\":\"%" PRIu64 "\",\"accountID\":\"\",\"ownerID\":\"%d\",\"campaignID\":%s,"
                      "\"leadStatus\":\"%s\",\"leadScore\":\"%d\",\"leadScoreWeighted\":\"%d\",\"persona\":null,"
                      "\"active\":\"%d\",\"firstName\":\"%s\",\"lastName\":\"%s\",",
                      id, 300 + rng.below(20), rng.below(4) ? "null" : "\"4711\"", kStatus[rng.below(5)],
                      rng.below(100), rng.below(100), rng.below(10) ? 1 : 0, kFirst[rng.below(10)],
                      kLast[rng.below(8)]);
        buf += tmp;
        std::snprintf(
            tmp, sizeof tmp,
            "\"emailAddress\":\"user%" PRIu64 "@example%d.com\",\"companyName\":\"Acme %d GmbH\","
            "\"title\":\"Engineer\",\"street\":\"%d Main St\",\"city\":\"%s\",\"country\":\"US\","
            "\"website\":\"https://example.com/%d\",\"phoneNumber\":\"555-01%02d\",\"officePhoneNumber\":\"\","
            "\"phoneNumberExtension\":\"\",\"mobilePhoneNumber\":\"\",\"faxNumber\":\"\",",
            id, rng.below(50), rng.below(1000), rng.below(9999), kCity[rng.below(7)], rng.below(100), rng.below(100));
        buf += tmp;
        std::snprintf(tmp, sizeof tmp,
                      "\"industry\":\"Software\",\"trackingID\":\"t%" PRIu64 "\",\"state\":\"IL\",\"zipcode\":\"%05d\","
                      "\"description\":\"Met at the fair \\\"%d\\\"; prefers e-mail\",\"isUnsubscribed\":\"%d\","
                      "\"updateTimestamp\":\"2024-%02d-%02d 03:04:05\",\"createTimestamp\":\"2023-01-02 03:04:05\"}",
                      id, rng.below(99999), rng.below(2024), rng.below(2), 1 + rng.below(12), 1 + rng.below(28));
        buf += tmp;
        ++info.leads;
        if (buf.size() > (4u << 20))
            flush();
    }
    buf += "],\"creates\":[";
    std::string copies;
    for (qint64 i = 0; i < info.leads; ++i) {
        if (i)
            buf += ',';
        if (i % 2000 == 1999) {
            const char* e =
                "{\"code\":205,\"message\":\"Invalid parameters\",\"data\":{\"params\":[\"emailAddress\"]}}";
            buf += std::string("{\"success\":false,\"error\":") + e + "}";
            copies += (copies.empty() ? "" : ",") + std::string(e);
            ++info.failed;
        } else if (i % 500 == 499) {
            const char* e = "{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}";
            buf += std::string("{\"success\":false,\"error\":") + e + "}";
            copies += (copies.empty() ? "" : ",") + std::string(e);
            ++info.failed;
        } else {
            std::snprintf(tmp, sizeof tmp, "{\"success\":true,\"error\":null,\"id\":%" PRIu64 "}",
                          uint64_t(346743252994ull + uint64_t(i)));
            buf += tmp;
        }
        if (buf.size() > (4u << 20))
            flush();
    }
    buf += "],\"hasMore\":true},\"error\":[" + copies + "],\"id\":\"bench\",\"callCount\":17,\"queryLimit\":50000}";
    flush();
    std::fclose(out);
    return info;
}
} // namespace ResponseGenerator
