// libFuzzer target for the simulator's HTTP/1.1 request parser. The same bytes are fed whole,
// one byte at a time, and in chunks of a size taken from the input: a connection may receive a
// request split anywhere, so all three must yield the same requests (method, target, version,
// headers, body, keep-alive) and the same error status. Offsets must stay inside the buffer.
// Build with the fuzz preset; run:
//   build/fuzz/tests/fuzz/fuzz_httprequestparser -dict=tests/fuzz/http.dict SCRATCH_DIR tests/data/http
#include "HttpRequestParser.h"

#include <QByteArray>
#include <QList>

#include <cstdio>
#include <cstdlib>

namespace {
struct Outcome
{
    QList<QByteArray> requests; // one line per parsed request
    int errorStatus = 0;
    bool pending = false; // part of a request left at the end of the stream

    bool operator==(const Outcome& other) const
    {
        return requests == other.requests && errorStatus == other.errorStatus && pending == other.pending;
    }
};

QByteArray describe(const HttpRequest& request)
{
    QByteArray text = request.method + ' ' + request.target + " 1." + QByteArray::number(request.versionMinor) +
                      (request.keepAlive ? " keep" : " close");
    for (const auto& header : request.headers)
        text += '|' + header.first + ':' + header.second;
    return text + "|body:" + request.body.toHex();
}

[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_httprequestparser: %s\n", what);
    std::abort();
}

Outcome parseStream(const QByteArray& stream, qsizetype chunk)
{
    HttpRequestParser::Limits limits;
    limits.maxBodyBytes = 64 * 1024; // small limits reach the 413/431/414 paths quickly
    limits.maxRequestLineBytes = 512;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderCount = 20;
    HttpRequestParser parser(limits);
    Outcome outcome;
    QByteArray buffer;
    qsizetype offset = 0;
    for (qsizetype fed = 0; fed < stream.size() && outcome.errorStatus == 0;) {
        const qsizetype take = std::min(chunk, stream.size() - fed);
        buffer.append(stream.constData() + fed, take);
        fed += take;
        for (;;) {
            const HttpRequestParser::Status status = parser.parse(buffer, &offset);
            if (offset < 0 || offset > buffer.size())
                mismatch("offset outside the buffer");
            if (parser.wantsContinue())
                parser.continueSent();
            if (status == HttpRequestParser::Status::Complete) {
                outcome.requests.append(describe(parser.takeRequest()));
                continue;
            }
            if (status == HttpRequestParser::Status::Error) {
                outcome.errorStatus = parser.errorStatus();
                if (outcome.errorStatus < 400 || parser.errorReason().isEmpty())
                    mismatch("error without a 4xx/5xx status and a reason");
            }
            break;
        }
    }
    outcome.pending = outcome.errorStatus == 0 && parser.inProgress();
    return outcome;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray stream(reinterpret_cast<const char*>(data), qsizetype(size));
    const Outcome whole = parseStream(stream, std::max<qsizetype>(1, stream.size()));
    if (!(parseStream(stream, 1) == whole))
        mismatch("byte-by-byte parse differs from the whole stream");
    const qsizetype chunk = size > 0 ? 2 + data[0] % 61 : 2;
    if (!(parseStream(stream, chunk) == whole))
        mismatch("chunked parse differs from the whole stream");
    return 0;
}
