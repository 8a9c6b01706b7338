#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

#include <optional>

struct CallCapture;
struct Diagnosis;
class RequestFile;

// One finding of a recorded call, as the history keeps it (a child row of the call).
struct HistoryFinding
{
    std::optional<int> code;
    QString key;   // catalogue key when there is no numeric code
    QString level; // Finding::levelName
    QString severity;
    QString path;
    int index = -1; // batch object index, -1 = none
    QString message;

    // Design's F object subset: severity, code, key, level, path, index, message.
    QJsonObject toJson() const;
};

// One call as the history keeps it (docs/design.md, Call history): everything needed to show,
// re-send and compare it, and never the secret key. fromCall() is the only way in from a live
// call, and it masks the key in every field before anything can be written.
struct HistoryRecord
{
    using Header = QPair<QByteArray, QByteArray>;
    enum class BodyStorage
    {
        Plain,
        Zlib, // qCompress'ed
    };

    qint64 id = 0;     // 0 until stored
    qint64 timeMs = 0; // UTC, ms since the epoch
    QString source;    // "gui", "cli"
    QString environment;
    QString url; // secretKey=•••
    QString account;
    QString method;
    QString requestId;
    QByteArray requestBody;
    QList<Header> requestHeaders;
    std::optional<int> httpStatus;
    QList<Header> responseHeaders;
    QByteArray responseBody; // as received (or its first bodyLimit bytes when bodyCut)
    qint64 responseSize = 0; // bytes received, also when the body was cut
    bool bodyCut = false;
    bool bodiesDropped = false; // pruned: the metadata and findings stay, the bodies went
    qint64 elapsedMs = -1;
    QString verdict;        // Diagnosis::verdictName, or "no_response"
    QString transportError; // failureLayerName when the call failed below the API
    QList<HistoryFinding> findings;

    // body: the response body as read (the capture's may be spilled to a file); secret: the key
    // used, masked wherever a body echoes it. Bodies over bodyLimit bytes are cut (bodyCut).
    static HistoryRecord fromCall(const CallCapture& capture, const QByteArray& body, const Diagnosis* diagnosis,
                                  const QString& environment, const QString& account, const QString& source,
                                  const QString& secret, qint64 bodyLimit);

    // The call as the inspector opens a received one: request and response exactly as recorded.
    CallCapture toCapture() const;
    // The request as a request file (what Re-send loads into the composer): body, environment,
    // account and the headers the user added (not those every call carries).
    RequestFile toRequestFile() const;

    QList<QVariant> codes() const; // the codes (int) and keys (string) of its findings, distinct
    // `history --json` row; `full` adds url, request, response and findings (`history show`).
    QJsonObject toJson(bool full) const;
    static QString isoTime(qint64 timeMs);
};
