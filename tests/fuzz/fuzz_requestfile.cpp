// libFuzzer target for request files (the format the GUI saves, and bare envelopes customers
// send). Besides crashes and sanitizer reports it checks: a refused file gets a message; an
// opened one never holds a secretKey, and saving then opening it again gives the same request.
// Build with the fuzz preset; run:
//   build/fuzz/tests/fuzz/fuzz_requestfile -dict=tests/fuzz/json.dict SCRATCH_DIR tests/data/requests
#include "RequestFile.h"

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_requestfile: %s\n", what);
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    QStringList warnings;
    const std::optional<RequestFile> file = RequestFile::fromJson(bytes, &error, &warnings);
    if (!file) {
        if (error.isEmpty())
            mismatch("refused without a message");
        return 0;
    }
    const QByteArray saved = file->toJson();
    if (saved.contains("secretKey\":\"") && !saved.contains("secretKey\":\"\""))
        mismatch("a saved request carries a secretKey value");
    const std::optional<RequestFile> again = RequestFile::fromJson(saved, &error);
    if (!again)
        mismatch("a saved request does not open again");
    if (again->body != file->body || again->environment != file->environment || again->accountId != file->accountId ||
        again->headers.size() != file->headers.size())
        mismatch("save and open again changed the request");
    return 0;
}
