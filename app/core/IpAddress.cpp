#include "IpAddress.h"

#include <arpa/inet.h>
#include <cstring>

namespace {
struct Parsed
{
    bool v4 = false;
    bool v6 = false;
    unsigned char bytes[16] = {};
};

Parsed parse(const QString& host)
{
    Parsed parsed;
    QByteArray text = host.toLatin1();
    if (inet_pton(AF_INET, text.constData(), parsed.bytes) == 1) {
        parsed.v4 = true;
        return parsed;
    }
    if (const qsizetype scope = text.indexOf('%'); scope > 0)
        text.truncate(scope);
    parsed.v6 = inet_pton(AF_INET6, text.constData(), parsed.bytes) == 1;
    return parsed;
}
} // namespace

namespace IpAddress {

bool isLiteral(const QString& host)
{
    const Parsed parsed = parse(host);
    return parsed.v4 || parsed.v6;
}

bool isLoopback(const QString& host)
{
    const Parsed parsed = parse(host);
    if (parsed.v4)
        return parsed.bytes[0] == 127;
    if (!parsed.v6)
        return false;
    static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const unsigned char mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(parsed.bytes, loopback, 16) == 0)
        return true;
    return std::memcmp(parsed.bytes, mappedPrefix, 12) == 0 && parsed.bytes[12] == 127;
}

} // namespace IpAddress
