// libFuzzer target for the request linter: RequestLinter::lint over arbitrary bytes (in every
// lint context), JsonSourceScanner, and the quick fixes. Besides crashes and sanitizer reports
// it checks: findings point inside the text; fixes applied to a parseable body leave it
// parseable; and the scanner accepts exactly the documents simdjson (a strict RFC 8259
// parser, the reference) accepts, apart from the documented differences below.
// Build with the fuzz preset; run: build/fuzz/tests/fuzz/fuzz_linter -dict=tests/fuzz/json.dict
//   tests/data/requests (or a scratch corpus directory first, to keep the repository's as is).
#include "JsonSourceScanner.h"
#include "RequestLinter.h"

#include <QString>
#include <QStringDecoder>

#include <cstdio>
#include <cstdlib>
#include <simdjson.h>

namespace {
[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_linter: %s\n", what);
    std::abort();
}

// Where simdjson is stricter than RFC 8259 or than the scanner on purpose, a document it rejects
// may still be valid for the scanner.
bool simdjsonIsStricter(simdjson::error_code error)
{
    switch (error) {
    case simdjson::NUMBER_ERROR: // 1e400, huge integers: valid JSON grammar
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::STRING_ERROR: // lone surrogate escapes: kept as they are
    case simdjson::DEPTH_ERROR:
        return true;
    default:
        return false;
    }
}

int maxDepth(const QString& text)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
        } else if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            deepest = std::max(deepest, ++depth);
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
        }
    }
    return deepest;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const RequestLinter linter; // the catalogues load once
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));

    LintContext context;
    if (size > 0) {
        // The last byte picks a context, so every context-dependent rule gets exercised.
        const unsigned char pick = data[size - 1];
        context.environment = LintContext::Environment(pick % 4);
        context.apiVersion = LintContext::ApiVersion((pick / 4) % 3);
        context.hasAccountId = (pick & 0x40) == 0;
        context.hasSecretKey = (pick & 0x80) == 0;
    }
    const QList<LintFinding> fromBytes = linter.lint(body, context);
    // As the linter decodes: a leading byte order mark stays (QString::fromUtf8 would drop it).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const QString text = decoder(body);
    for (const LintFinding& f : fromBytes) {
        if (f.message.isEmpty() || f.fix.isEmpty() || f.rule.isEmpty())
            mismatch("finding without message, fix or rule");
        if (f.offset < -1 || f.length < 0 || (f.offset >= 0 && f.line < 1))
            mismatch("bad source range");
    }

    // Valid UTF-8 only from here: the scanner reads decoded text, simdjson bytes.
    const bool validUtf8 = simdjson::validate_utf8(reinterpret_cast<const char*>(data), size);
    if (!validUtf8)
        return 0;
    const QList<LintFinding> findings = linter.lint(text, context);
    for (const LintFinding& f : findings) {
        if (f.offset >= 0 && f.offset + f.length > text.size())
            mismatch("finding beyond the end of the text");
    }
    const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text);
    const QString fixed = RequestLinter::applyFixes(text, findings);
    if (scan.ok && !JsonSourceScanner::scan(fixed, JsonSourceScanner::Option::AllowLeadingBom).ok)
        mismatch("quick fixes broke a parseable body");

    simdjson::dom::parser parser;
    simdjson::padded_string padded(reinterpret_cast<const char*>(data), size);
    const simdjson::error_code error = parser.parse(padded).error();
    const bool bom = size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    if (scan.ok && error != simdjson::SUCCESS && !simdjsonIsStricter(error))
        mismatch("scanner accepts what simdjson rejects");
    if (!scan.ok && error == simdjson::SUCCESS && !bom && maxDepth(text) <= JsonSourceScanner::kMaxDepth)
        mismatch("scanner rejects what simdjson accepts");
    return 0;
}
