#include "ResponseAnalysis.h"

#include "BodySniffer.h"

#include <algorithm>

using namespace BodySniffer;

namespace {
// Higher wins (see the class comment).
int verdictRank(ResponseAnalysis::Verdict v)
{
    switch (v) {
    case ResponseAnalysis::Verdict::Ok:
        return 0;
    case ResponseAnalysis::Verdict::PartialFailure:
        return 1;
    case ResponseAnalysis::Verdict::AllFailed:
        return 2;
    case ResponseAnalysis::Verdict::ApiError:
        return 3;
    case ResponseAnalysis::Verdict::InvalidEnvelope:
        return 4;
    case ResponseAnalysis::Verdict::NotJson:
        return 5;
    case ResponseAnalysis::Verdict::Empty:
        return 6;
    case ResponseAnalysis::Verdict::HttpError:
        return 7;
    }
    return 0;
}
} // namespace

void ResponseAnalysis::raise(Verdict verdict)
{
    if (verdictRank(verdict) > verdictRank(m_d.verdict))
        m_d.verdict = verdict;
}

QString ResponseAnalysis::quoted(QString text, int max)
{
    text = text.simplified();
    if (text.size() > max)
        text = text.left(max) + QChar(0x2026);
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString ResponseAnalysis::ordinalOf(int index, qint64 total)
{
    return QStringLiteral("%1 of %2").arg(index + 1).arg(total);
}

QString ResponseAnalysis::jsonValueText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

Finding& ResponseAnalysis::add(Severity severity, Level level, const QString& key, const QString& message, NodeId node)
{
    Finding* f = addAt(severity, level, key, -1, node);
    if (!f) {
        m_scratch = Finding();
        return m_scratch;
    }
    setMessage(*f, message);
    return *f;
}

Finding* ResponseAnalysis::addAt(Severity severity, Level level, const QString& key, int index, NodeId node, bool force)
{
    return admit(severity, level, std::nullopt, nullptr, key, index, node, force);
}

Finding* ResponseAnalysis::addCodeAt(Severity severity, Level level, std::optional<int> code, int index, NodeId node)
{
    const ErrorEntry* entry = code ? m_catalog.byCode(*code) : nullptr;
    // A catalogued code needs no lookup of the unknown_code entry (one per failed object).
    static const QString unknown = QStringLiteral("unknown_code");
    Finding* f = admit(severity, level, code, entry, entry ? QString() : unknown, index, node, false);
    if (f && !entry)
        f->known = false; // the unknown_code entry explains; the code itself is not catalogued
    return f;
}

Finding* ResponseAnalysis::admit(Severity severity, Level level, std::optional<int> code, const ErrorEntry* codeEntry,
                                 const QString& key, int index, NodeId node, bool force)
{
    if (m_filter && !m_filter->keepFinding({severity, level, code, key, index, node}) && !force) {
        ++m_d.omitted[int(severity)];
        return nullptr;
    }
    Finding f;
    f.severity = severity;
    f.level = level;
    f.code = code;
    f.key = key;
    f.index = index;
    const ErrorEntry* entry = codeEntry ? codeEntry : m_catalog.byKey(key);
    f.known = entry != nullptr;
    f.explanation = ResponseAnalyzer::explanationFor(entry);
    f.title = entry ? entry->title : QString();
    if (node != npos && m_index.isValid()) {
        f.node = node;
        f.path = m_index.path(node);
        f.offset = m_index.offset(node);
        f.length = m_index.length(node);
    }
    m_d.findings.append(std::move(f));
    return &m_d.findings.last();
}

void ResponseAnalysis::setMessage(Finding& f, QString message)
{
    // Messages built by appending keep spare capacity; a batch of a million failed objects
    // analysed without a filter keeps a million of them.
    if (message.capacity() > message.size())
        message.squeeze();
    f.message = std::move(message);
}

QByteArray ResponseAnalysis::header(const QByteArray& name) const
{
    for (const auto& pair : m_context.headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return QByteArray();
}

std::optional<qint64> ResponseAnalysis::readCounter(NodeId node) const
{
    if (node == npos)
        return std::nullopt;
    if (m_index.type(node) == Type::Number)
        return m_index.integer(node);
    if (m_index.type(node) == Type::String) {
        bool ok = false;
        const qint64 v = m_index.string(node).trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

QString ResponseAnalysis::describeType(NodeId node) const
{
    const Type t = m_index.type(node);
    switch (t) {
    case Type::Object:
        return QStringLiteral("an object");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::String:
        return QStringLiteral("a string");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::True:
    case Type::False:
        return QStringLiteral("a boolean");
    case Type::Null:
        return QStringLiteral("null");
    }
    return QString();
}

std::optional<int> ResponseAnalysis::readCode(NodeId codeNode, bool* asString) const
{
    *asString = false;
    if (codeNode == npos)
        return std::nullopt;
    if (m_index.type(codeNode) == Type::Number) {
        const auto v = m_index.integer(codeNode);
        if (v && *v >= INT_MIN && *v <= INT_MAX)
            return int(*v);
        return std::nullopt;
    }
    if (m_index.type(codeNode) == Type::String) {
        bool ok = false;
        const int v = m_index.string(codeNode).trimmed().toInt(&ok);
        if (ok) {
            *asString = true;
            return v;
        }
    }
    return std::nullopt;
}

Diagnosis ResponseAnalysis::run()
{
    m_d.stats.bytes = m_index.size();
    m_d.httpStatus = m_context.httpStatus;
    m_d.method = m_context.request.value(QStringLiteral("method")).toString();
    const QJsonValue objects =
        m_context.request.value(QStringLiteral("params")).toObject().value(QStringLiteral("objects"));
    m_hasRequestObjects = objects.isArray();
    m_requestObjects = objects.toArray();

    if (m_index.compressedSize() > 0) {
        add(Severity::Info, Level::Envelope, QStringLiteral("gzip_body"),
            QStringLiteral("the body is gzip-compressed: %1 bytes decompressed to %2 bytes")
                .arg(m_index.compressedSize())
                .arg(m_index.size()));
    }

    switch (m_index.status()) {
    case JsonIndex::Status::Ok:
        if (m_index.invalidUtf8Offset() >= 0) {
            reportInvalidUtf8();
            raise(Verdict::NotJson);
        }
        analyzeEnvelope(m_index.root());
        break;
    case JsonIndex::Status::Empty:
        add(Severity::Error, Level::Envelope, QStringLiteral("empty_body"),
            m_index.size() == 0 ? QStringLiteral("the body is empty (0 bytes)")
                                : QStringLiteral("the body is only whitespace (%1 bytes)").arg(m_index.size()));
        raise(Verdict::Empty);
        break;
    case JsonIndex::Status::Invalid:
        analyzeNotJson();
        break;
    case JsonIndex::Status::TooLarge:
    case JsonIndex::Status::Canceled:
    case JsonIndex::Status::Unreadable:
        add(Severity::Error, Level::Envelope, QStringLiteral("not_json"),
            QStringLiteral("the body could not be indexed: %1").arg(m_index.errorMessage()));
        raise(Verdict::NotJson);
        break;
    }
    analyzeHttp();

    // Errors first, then warnings, then info; document order within each.
    // They are nearly always found in that order already; stable_sort would still merge through
    // a buffer as large as all findings (a batch of a million failed objects: ~200 MB and a tenth
    // of inspect's time).
    const auto bySeverity = [](const Finding& a, const Finding& b) { return int(a.severity) < int(b.severity); };
    if (!std::is_sorted(m_d.findings.cbegin(), m_d.findings.cend(), bySeverity))
        std::stable_sort(m_d.findings.begin(), m_d.findings.end(), bySeverity);
    QList<qint64> offsets;
    for (const Finding& f : std::as_const(m_d.findings)) {
        if (f.offset >= 0)
            offsets.append(f.offset);
    }
    if (!offsets.isEmpty()) {
        const QList<JsonIndex::LineColumn> positions = m_index.lineColumns(offsets);
        int i = 0;
        for (Finding& f : m_d.findings) {
            if (f.offset >= 0) {
                f.line = positions[i].line;
                f.column = positions[i].column;
                ++i;
            }
        }
    }
    return m_d;
}

void ResponseAnalysis::reportInvalidUtf8()
{
    const qint64 count = m_index.invalidUtf8Count();
    Finding& f = add(Severity::Error, Level::Envelope, QStringLiteral("invalid_utf8"),
                     QStringLiteral("invalid UTF-8 at byte %1: %2 byte%3 not UTF-8 (shown as '?')")
                         .arg(m_index.invalidUtf8Offset())
                         .arg(count)
                         .arg(count == 1 ? QStringLiteral(" is") : QStringLiteral("s are")));
    f.offset = m_index.invalidUtf8Offset();
    f.length = 1;
}

void ResponseAnalysis::analyzeHttp()
{
    const std::optional<int> status = m_context.httpStatus;
    if (!status || (*status >= 200 && *status < 300)) {
        if (m_httpError)
            raise(Verdict::HttpError);
        return;
    }
    raise(Verdict::HttpError);
    if (m_bodyExplainsHttp)
        return;
    QString message = QStringLiteral("HTTP %1").arg(*status);
    const QByteArray type = header("Content-Type");
    if (!type.isEmpty())
        message += QStringLiteral(" with Content-Type %1").arg(QString::fromLatin1(type));
    if (*status == 401) {
        const QByteArray challenge = header("WWW-Authenticate");
        if (!challenge.isEmpty())
            message += QStringLiteral(" and WWW-Authenticate %1").arg(QString::fromLatin1(challenge));
    }
    if (m_index.status() == JsonIndex::Status::Invalid && !looksLikeHtml(headText(m_index, 4096), type))
        message += QStringLiteral(": ") + quoted(firstLine(headText(m_index, 4096)));
    // Kept whatever the filter says, and first: it is the cause of whatever the body shows.
    Finding* f = addAt(Severity::Error, Level::Http, QStringLiteral("http_status"), -1, npos, true);
    setMessage(*f, message);
    m_d.findings.move(m_d.findings.size() - 1, 0);
}

void ResponseAnalysis::analyzeNotJson()
{
    const QString head = headText(m_index);
    const QByteArray contentType = header("Content-Type");
    const ErrorEntry* cluster = m_catalog.byKey(QStringLiteral("http_401_text"));
    // The 401 body the real service sends for unknown credentials. Matched on
    // its distinctive word, and on the catalogue's example text when that is filled in.
    const QString example = cluster && cluster->example.isString() ? cluster->example.toString().trimmed() : QString();
    const bool clusterText = head.contains(QLatin1String("clusterID"), Qt::CaseInsensitive) ||
                             (!example.isEmpty() && head.trimmed().startsWith(example, Qt::CaseInsensitive));
    if (looksLikeHtml(head, contentType)) {
        const QString title = htmlTitle(head);
        QString message = title.isEmpty() ? QStringLiteral("HTML page without a title")
                                          : QStringLiteral("HTML page titled %1").arg(quoted(title));
        if (hasLoginForm(head))
            message += QStringLiteral(", with a password field (a login page)");
        message += QStringLiteral(" instead of JSON");
        Finding& f = add(Severity::Error, Level::Http, QStringLiteral("html_page"), message);
        f.offset = 0;
        f.length = m_index.size();
        raise(m_httpError ? Verdict::HttpError : Verdict::NotJson);
        return;
    }
    if (clusterText) {
        QString message = QStringLiteral("plain-text body %1").arg(quoted(firstLine(head)));
        if (m_context.httpStatus)
            message += QStringLiteral(" with HTTP %1").arg(*m_context.httpStatus);
        message += QStringLiteral(": the service could not find an account for these credentials");
        Finding& f = add(Severity::Error, Level::Http, QStringLiteral("http_401_text"), message);
        f.offset = 0;
        f.length = m_index.size();
        m_bodyExplainsHttp = true;
        m_httpError = true;
        raise(Verdict::HttpError);
        return;
    }

    const qint64 offset = m_index.errorOffset();
    const JsonIndex::LineColumn at = m_index.lineColumn(offset);
    QString message;
    const QString trimmed = head.trimmed();
    const QChar first = trimmed.isEmpty() ? QChar() : trimmed.at(0);
    const bool jsonStart = first == QLatin1Char('{') || first == QLatin1Char('[') || first == QLatin1Char('"') ||
                           first == QLatin1Char('-') || first.isDigit();
    if (!jsonStart && offset <= qint64(head.size() - trimmed.size() + 1) && !m_index.isKnownNonJson()) {
        message = QStringLiteral("plain text, not JSON: %1").arg(quoted(firstLine(head)));
    } else {
        message = QStringLiteral("invalid JSON at byte %1 (line %2, column %3): %4")
                      .arg(offset)
                      .arg(at.line)
                      .arg(at.column)
                      .arg(m_index.errorMessage());
        if (m_index.isTruncated())
            message += QStringLiteral("; the body ends after %1 bytes, probably truncated").arg(m_index.size());
    }
    Finding& f = add(Severity::Error, Level::Envelope, QStringLiteral("not_json"), message);
    f.offset = std::min(offset, m_index.size());
    f.length = offset < m_index.size() ? 1 : 0;
    if (m_index.invalidUtf8Offset() >= 0)
        reportInvalidUtf8();
    raise(Verdict::NotJson);
}

void ResponseAnalysis::reportInfo(NodeId root, NodeId result)
{
    const NodeId topMore = m_index.member(root, QLatin1String("hasMore"));
    const NodeId resultMore = result != npos ? m_index.member(result, QLatin1String("hasMore")) : npos;
    auto flag = [&](NodeId node) -> std::optional<bool> {
        if (node == npos)
            return std::nullopt;
        switch (m_index.type(node)) {
        case Type::True:
            return true;
        case Type::False:
            return false;
        case Type::String: {
            const QString s = m_index.string(node).trimmed().toLower();
            if (s == QLatin1String("true") || s == QLatin1String("1"))
                return true;
            if (s == QLatin1String("false") || s == QLatin1String("0"))
                return false;
            return std::nullopt;
        }
        case Type::Number:
            return m_index.number(node) != 0.0;
        default:
            return std::nullopt;
        }
    };
    const std::optional<bool> top = flag(topMore);
    const std::optional<bool> inner = flag(resultMore);
    if (topMore != npos || resultMore != npos) {
        m_d.hasMore = top ? top : inner;
        QStringList where;
        if (topMore != npos)
            where.append(QStringLiteral("$.hasMore = %1").arg(rawText(topMore)));
        if (resultMore != npos)
            where.append(QStringLiteral("$.result.hasMore = %1").arg(rawText(resultMore)));
        QString message = m_d.hasMore.value_or(false) ? QStringLiteral("more records are available (%1)")
                                                      : QStringLiteral("this is the last page (%1)");
        message = message.arg(where.join(QStringLiteral(", ")));
        if (top && inner && *top != *inner)
            message += QStringLiteral("; the two flags disagree");
        add((top && inner && *top != *inner) ? Severity::Warning : Severity::Info, Level::Envelope,
            QStringLiteral("has_more"), message, topMore != npos ? topMore : resultMore);
    }
    const NodeId callCount = m_index.member(root, QLatin1String("callCount"));
    const NodeId queryLimit = m_index.member(root, QLatin1String("queryLimit"));
    if (callCount != npos || queryLimit != npos) {
        m_d.quota.callCount = readCounter(callCount);
        m_d.quota.queryLimit = readCounter(queryLimit);
        QStringList parts;
        if (callCount != npos)
            parts.append(QStringLiteral("callCount %1").arg(rawText(callCount, 40)));
        if (queryLimit != npos)
            parts.append(QStringLiteral("queryLimit %1").arg(rawText(queryLimit, 40)));
        QString message = parts.join(QStringLiteral(", "));
        if (!m_d.quota.isEmpty())
            message += QStringLiteral(": ") + m_d.quota.text();
        add(Severity::Info, Level::Envelope, QStringLiteral("quota_counters"), message,
            callCount != npos ? callCount : queryLimit);
    }
}
