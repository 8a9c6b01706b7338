// libFuzzer target for the cURL importer and exporter: CurlCommand::parse over
// arbitrary text (POSIX, cmd and PowerShell readings), toRequest, and both exports. Besides
// crashes and sanitizer reports it checks: a rejected command gets a position inside the text
// and a message; an accepted one round-trips (export with the secret, parse again: the same
// request); the default export carries no secretKey value.
// Build with the fuzz preset; run:
//   build/fuzz/tests/fuzz/fuzz_curlcommand -dict=tests/fuzz/curl.dict SCRATCH_DIR tests/data/curl
#include "CurlCommand.h"
#include "Redactor.h"

#include <QString>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

namespace {
[[noreturn]] void mismatch(const char* what, const QString& detail = QString())
{
    std::fprintf(stderr, "fuzz_curlcommand: %s\n%s\n", what, qPrintable(detail));
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    CurlCommand::Options options;
    options.allowFiles = false; // never read the machine's files from fuzz input
    CurlCommand::ParseError error;
    const auto command = CurlCommand::parse(text, &error, options);
    if (!command) {
        if (error.message.isEmpty())
            mismatch("error without a message");
        if (error.line < 1 || error.column < 1 || error.offset < 0 || error.offset > text.size())
            mismatch("error position outside the text", error.toString());
        return 0;
    }

    QStringList notes;
    (void)command->toRequest(&notes);

    const QString full = command->toCommandLine(CurlCommand::Secret::Included);
    CurlCommand::ParseError againError;
    const auto again = CurlCommand::parse(full, &againError, options);
    if (!again)
        mismatch("the exported command does not parse", againError.toString() + QLatin1Char('\n') + full);
    if (!again->sameRequestAs(*command))
        mismatch("the exported command is another request", full);

    const QString secret = command->secretKey();
    if (!secret.isEmpty()) {
        const QString redacted = command->toCommandLine();
        const QString leaked = QStringLiteral("secretKey=") + QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (redacted.contains(leaked, Qt::CaseInsensitive))
            mismatch("the redacted export shows the secret", redacted);
    }
    return 0;
}
