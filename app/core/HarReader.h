#pragma once

#include "ImportedCall.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QFile;

// Reads HAR 1.2 files (browser developer tools, Charles, Fiddler, Insomnia, ...) one entry at a
// time: the file is mapped, a scanner finds each element of log.entries by its brackets, and only
// that element is parsed (JsonIndex). Memory therefore follows the largest entry, not the file,
// and a broken entry (or a file cut off in the middle) costs that entry only: it is reported with
// its line and the others are read.
//
// Exporter quirks handled: response bodies base64-encoded (content.encoding) and/or still gzip,
// content.text missing (Firefox and Chrome leave out bodies they did not keep), the request body
// as postData.text or only as postData.params, headers in any case, gzip-compressed HAR files.
class HarReader
{
public:
    struct Problem
    {
        qint64 line = 0; // 1-based
        QString message;
    };

    explicit HarReader(const QString& path);
    ~HarReader();
    HarReader(const HarReader&) = delete;
    HarReader& operator=(const HarReader&) = delete;

    // Maps (or decompresses) the file and checks that it looks like a HAR; false with error().
    bool open();
    QString error() const { return m_error; }
    // True when the first bytes look like a HAR document ({"log": ...).
    static bool looksLikeHar(const QByteArray& head);

    // Calls onEntry for each entry in order, secrets already masked; onEntry returns false to
    // stop. progress (fraction of the file scanned) may return false to cancel. False when the
    // entries array was not found or reading was cancelled.
    bool read(const std::function<bool(ImportedCall&& call)>& onEntry,
              const std::function<bool(double)>& progress = {});

    // Entries that could not be read, and structural problems (a file cut off early).
    const QList<Problem>& problems() const { return m_problems; }
    qint64 entryCount() const { return m_entries; }
    // log.creator.name ("WebInspector", "Firefox", "Charles Proxy", "Fiddler", "Insomnia").
    QString creator() const { return m_creator; }

    // One entry's JSON (an element of log.entries) as a call; false with a message when it is
    // not an entry (positions in the message count from firstLine, the entry's line in the
    // file). Exposed for the tests of the quirks above.
    static bool parseEntry(const QByteArray& json, ImportedCall* call, QString* error, qint64 firstLine = 1);

private:
    QString m_path;
    std::unique_ptr<QFile> m_file;
    const char* m_data = nullptr;
    qint64 m_size = 0;
    QByteArray m_plain; // decompressed .har.gz
    QString m_error;
    QString m_creator;
    QList<Problem> m_problems;
    qint64 m_entries = 0;
};
