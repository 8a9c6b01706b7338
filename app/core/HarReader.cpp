#include "HarReader.h"

#include "Gzip.h"
#include "JsonIndex.h"
#include "Redactor.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cstring>

namespace {

using Node = JsonIndex::NodeId;

QString stringMember(const JsonIndex& index, Node object, QLatin1String key)
{
    const Node node = object == JsonIndex::npos ? JsonIndex::npos : index.member(object, key);
    return node != JsonIndex::npos && index.type(node) == JsonIndex::Type::String ? index.string(node) : QString();
}

Node objectMember(const JsonIndex& index, Node object, QLatin1String key)
{
    if (object == JsonIndex::npos)
        return JsonIndex::npos;
    const Node node = index.member(object, key);
    return node != JsonIndex::npos && index.type(node) == JsonIndex::Type::Object ? node : JsonIndex::npos;
}

QList<ImportedCall::Header> headerList(const JsonIndex& index, Node object)
{
    QList<ImportedCall::Header> out;
    if (object == JsonIndex::npos)
        return out;
    const Node array = index.member(object, QLatin1String("headers"));
    if (array == JsonIndex::npos || index.type(array) != JsonIndex::Type::Array)
        return out;
    for (int i = 0; i < index.childCount(array); ++i) {
        const Node header = index.child(array, i);
        if (index.type(header) != JsonIndex::Type::Object)
            continue;
        const QString name = stringMember(index, header, QLatin1String("name"));
        if (!name.isEmpty())
            out.append({name.toLatin1(), stringMember(index, header, QLatin1String("value")).toUtf8()});
    }
    return out;
}

// The response body as the server sent it, decoded: base64 (content.encoding), then gzip when an
// exporter kept the compressed bytes.
QByteArray contentBody(const JsonIndex& index, Node content, bool* missing, QString* problem)
{
    const Node text = content == JsonIndex::npos ? JsonIndex::npos : index.member(content, QLatin1String("text"));
    if (text == JsonIndex::npos || index.type(text) != JsonIndex::Type::String) {
        *missing = true;
        return {};
    }
    QByteArray body = index.string(text).toUtf8();
    if (stringMember(index, content, QLatin1String("encoding")).compare(QLatin1String("base64"), Qt::CaseInsensitive) ==
        0) {
        const auto decoded = QByteArray::fromBase64Encoding(body);
        if (decoded)
            body = decoded.decoded;
        else
            *problem = QStringLiteral("content.text is not valid base64");
    }
    if (Gzip::isGzip(body)) {
        QString error;
        if (std::optional<QByteArray> plain = Gzip::decompress(body, qint64(1) << 30, &error))
            body = std::move(*plain);
        else
            *problem = QStringLiteral("the gzip body %1").arg(error);
    }
    return body;
}

enum class Key
{
    Other,
    Log,
    Entries,
    Creator
};

} // namespace

HarReader::HarReader(const QString& path)
    : m_path(path)
{}

HarReader::~HarReader() = default;

bool HarReader::looksLikeHar(const QByteArray& head)
{
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head.at(i))))
        ++i;
    if (i >= head.size() || head.at(i) != '{')
        return false;
    ++i;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head.at(i))))
        ++i;
    return head.mid(i, 5) == "\"log\"";
}

bool HarReader::open()
{
    m_file = std::make_unique<QFile>(m_path);
    if (!m_file->open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(m_path, m_file->errorString());
        return false;
    }
    if (Gzip::isGzip(m_file->peek(2))) {
        QString error;
        std::optional<QByteArray> plain = Gzip::decompress(m_file->readAll(), qint64(4) << 30, &error);
        if (!plain) {
            m_error = QStringLiteral("%1 is gzip-compressed and %2").arg(m_path, error);
            return false;
        }
        m_plain = std::move(*plain);
        m_data = m_plain.constData();
        m_size = m_plain.size();
    } else if (m_file->size() > 0) {
        m_data = reinterpret_cast<const char*>(m_file->map(0, m_file->size()));
        m_size = m_file->size();
        if (!m_data) {
            m_error = QStringLiteral("cannot map %1: %2").arg(m_path, m_file->errorString());
            return false;
        }
    }
    if (!looksLikeHar(QByteArray::fromRawData(m_data, qMin<qint64>(m_size, 4096)))) {
        m_error = QStringLiteral("%1 is not a HAR file (it does not start with {\"log\": ...)").arg(m_path);
        return false;
    }
    return true;
}

