// libFuzzer target for HAR files (HarReader: the bracket scanner over the whole file, then each
// entry parsed on its own). Besides crashes and sanitizer reports it checks: a refused file gets
// a message; entries are handed on in order with lines inside the file; no call handed on still
// carries a secret key in its URL or headers. Build with the fuzz preset; run:
//   tests/fuzz/run-fuzz.sh 120 fuzz_har
#include "HarReader.h"
#include "Redactor.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {
[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_har: %s\n", what);
    std::abort();
}

// HarReader reads files (mapped, or decompressed when gzip): each input is written to one
// scratch file per process.
QString scratchFile(const uint8_t* data, size_t size)
{
    static const QString path = QDir::temp().filePath(QStringLiteral("fuzz_har-%1.har").arg(getpid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
        mismatch("cannot write the scratch file");
    return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = scratchFile(data, size);
    HarReader reader(path);
    if (!reader.open()) {
        if (reader.error().isEmpty())
            mismatch("refused without a message");
        return 0;
    }
    const qint64 lines = qint64(std::count(data, data + size, uint8_t('\n'))) + 1;
    int expectedIndex = 0;
    qint64 lastLine = 0;
    const bool ok = reader.read([&](ImportedCall&& call) {
        if (call.index < expectedIndex || call.line < lastLine || call.line < 1 || call.line > lines)
            mismatch("entries out of order or outside the file");
        expectedIndex = call.index + 1;
        lastLine = call.line;
        if (Redactor::containsSecretKey(call.url))
            mismatch("a URL handed on carries a secret key");
        for (const ImportedCall::Header& header : std::as_const(call.requestHeaders))
            if (Redactor::containsSecretKey(QString::fromUtf8(header.first + ": " + header.second)))
                mismatch("a request header handed on carries a secret key");
        call.apiMethod();
        return true;
    });
    if (!ok && reader.error().isEmpty() && reader.problems().isEmpty())
        mismatch("read failed without a message");
    for (const HarReader::Problem& problem : reader.problems())
        if (problem.message.isEmpty() || problem.line < 1 || problem.line > lines)
            mismatch("a problem without a message or outside the file");
    return 0;
}
