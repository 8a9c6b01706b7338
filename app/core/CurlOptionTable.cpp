#include "CurlOptionTable.h"

#include <iterator>

namespace {
using Action = CurlOptionTable::Action;

// The curl options a pasted command realistically contains. Anything not listed is an error.
const CurlOptionTable::Option kOptions[] = {
    {"url", 0, Action::Url, true},
    {"request", 'X', Action::Method, true},
    {"header", 'H', Action::Header, true},
    {"data", 'd', Action::Data, true},
    {"data-ascii", 0, Action::Data, true},
    {"data-raw", 0, Action::DataRaw, true},
    {"data-binary", 0, Action::DataBinary, true},
    {"data-urlencode", 0, Action::DataUrlencode, true},
    {"json", 0, Action::Json, true},
    {"get", 'G', Action::Get, false},
    {"head", 'I', Action::Head, false},
    {"upload-file", 'T', Action::Upload, true},
    {"user-agent", 'A', Action::UserAgent, true},
    {"referer", 'e', Action::Referer, true},
    {"url-query", 0, Action::UrlQuery, true},
    {"form", 'F', Action::Form, true},
    {"form-string", 0, Action::Form, true},
    {"insecure", 'k', Action::Insecure, false},
    {"user", 'u', Action::BasicAuth, true},
    {"proxy-user", 'U', Action::SecretOption, true},
    {"oauth2-bearer", 0, Action::SecretOption, true},
    {"proxy", 'x', Action::Proxy, true},
    {"location", 'L', Action::Location, false},
    {"location-trusted", 0, Action::Location, false},
    // Output, progress, protocol and connection tuning: no effect on the request itself.
    {"silent", 's', Action::Ignore, false},
    {"show-error", 'S', Action::Ignore, false},
    {"verbose", 'v', Action::Ignore, false},
    {"include", 'i', Action::Ignore, false},
    {"fail", 'f', Action::Ignore, false},
    {"fail-with-body", 0, Action::Ignore, false},
    {"globoff", 'g', Action::Ignore, false},
    {"no-buffer", 'N', Action::Ignore, false},
    {"compressed", 0, Action::Ignore, false},
    {"http1.0", '0', Action::Ignore, false},
    {"http1.1", 0, Action::Ignore, false},
    {"http2", 0, Action::Ignore, false},
    {"http2-prior-knowledge", 0, Action::Ignore, false},
    {"http3", 0, Action::Ignore, false},
    {"ipv4", '4', Action::Ignore, false},
    {"ipv6", '6', Action::Ignore, false},
    {"progress-bar", '#', Action::Ignore, false},
    {"no-progress-meter", 0, Action::Ignore, false},
    {"disable", 'q', Action::Ignore, false},
    {"tcp-nodelay", 0, Action::Ignore, false},
    {"no-keepalive", 0, Action::Ignore, false},
    {"no-sessionid", 0, Action::Ignore, false},
    {"tlsv1", '1', Action::Ignore, false},
    {"tlsv1.0", 0, Action::Ignore, false},
    {"tlsv1.1", 0, Action::Ignore, false},
    {"tlsv1.2", 0, Action::Ignore, false},
    {"tlsv1.3", 0, Action::Ignore, false},
    {"ssl-reqd", 0, Action::Ignore, false},
    {"path-as-is", 0, Action::Ignore, false},
    {"raw", 0, Action::Ignore, false},
    {"netrc", 'n', Action::Ignore, false},
    {"styled-output", 0, Action::Ignore, false},
    {"no-styled-output", 0, Action::Ignore, false},
    {"junk-session-cookies", 'j', Action::Ignore, false},
    {"output", 'o', Action::Ignore, true},
    {"remote-name", 'O', Action::Ignore, false},
    {"write-out", 'w', Action::Ignore, true},
    {"max-time", 'm', Action::Ignore, true},
    {"connect-timeout", 0, Action::Ignore, true},
    {"retry", 0, Action::Ignore, true},
    {"retry-delay", 0, Action::Ignore, true},
    {"retry-max-time", 0, Action::Ignore, true},
    {"dump-header", 'D', Action::Ignore, true},
    {"trace", 0, Action::Ignore, true},
    {"trace-ascii", 0, Action::Ignore, true},
    {"stderr", 0, Action::Ignore, true},
    {"limit-rate", 0, Action::Ignore, true},
    {"cookie", 'b', Action::Ignore, true},
    {"cookie-jar", 'c', Action::Ignore, true},
    {"cacert", 0, Action::Ignore, true},
    {"capath", 0, Action::Ignore, true},
    {"cert", 'E', Action::Ignore, true},
    {"key", 0, Action::Ignore, true},
    {"resolve", 0, Action::Ignore, true},
    {"connect-to", 0, Action::Ignore, true},
    {"interface", 0, Action::Ignore, true},
    {"max-redirs", 0, Action::Ignore, true},
    {"noproxy", 0, Action::Ignore, true},
    {"speed-time", 'y', Action::Ignore, true},
    {"speed-limit", 'Y', Action::Ignore, true},
    {"expect100-timeout", 0, Action::Ignore, true},
    {"keepalive-time", 0, Action::Ignore, true},
    {"proto", 0, Action::Ignore, true},
    {"proto-redir", 0, Action::Ignore, true},
    {"ciphers", 0, Action::Ignore, true},
    {"tls-max", 0, Action::Ignore, true},
    {"dns-servers", 0, Action::Ignore, true},
    {"config", 'K', Action::Ignore, true},
};
} // namespace

QString CurlOptionTable::Option::label(bool useShort) const
{
    return useShort && shortName ? QStringLiteral("-") + QLatin1Char(shortName)
                                 : QStringLiteral("--") + QLatin1String(longName);
}

const CurlOptionTable::Option* CurlOptionTable::byLong(QStringView name)
{
    for (const Option& option : kOptions) {
        if (name == QLatin1String(option.longName))
            return &option;
    }
    return nullptr;
}

const CurlOptionTable::Option* CurlOptionTable::byShort(QChar c)
{
    for (const Option& option : kOptions) {
        if (option.shortName != 0 && c == QLatin1Char(option.shortName))
            return &option;
    }
    return nullptr;
}

const CurlOptionTable::Option& CurlOptionTable::url()
{
    return kOptions[0];
}

const CurlOptionTable::Option* CurlOptionTable::begin()
{
    return std::begin(kOptions);
}

const CurlOptionTable::Option* CurlOptionTable::end()
{
    return std::end(kOptions);
}
