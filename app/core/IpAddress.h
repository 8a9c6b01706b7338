#pragma once

#include <QString>

// Numeric host addresses without Qt Network (QHostAddress would load it for leadgen_core, see
// NetworkModule). Hosts as QUrl::host() gives them: IPv6 without brackets.
namespace IpAddress {

// An IPv4 (dotted quad) or IPv6 literal, IPv6 possibly with a %scope.
bool isLiteral(const QString& host);
// 127.0.0.0/8, ::1 and IPv4-mapped 127.x (::ffff:127.0.0.1).
bool isLoopback(const QString& host);

} // namespace IpAddress
