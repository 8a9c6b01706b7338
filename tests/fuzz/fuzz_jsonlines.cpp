// libFuzzer target for JSON Lines logs (JsonLinesReader: lines cut across read chunks, parsed in
// parallel, handed on in order). Besides crashes and sanitizer reports it checks: every line that
// is not blank is either a record or a problem (nothing lost, nothing counted twice), records come
// in file order with their own line numbers, and no record handed on carries a secret key in its
// URL. Build with the fuzz preset; run:
//   tests/fuzz/run-fuzz.sh 120 fuzz_jsonlines
#include "JsonLinesReader.h"
#include "Redactor.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {
[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_jsonlines: %s\n", what);
    std::abort();
}

QString scratchFile(const uint8_t* data, size_t size)
{
    static const QString path = QDir::temp().filePath(QStringLiteral("fuzz_jsonlines-%1.jsonl").arg(getpid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
        mismatch("cannot write the scratch file");
    return path;
}

// The reader's notion of a blank line: only spaces and tabs before an optional final CR.
qint64 nonBlankLines(const char* p, qint64 n)
{
    qint64 count = 0;
    qint64 start = 0;
    while (start < n) {
        const char* newline = static_cast<const char*>(memchr(p + start, '\n', size_t(n - start)));
        qint64 end = newline ? newline - p : n;
        const qint64 next = end + 1;
        if (end > start && p[end - 1] == '\r')
            --end;
        while (start < end && (p[start] == ' ' || p[start] == '\t'))
            ++start;
        if (start < end)
            ++count;
        start = next;
    }
    return count;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = scratchFile(data, size);
    JsonLinesReader reader(path);
    qint64 lastLine = 0;
    int expectedIndex = 0;
    const bool ok = reader.read([&](ImportedCall&& call) {
        if (call.line <= lastLine || call.index != expectedIndex)
            mismatch("records out of order");
        lastLine = call.line;
        ++expectedIndex;
        if (Redactor::containsSecretKey(call.url))
            mismatch("a URL handed on carries a secret key");
        return true;
    });
    if (!ok)
        mismatch("a readable file was refused");
    const qint64 expected = nonBlankLines(reinterpret_cast<const char*>(data), qint64(size));
    if (reader.records() + reader.problemCount() != expected)
        mismatch("records + problems != lines that are not blank");
    for (const JsonLinesReader::Problem& problem : reader.problems())
        if (problem.message.isEmpty() || problem.line < 1)
            mismatch("a problem without a message or a line");
    return 0;
}