bool HarReader::read(const std::function<bool(ImportedCall&& call)>& onEntry,
                     const std::function<bool(double)>& progress)
{
    const char* p = m_data;
    const qint64 n = m_size;
    Key keys[4] = {Key::Other, Key::Other, Key::Other, Key::Other}; // key of the value open at depth d
    qint64 stringStart = -1;
    qint64 stringEnd = -1;
    int depth = 0;
    bool inEntries = false;
    bool sawEntries = false;
    qint64 line = 1;
    qint64 entryStart = -1;
    qint64 entryLine = 0;
    qint64 creatorStart = -1;
    qint64 nextProgress = 16 << 20;
    for (qint64 i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == '"') {
            // Skip the string, counting lines (a raw newline is invalid JSON but must not
            // shift the line numbers of what follows).
            const qint64 start = i + 1;
            ++i;
            while (i < n && p[i] != '"') {
                if (p[i] == '\\')
                    ++i;
                else if (p[i] == '\n')
                    ++line;
                ++i;
            }
            stringStart = start;
            stringEnd = i;
            continue;
        }
        switch (c) {
        case '\n':
            ++line;
            if (i >= nextProgress) {
                nextProgress = i + (16 << 20);
                if (progress && !progress(double(i) / double(n)))
                    return false;
            }
            break;
        case ':':
            if (depth >= 1 && depth <= 3) {
                const QByteArrayView key(p + stringStart, stringEnd - stringStart);
                keys[depth] = key == "log"       ? Key::Log
                              : key == "entries" ? Key::Entries
                              : key == "creator" ? Key::Creator
                                                 : Key::Other;
            }
            break;
        case '{':
        case '[':
            if (depth == 3 && inEntries && c == '{') {
                entryStart = i;
                entryLine = line;
            } else if (depth == 2 && keys[1] == Key::Log && keys[2] == Key::Entries && c == '[') {
                inEntries = sawEntries = true;
            } else if (depth == 2 && keys[1] == Key::Log && keys[2] == Key::Creator && c == '{') {
                creatorStart = i;
            }
            ++depth;
            if (depth <= 3)
                keys[depth] = Key::Other;
            break;
        case '}':
        case ']':
            --depth;
            if (depth == 3 && inEntries && entryStart >= 0 && c == '}') {
                const QByteArray json = QByteArray::fromRawData(p + entryStart, i + 1 - entryStart);
                ImportedCall call;
                QString error;
                call.source = m_path;
                call.index = int(m_entries);
                call.line = entryLine;
                if (parseEntry(json, &call, &error, entryLine)) {
                    ++m_entries;
                    if (!onEntry(std::move(call)))
                        return true;
                } else {
                    m_problems.append({entryLine, QStringLiteral("entry %1 skipped: %2").arg(m_entries).arg(error)});
                    ++m_entries;
                }
                entryStart = -1;
            } else if (depth == 2 && inEntries && c == ']') {
                inEntries = false;
            } else if (depth == 2 && creatorStart >= 0 && c == '}') {
                const QJsonObject creator =
                    QJsonDocument::fromJson(QByteArray(p + creatorStart, i + 1 - creatorStart)).object();
                m_creator = creator.value(QLatin1String("name")).toString();
                creatorStart = -1;
            }
            if (depth < 0) {
                m_problems.append({line, QStringLiteral("unbalanced '%1'; the rest of the file is ignored").arg(c)});
                return sawEntries;
            }
            break;
        default:
            break;
        }
    }
    if (entryStart >= 0)
        m_problems.append({entryLine, QStringLiteral("the file ends inside entry %1 (cut off?); it is skipped, the "
                                                     "entries before it were read")
                                          .arg(m_entries)});
    if (!sawEntries) {
        m_error = QStringLiteral("%1 has no log.entries array").arg(m_path);
        return false;
    }
    return true;
}

