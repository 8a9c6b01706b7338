#pragma once

#include "CallCapture.h"

#include <QJsonObject>

// The certificate facts of an HTTPS call as `send --json` prints them (docs/design.md, Command
// line and Network settings and packaging): {"host", "subject", "issuer", "not_before",
// "not_after", "sha256", "chain": [certificate...], "errors": [message...]} for the server's
// certificate, plus "peer_certificate", "problems" (each error with its certificate) and
// "trusted_by_user".
class TlsDetails
{
public:
    static QJsonObject certificateJson(const CertificateInfo& info);
    static QJsonObject toJson(const CallCapture& capture, const QString& host);
    // Whether the call has anything to report about TLS.
    static bool applies(const CallCapture& capture)
    {
        return !capture.peerCertificate.isNull() || !capture.tlsProblems.isEmpty();
    }
};
