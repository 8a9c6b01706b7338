#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

class JsonIndex;
struct CallCapture;
struct Diagnosis;
struct HistoryRecord;

// One call read from a file a customer sent (a HAR entry, a JSON Lines record, a response file):
// what the support workflow shows, triages, bundles and imports. maskSecrets() runs before a
// reader hands a call on, so nothing downstream ever sees the secret (docs/design.md, Security).
struct ImportedCall
{
    using Header = QPair<QByteArray, QByteArray>;

    QString source;         // file the call came from
    int index = 0;          // 0-based position of the call in its source (HAR entry, JSON Lines record)
    qint64 line = 0;        // 1-based line of the call in its source, 0 = unknown
    qint64 timeMs = -1;     // UTC ms since the epoch, -1 = unknown
    QString httpMethod;     // "POST"; empty when the source does not say (JSON Lines, response files)
    QString url;            // empty when unknown
    QByteArray requestBody; // empty when unknown
    QList<Header> requestHeaders;
    std::optional<int> httpStatus;
    QList<Header> responseHeaders;
    QByteArray responseBody;
    bool responseBodyMissing = false; // the exporter left the body out (HAR without content.text)
    qint64 elapsedMs = -1;
    bool secretMasked = false; // maskSecrets() found and masked a secret key
    // The index of responseBody when the reader built it anyway (a JSON Lines bare response):
    // diagnose() then does not index the body a second time. Reset by maskSecrets() when it
    // changes the body.
    std::shared_ptr<const JsonIndex> responseIndex;

    // The API's calls: POST (or unknown method) to a URL containing /pubapi/v1 (or no URL: a
    // record of a log that holds only API calls).
    bool isApiCall() const;
    // The method of the request envelope ("createLeads"), empty when unknown.
    QString apiMethod() const;

    // Masks every secret key (URL and query, cookies and headers, JSON members, and the same
    // value wherever else it appears) and sets secretMasked when there was one.
    void maskSecrets();
    // Cheap pre-check over raw bytes: false means the bytes hold no "secretKey" (any case).
    static bool mayCarrySecret(const char* data, qint64 size);

    Diagnosis diagnose() const;
    // As the inspector opens a received call.
    CallCapture toCapture() const;
    // As the history keeps it (source "import").
    HistoryRecord toRecord(const Diagnosis* diagnosis) const;
};