bool HarReader::parseEntry(const QByteArray& json, ImportedCall* call, QString* error, qint64 firstLine)
{
    const JsonIndex index = JsonIndex::fromBytes(json);
    if (!index.isValid()) {
        const JsonIndex::LineColumn where = index.lineColumn(qMax<qint64>(0, index.errorOffset()));
        *error = QStringLiteral("not valid JSON at line %1, column %2: %3")
                     .arg(firstLine + where.line - 1)
                     .arg(where.column)
                     .arg(index.errorMessage());
        return false;
    }
    const Node entry = index.root();
    if (index.type(entry) != JsonIndex::Type::Object) {
        *error = QStringLiteral("not an object");
        return false;
    }
    const Node request = objectMember(index, entry, QLatin1String("request"));
    if (request == JsonIndex::npos) {
        *error = QStringLiteral("no request object");
        return false;
    }
    call->httpMethod = stringMember(index, request, QLatin1String("method")).toUpper();
    call->url = stringMember(index, request, QLatin1String("url"));
    call->requestHeaders = headerList(index, request);
    const Node postData = objectMember(index, request, QLatin1String("postData"));
    if (postData != JsonIndex::npos) {
        const Node text = index.member(postData, QLatin1String("text"));
        if (text != JsonIndex::npos && index.type(text) == JsonIndex::Type::String) {
            call->requestBody = index.string(text).toUtf8();
        } else {
            // Some exporters give form bodies only as params.
            const Node params = index.member(postData, QLatin1String("params"));
            if (params != JsonIndex::npos && index.type(params) == JsonIndex::Type::Array) {
                QStringList pairs;
                for (int i = 0; i < index.childCount(params); ++i) {
                    const Node param = index.child(params, i);
                    pairs.append(QString::fromLatin1(
                                     QUrl::toPercentEncoding(stringMember(index, param, QLatin1String("name")))) +
                                 QLatin1Char('=') +
                                 QString::fromLatin1(
                                     QUrl::toPercentEncoding(stringMember(index, param, QLatin1String("value")))));
                }
                call->requestBody = pairs.join(QLatin1Char('&')).toUtf8();
            }
        }
    }
    const QDateTime started =
        QDateTime::fromString(stringMember(index, entry, QLatin1String("startedDateTime")), Qt::ISODateWithMs);
    if (started.isValid())
        call->timeMs = started.toMSecsSinceEpoch();
    const Node time = index.member(entry, QLatin1String("time"));
    if (time != JsonIndex::npos && index.type(time) == JsonIndex::Type::Number && index.number(time) >= 0)
        call->elapsedMs = qint64(index.number(time) + 0.5);

    const Node response = objectMember(index, entry, QLatin1String("response"));
    if (response != JsonIndex::npos) {
        const Node status = index.member(response, QLatin1String("status"));
        if (status != JsonIndex::npos && index.type(status) == JsonIndex::Type::Number && index.number(status) > 0)
            call->httpStatus = int(index.number(status));
        call->responseHeaders = headerList(index, response);
        QString problem;
        call->responseBody = contentBody(index, objectMember(index, response, QLatin1String("content")),
                                         &call->responseBodyMissing, &problem);
        if (!problem.isEmpty()) {
            *error = problem;
            return false;
        }
    } else {
        call->responseBodyMissing = true;
    }
    call->maskSecrets();
    // Cookie and query lists repeat what the URL and headers hold; a secret there is reported
    // even though only the (masked) URL and headers are kept.
    for (const QLatin1String list : {QLatin1String("cookies"), QLatin1String("queryString")}) {
        const Node array = index.member(request, list);
        if (array == JsonIndex::npos || index.type(array) != JsonIndex::Type::Array)
            continue;
        for (int i = 0; i < index.childCount(array); ++i) {
            const Node item = index.child(array, i);
            if (index.type(item) == JsonIndex::Type::Object &&
                stringMember(index, item, QLatin1String("name"))
                    .contains(QLatin1String("secretkey"), Qt::CaseInsensitive) &&
                !stringMember(index, item, QLatin1String("value")).isEmpty() &&
                !Redactor::isMask(stringMember(index, item, QLatin1String("value"))))
                call->secretMasked = true;
        }
    }
    return true;
}
