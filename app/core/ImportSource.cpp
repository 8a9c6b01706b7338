#include "ImportSource.h"

#include "Gzip.h"
#include "HarReader.h"
#include "JsonLinesReader.h"
#include "SupportBundle.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace {

// Files larger than this in a folder of responses are read as JSON Lines, not as one response.
constexpr qint64 kResponseFileLimit = qint64(1) << 30;

constexpr qint64 kSniffSize = 1 << 20;

bool firstLineIsWholeJson(const QByteArray& head)
{
    const qsizetype newline = head.indexOf('\n');
    if (newline < 0)
        return false;
    const QByteArray first = head.left(newline).trimmed();
    const QByteArray rest = head.mid(newline + 1).trimmed();
    return first.startsWith('{') && first.endsWith('}') && (rest.isEmpty() || rest.startsWith('{'));
}

// The first plain bytes of a gzip-compressed file (up to kSniffSize), so that its content can be
// told like an uncompressed file's; what could not be decompressed is simply not there.
QByteArray plainHead(QFile& file)
{
    QByteArray head;
    QString error;
    Gzip::decompress(
        file,
        [&](const char* data, qint64 size) {
            head.append(data, qsizetype(qMin(size, kSniffSize - head.size())));
            return head.size() < kSniffSize;
        },
        kSniffSize * Gzip::kMaxRatio, &error);
    return head;
}

} // namespace

QString ImportSource::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Har:
        return QStringLiteral("HAR");
    case Kind::JsonLines:
        return QStringLiteral("JSON Lines");
    case Kind::Bundle:
        return QStringLiteral("support bundle");
    case Kind::ResponseFile:
        return QStringLiteral("response");
    case Kind::Directory:
        return QStringLiteral("folder");
    case Kind::Unreadable:
        break;
    }
    return QStringLiteral("unreadable");
}

ImportSource::Kind ImportSource::detect(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Kind::Directory;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Kind::Unreadable;
    const QByteArray head = file.peek(4096);
    if (SupportBundle::looksLikeBundle(head))
        return Kind::Bundle;
    // A compressed file is told by what it holds and by the name without ".gz" (log.jsonl.gz);
    // each reader decompresses on its own.
    const bool gzip = Gzip::isGzip(head);
    const QByteArray plain = gzip ? plainHead(file) : file.peek(kSniffSize);
    const QString suffix = gzip ? QFileInfo(info.completeBaseName()).suffix().toLower() : info.suffix().toLower();
    if (HarReader::looksLikeHar(plain.left(4096)) || suffix == QLatin1String("har"))
        return Kind::Har;
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("log"))
        return Kind::JsonLines;
    if (firstLineIsWholeJson(plain) || info.size() > kResponseFileLimit)
        return Kind::JsonLines;
    return Kind::ResponseFile;
}

bool ImportSource::read(const QString& path, const Handlers& handlers, QString* error)
{
    const Kind kind = detect(path);
    if (kind == Kind::Unreadable) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    if (kind != Kind::Directory)
        return readFile(path, kind, handlers, error);
    QStringList files;
    QDirIterator it(path, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    for (const QString& file : std::as_const(files)) {
        QString fileError;
        const Kind fileKind = detect(file);
        if (fileKind == Kind::Unreadable || !readFile(file, fileKind, handlers, &fileError))
            handlers.problem(file, 0, fileError.isEmpty() ? QStringLiteral("unreadable") : fileError);
    }
    return true;
}

bool ImportSource::readFile(const QString& path, Kind kind, const Handlers& handlers, QString* error)
{
    bool secret = false;
    const auto onCall = [&](ImportedCall&& call) {
        secret = secret || call.secretMasked;
        return handlers.call(std::move(call));
    };
    bool ok = true;
    switch (kind) {
    case Kind::Har: {
        HarReader reader(path);
        ok = reader.open() && reader.read(onCall, handlers.progress);
        for (const HarReader::Problem& problem : reader.problems())
            handlers.problem(path, problem.line, problem.message);
        if (!ok)
            *error = reader.error();
        break;
    }
    case Kind::JsonLines: {
        JsonLinesReader reader(path);
        ok = reader.read(onCall, handlers.progress);
        secret = secret || reader.skippedLineHadSecret();
        for (const JsonLinesReader::Problem& problem : reader.problems())
            handlers.problem(path, problem.line, problem.message);
        if (reader.problemCount() > reader.problems().size())
            handlers.problem(path, 0,
                             QStringLiteral("%1 more lines skipped (not listed)")
                                 .arg(reader.problemCount() - reader.problems().size()));
        if (!ok)
            *error = reader.error();
        break;
    }
    case Kind::Bundle: {
        const std::optional<SupportBundle> bundle = SupportBundle::read(path, error);
        if (!bundle)
            return false;
        for (int i = 0; i < bundle->calls.size(); ++i) {
            const HistoryRecord& record = bundle->calls.at(i);
            ImportedCall call;
            call.source = path;
            call.index = i;
            call.timeMs = record.timeMs;
            call.httpMethod = QStringLiteral("POST");
            call.url = record.url;
            call.requestBody = record.requestBody;
            call.requestHeaders = record.requestHeaders;
            call.httpStatus = record.httpStatus;
            call.responseHeaders = record.responseHeaders;
            call.responseBody = record.responseBody;
            call.elapsedMs = record.elapsedMs;
            call.maskSecrets();
            if (!onCall(std::move(call)))
                break;
        }
        break;
    }
    case Kind::ResponseFile: {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
            return false;
        }
        ImportedCall call;
        call.source = path;
        call.responseBody = file.readAll();
        call.maskSecrets();
        onCall(std::move(call));
        break;
    }
    case Kind::Directory:
    case Kind::Unreadable:
        return false;
    }
    if (secret && handlers.secret)
        handlers.secret(path);
    return ok;
}
