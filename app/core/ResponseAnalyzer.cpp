#include "ResponseAnalyzer.h"

#include "MethodCatalog.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace {

using Severity = Finding::Severity;
using Level = Finding::Level;
using Verdict = Diagnosis::Verdict;
using NodeId = JsonIndex::NodeId;
using Type = JsonIndex::Type;
constexpr NodeId npos = JsonIndex::npos;

// Higher wins (see the class comment).
int verdictRank(Verdict v)
{
    switch (v) {
    case Verdict::Ok:
        return 0;
    case Verdict::PartialFailure:
        return 1;
    case Verdict::AllFailed:
        return 2;
    case Verdict::ApiError:
        return 3;
    case Verdict::InvalidEnvelope:
        return 4;
    case Verdict::NotJson:
        return 5;
    case Verdict::Empty:
        return 6;
    case Verdict::HttpError:
        return 7;
    }
    return 0;
}

// Top-level keys of a response (api-facts §1.4): the envelope and the informational extras.
const char* const kEnvelopeKeys[] = {"result", "error", "id", "hasMore", "callCount", "queryLimit"};
// Batch result keys (api-facts §2.2).
const char* const kBatchKeys[] = {"creates", "updates", "deletes"};
constexpr int kMaxListedKeys = 20;
constexpr int kQuoteChars = 120;

QString quoted(QString text, int max = kQuoteChars)
{
    text = text.simplified();
    if (text.size() > max)
        text = text.left(max) + QChar(0x2026);
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QString ordinalOf(int index, qint64 total)
{
    return QStringLiteral("%1 of %2").arg(index + 1).arg(total);
}

// The first bytes as text, for sniffing non-JSON bodies.
QString headText(const JsonIndex& index, qint64 bytes = 64 * 1024)
{
    return QString::fromUtf8(index.data(), qsizetype(std::min(index.size(), bytes)));
}

QString decodeHtmlEntities(QString text)
{
    static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]+);"));
    QString out;
    qsizetype last = 0;
    for (auto it = numeric.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        bool ok = false;
        const uint cp = m.captured(2).toUInt(&ok, m.captured(1).isEmpty() ? 10 : 16);
        out += ok && cp > 0 && cp < 0x110000 ? QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1)
                                             : m.captured(0);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    out.replace(QLatin1String("&lt;"), QLatin1String("<"));
    out.replace(QLatin1String("&gt;"), QLatin1String(">"));
    out.replace(QLatin1String("&quot;"), QLatin1String("\""));
    out.replace(QLatin1String("&apos;"), QLatin1String("'"));
    out.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    out.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return out;
}

bool looksLikeHtml(const QString& head, const QByteArray& contentType)
{
    if (contentType.toLower().contains("text/html"))
        return true;
    const QString start = head.trimmed().left(1024).toLower();
    if (!start.startsWith(QLatin1Char('<')))
        return false;
    static const QRegularExpression tag(
        QStringLiteral("<(!doctype\\s+html|html|head|body|title|h1|center|div|p)[\\s>]"),
        QRegularExpression::CaseInsensitiveOption);
    return tag.match(head).hasMatch();
}

QString htmlTitle(const QString& head)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression h1(QStringLiteral("<h1[^>]*>(.*?)</h1>"),
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    for (const QRegularExpression* re : {&title, &h1}) {
        const auto m = re->match(head);
        if (m.hasMatch()) {
            QString text = m.captured(1);
            text.remove(tags);
            text = decodeHtmlEntities(text).simplified();
            if (!text.isEmpty())
                return text;
        }
    }
    return QString();
}

bool hasLoginForm(const QString& head)
{
    static const QRegularExpression password(QStringLiteral("<input[^>]+type\\s*=\\s*[\"']?password"),
                                             QRegularExpression::CaseInsensitiveOption);
    return password.match(head).hasMatch();
}

QString firstLine(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype nl = trimmed.indexOf(QLatin1Char('\n'));
    return nl < 0 ? trimmed : trimmed.left(nl).trimmed();
}

QString jsonValueText(const QJsonValue& value)
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

} // namespace

// One run of the analysis: the index, the context and the diagnosis being built.
class ResponseAnalysis
{
public:
    ResponseAnalysis(const ErrorCatalog& catalog, const JsonIndex& index, const ResponseAnalyzer::Context& context)
        : m_catalog(catalog)
        , m_index(index)
        , m_context(context)
    {}

    Diagnosis run();

private:
    Finding& add(Severity severity, Level level, const QString& key, const QString& message, NodeId node = npos);
    Finding& addCode(Severity severity, Level level, std::optional<int> code, const QString& message, NodeId node);
    void raise(Verdict verdict)
    {
        if (verdictRank(verdict) > verdictRank(m_d.verdict))
            m_d.verdict = verdict;
    }
    QByteArray header(const QByteArray& name) const;

    void analyzeHttp();
    void reportInvalidUtf8();
    void analyzeNotJson();
    void analyzeEnvelope(NodeId root);
    void analyzeId(NodeId idNode);
    void analyzeResult(NodeId result, bool apiError);
    void analyzeBatch(const QString& key, NodeId array);
    void correlateCopies(NodeId errorArray);
    void checkSilentUpdates();
    void reportInfo(NodeId root, NodeId result);
    // Reads {code, message, data}; returns the code (nullopt when absent or unusable).
    // How a finding names the error it reports: "<subject> <code clause>: <message><suffix>".
    struct ErrorWording
    {
        QString subject;  // "API error", "object 2 of 3 failed with", "top-level error 1 of 2"
        QString withCode; // "%1" = the code: "%1", "has code %1"
        QString noCode;   // "without a code", "has no code"
        QString badCode;  // "%1" = the raw code: "with an unusable code %1"
        QString suffix;   // appended after the message
    };
    static ErrorWording apiWording();
    static ErrorWording objectWording(int index, qint64 total);
    static ErrorWording copyWording(int index, qint64 total, const QString& suffix);
    std::optional<int> reportErrorObject(NodeId error, Level level, int index, const ErrorWording& wording,
                                         QString* messageOut = nullptr);
    std::optional<int> readCode(NodeId codeNode, bool* asString) const;
    std::optional<qint64> readCounter(NodeId node) const;
    QString describeType(NodeId node) const;
    // The node's source text, cut at max bytes (for quoting in messages).
    QString rawText(NodeId node, qsizetype max = 1 << 20) const
    {
        const QByteArrayView raw = m_index.raw(node);
        return QString::fromUtf8(raw.first(std::min(raw.size(), max)));
    }

    const ErrorCatalog& m_catalog;
    const JsonIndex& m_index;
    const ResponseAnalyzer::Context& m_context;
    Diagnosis m_d;
    bool m_httpError = false;
    bool m_bodyExplainsHttp = false; // e.g. the 401 clusterID text: no separate http_status finding
    QJsonArray m_requestObjects;
    bool m_hasRequestObjects = false;
};

Finding& ResponseAnalysis::add(Severity severity, Level level, const QString& key, const QString& message, NodeId node)
{
    Finding f;
    f.severity = severity;
    f.level = level;
    f.key = key;
    const ErrorEntry* entry = m_catalog.byKey(key);
    f.known = entry != nullptr;
    f.explanation = ResponseAnalyzer::explanationFor(entry);
    f.title = entry ? entry->title : QString();
    f.message = message;
    if (node != npos && m_index.isValid()) {
        f.node = node;
        f.path = m_index.path(node);
        f.offset = m_index.offset(node);
        f.length = m_index.length(node);
    }
    m_d.findings.append(f);
    return m_d.findings.last();
}

Finding& ResponseAnalysis::addCode(Severity severity, Level level, std::optional<int> code, const QString& message,
                                   NodeId node)
{
    const ErrorEntry* entry = code ? m_catalog.byCode(*code) : nullptr;
    Finding& f = add(severity, level, QStringLiteral("unknown_code"), message, node);
    f.code = code;
    if (entry) {
        f.key.clear();
        f.known = true;
        f.explanation = ResponseAnalyzer::explanationFor(entry);
        f.title = entry->title;
    } else {
        f.known = false; // the unknown_code entry explains; the code itself is not catalogued
    }
    return f;
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
    std::stable_sort(m_d.findings.begin(), m_d.findings.end(),
                     [](const Finding& a, const Finding& b) { return int(a.severity) < int(b.severity); });
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
    Finding& f = add(Severity::Error, Level::Http, QStringLiteral("http_status"), message);
    // Keep the HTTP finding first: it is the cause of whatever the body shows.
    m_d.findings.move(m_d.findings.size() - 1, 0);
    Q_UNUSED(f);
}

void ResponseAnalysis::analyzeNotJson()
{
    const QString head = headText(m_index);
    const QByteArray contentType = header("Content-Type");
    const ErrorEntry* cluster = m_catalog.byKey(QStringLiteral("http_401_text"));
    // The 401 body the real service sends for unknown credentials (api-facts §1.5). Matched on
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
    if (!jsonStart && offset <= qint64(head.size() - trimmed.size() + 1)) {
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

void ResponseAnalysis::analyzeEnvelope(NodeId root)
{
    if (m_index.type(root) != Type::Object) {
        add(Severity::Error, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("the body is %1, not a response object {result, error, id}").arg(describeType(root)), root);
        raise(Verdict::InvalidEnvelope);
        if (m_index.type(root) == Type::Array)
            m_d.stats.objects = m_index.childCount(root);
        return;
    }

    // One pass over the top-level members: envelope keys (the last of duplicates wins, as in
    // PHP, JavaScript and Python clients), duplicates and unexpected keys.
    NodeId result = npos;
    NodeId error = npos;
    NodeId id = npos;
    bool requestShaped = false;
    QHash<QString, int> seen;
    QList<NodeId> duplicates;
    QList<NodeId> unexpected;
    QStringList keysFound;
    const int members = m_index.childCount(root);
    for (int i = 0; i < members; ++i) {
        const NodeId member = m_index.child(root, i);
        const QString key = m_index.key(member);
        if (keysFound.size() < 8)
            keysFound.append(key);
        const int count = ++seen[key];
        if (key == QLatin1String("result"))
            result = member;
        else if (key == QLatin1String("error"))
            error = member;
        else if (key == QLatin1String("id"))
            id = member;
        else if (key == QLatin1String("method") || key == QLatin1String("params"))
            requestShaped = true;
        const bool envelopeKey = std::any_of(std::begin(kEnvelopeKeys), std::end(kEnvelopeKeys),
                                             [&](const char* k) { return key == QLatin1String(k); });
        if (envelopeKey && count == 2)
            duplicates.append(member);
        else if (!envelopeKey && count == 1)
            unexpected.append(member);
    }

    if (result == npos && error == npos) {
        add(Severity::Error, Level::Envelope, QStringLiteral("invalid_envelope"),
            requestShaped
                ? QStringLiteral("this is a request envelope (method/params), not a response")
                : QStringLiteral("neither 'result' nor 'error' is present (keys: %1)")
                      .arg(keysFound.isEmpty() ? QStringLiteral("none") : keysFound.join(QStringLiteral(", "))),
            root);
        raise(Verdict::InvalidEnvelope);
        analyzeId(id);
        return;
    }
    for (NodeId member : std::as_const(duplicates)) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("key '%1' appears more than once; clients disagree on which one counts (the last one is "
                           "analysed, as most JSON parsers keep it)")
                .arg(m_index.key(member)),
            member);
    }
    for (int i = 0; i < unexpected.size() && i < kMaxListedKeys; ++i) {
        add(Severity::Info, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("unexpected top-level key '%1'").arg(m_index.key(unexpected[i])), unexpected[i]);
    }
    if (unexpected.size() > kMaxListedKeys)
        add(Severity::Info, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("%1 more unexpected top-level keys").arg(unexpected.size() - kMaxListedKeys), root);
    analyzeId(id);

    // error: null | [] | {code, message, data} | [copies...]
    bool apiError = false;
    NodeId copies = npos;
    if (error == npos) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("no 'error' key next to 'result' (the API sends \"error\": null or [])"), root);
    } else {
        switch (m_index.type(error)) {
        case Type::Null:
            break;
        case Type::Object:
            apiError = true;
            reportErrorObject(error, Level::Api, -1, apiWording());
            raise(Verdict::ApiError);
            break;
        case Type::Array:
            if (m_index.childCount(error) > 0)
                copies = error;
            break;
        case Type::String: {
            const QString text = m_index.string(error);
            if (text.trimmed().isEmpty()) {
                add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
                    QStringLiteral("'error' is an empty string (expected null, [] or an error object)"), error);
            } else {
                apiError = true;
                add(Severity::Error, Level::Api, QStringLiteral("invalid_envelope"),
                    QStringLiteral("'error' is a string instead of an error object: %1").arg(quoted(text)), error);
                raise(Verdict::ApiError);
            }
            break;
        }
        case Type::True:
        case Type::Number: {
            const bool zero = m_index.type(error) == Type::Number && m_index.number(error) == 0.0;
            if (zero) {
                add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
                    QStringLiteral("'error' is 0 (expected null, [] or an error object)"), error);
            } else {
                apiError = true;
                add(Severity::Error, Level::Api, QStringLiteral("invalid_envelope"),
                    QStringLiteral("'error' is %1 (%2) instead of an error object")
                        .arg(describeType(error), rawText(error, 40)),
                    error);
                raise(Verdict::ApiError);
            }
            break;
        }
        case Type::False:
            add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
                QStringLiteral("'error' is false (expected null, [] or an error object)"), error);
            break;
        }
    }

    analyzeResult(result, apiError || copies != npos);
    if (copies != npos)
        correlateCopies(copies);
    checkSilentUpdates();
    reportInfo(root, result);

    if (!m_d.batch.isEmpty() && m_d.stats.failed > 0)
        raise(m_d.stats.failed == m_d.stats.objects ? Verdict::AllFailed : Verdict::PartialFailure);
    // Any remaining error-severity finding (e.g. a malformed batch element) must not leave "ok".
    if (m_d.verdict == Verdict::Ok && m_d.hasErrors())
        raise(Verdict::InvalidEnvelope);
}

void ResponseAnalysis::analyzeId(NodeId idNode)
{
    const QJsonValue requestId = m_context.request.value(QStringLiteral("id"));
    const bool requestHasId = !m_context.request.isEmpty() && (requestId.isString() || requestId.isDouble());
    if (idNode == npos) {
        if (requestHasId) {
            m_d.idMatches = false;
            add(Severity::Warning, Level::Envelope, QStringLiteral("id_mismatch"),
                QStringLiteral("the response has no 'id'; the request sent \"%1\"").arg(jsonValueText(requestId)),
                m_index.root());
        } else {
            add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
                QStringLiteral("the response has no 'id' (it normally echoes the request id)"), m_index.root());
        }
        return;
    }
    const Type t = m_index.type(idNode);
    if (t == Type::String)
        m_d.requestId = m_index.string(idNode);
    else if (t == Type::Number)
        m_d.requestId = rawText(idNode);
    else if (t != Type::Null)
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("'id' is %1 (expected a string or a number)").arg(describeType(idNode)), idNode);
    if (!requestHasId)
        return;
    // Compared as text: a client that sent 1 and reads back "1" has its answer.
    const QString expected = jsonValueText(requestId);
    const bool matches = m_d.requestId && *m_d.requestId == expected;
    m_d.idMatches = matches;
    if (!matches) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("id_mismatch"),
            QStringLiteral("response id %1 does not match the request id \"%2\"")
                .arg(m_d.requestId ? QStringLiteral("\"%1\"").arg(*m_d.requestId) : QStringLiteral("null"), expected),
            idNode);
    }
}

void ResponseAnalysis::analyzeResult(NodeId result, bool errorReported)
{
    if (result == npos || m_index.type(result) == Type::Null) {
        if (!errorReported) {
            add(Severity::Error, Level::Envelope, QStringLiteral("invalid_envelope"),
                result == npos
                    ? QStringLiteral("no 'result' and no error: the response carries neither data nor an error")
                    : QStringLiteral("'result' is null and there is no error: the response carries neither "
                                     "data nor an error"),
                result == npos ? m_index.root() : result);
            raise(Verdict::InvalidEnvelope);
        }
        return;
    }
    const Type t = m_index.type(result);
    if (t == Type::Array) {
        m_d.stats.objects = m_index.childCount(result);
        if (!errorReported || m_index.childCount(result) > 0)
            add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
                QStringLiteral("'result' is an array (expected an object holding one data key)"), result);
        return;
    }
    if (t != Type::Object) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("'result' is %1 (expected an object holding one data key)").arg(describeType(result)),
            result);
        return;
    }
    const int members = m_index.childCount(result);
    for (int i = 0; i < members; ++i) {
        const NodeId member = m_index.child(result, i);
        const QString key = m_index.key(member);
        const bool batchKey = std::any_of(std::begin(kBatchKeys), std::end(kBatchKeys),
                                          [&](const char* k) { return key == QLatin1String(k); });
        if (batchKey && m_index.type(member) == Type::Array)
            analyzeBatch(key, member);
        else if (m_index.type(member) == Type::Array)
            m_d.stats.objects += m_index.childCount(member);
    }
}

ResponseAnalysis::ErrorWording ResponseAnalysis::apiWording()
{
    return {QStringLiteral("API error"), QStringLiteral("%1"), QStringLiteral("without a code"),
            QStringLiteral("with an unusable code %1"), QString()};
}

ResponseAnalysis::ErrorWording ResponseAnalysis::objectWording(int index, qint64 total)
{
    return {QStringLiteral("object %1 failed with").arg(ordinalOf(index, total)), QStringLiteral("%1"),
            QStringLiteral("an error without a code"), QStringLiteral("an unusable code %1"), QString()};
}

ResponseAnalysis::ErrorWording ResponseAnalysis::copyWording(int index, qint64 total, const QString& suffix)
{
    return {QStringLiteral("top-level error %1").arg(ordinalOf(index, total)), QStringLiteral("has code %1"),
            QStringLiteral("has no code"), QStringLiteral("has an unusable code %1"), suffix};
}

std::optional<int> ResponseAnalysis::reportErrorObject(NodeId error, Level level, int index,
                                                       const ErrorWording& wording, QString* messageOut)
{
    const NodeId codeNode = m_index.member(error, QLatin1String("code"));
    const NodeId messageNode = m_index.member(error, QLatin1String("message"));
    const NodeId dataNode = m_index.member(error, QLatin1String("data"));
    bool asString = false;
    const std::optional<int> code = readCode(codeNode, &asString);
    QString text;
    if (messageNode != npos && m_index.type(messageNode) == Type::String)
        text = m_index.string(messageNode);
    else if (messageNode != npos && m_index.type(messageNode) != Type::Null)
        text = rawText(messageNode, kQuoteChars);
    if (messageOut)
        *messageOut = text;

    QString message = wording.subject + QLatin1Char(' ');
    if (code)
        message += wording.withCode.arg(*code);
    else if (codeNode == npos)
        message += wording.noCode;
    else
        message += wording.badCode.arg(rawText(codeNode, 40));
    message += text.isEmpty() ? QStringLiteral(" (no message)") : QStringLiteral(": ") + text.simplified();
    if (dataNode != npos && m_index.isContainer(dataNode) && m_index.childCount(dataNode) > 0) {
        QString data = rawText(dataNode, 200).simplified();
        if (m_index.length(dataNode) > 200)
            data += QChar(0x2026);
        message += QStringLiteral(" (data: %1)").arg(data);
    } else if (dataNode != npos && m_index.type(dataNode) == Type::String && !m_index.string(dataNode).isEmpty()) {
        message += QStringLiteral(" (data: %1)").arg(quoted(m_index.string(dataNode)));
    }
    message += wording.suffix;

    Finding& f = addCode(Severity::Error, level, code, message, error);
    f.index = index;
    if (asString) {
        Finding& s =
            add(Severity::Warning, Level::Envelope, QStringLiteral("code_as_string"),
                QStringLiteral("the code is sent as a string (%1) instead of a number").arg(rawText(codeNode, 40)),
                codeNode);
        s.index = index;
    }
    return code;
}

void ResponseAnalysis::analyzeBatch(const QString& key, NodeId array)
{
    const int total = m_index.childCount(array);
    m_d.stats.objects += total;
    // Anomalies that tend to repeat over hundreds of elements are counted and reported once.
    int nonBoolSuccess = 0;
    NodeId firstNonBool = npos;
    int missingSuccess = 0;
    NodeId firstMissing = npos;

    m_d.batch.reserve(m_d.batch.size() + total);
    for (int i = 0; i < total; ++i) {
        const NodeId element = m_index.child(array, i);
        BatchRow row;
        row.key = key;
        row.index = i;
        row.node = element;
        if (m_hasRequestObjects && i < m_requestObjects.size()) {
            row.hasRequestObject = true;
            row.requestObject = m_requestObjects.at(i).toObject();
            for (const char* field : {"emailAddress", "id", "systemName", "name", "label"}) {
                const QJsonValue v = row.requestObject.value(QLatin1String(field));
                if (!jsonValueText(v).isEmpty()) {
                    row.requestLabel = jsonValueText(v);
                    break;
                }
            }
            if (row.requestLabel.isEmpty() && !row.requestObject.isEmpty())
                row.requestLabel = row.requestObject.constBegin().key() + QLatin1Char('=') +
                                   jsonValueText(row.requestObject.constBegin().value());
        }
        if (m_index.type(element) != Type::Object) {
            row.success = false;
            add(Severity::Error, Level::Object, QStringLiteral("invalid_envelope"),
                QStringLiteral("object %1 is %2, expected {success, error}")
                    .arg(ordinalOf(i, total), describeType(element)),
                element)
                .index = i;
            m_d.batch.append(std::move(row));
            ++m_d.stats.failed;
            continue;
        }
        // One pass over the element's members (batches reach 10^5 elements in big documents).
        NodeId successNode = npos;
        NodeId errorNode = npos;
        NodeId idNode = npos;
        const int fields = m_index.childCount(element);
        for (int f = 0; f < fields; ++f) {
            const NodeId field = m_index.child(element, f);
            if (successNode == npos && m_index.keyIs(field, "success"))
                successNode = field;
            else if (errorNode == npos && m_index.keyIs(field, "error"))
                errorNode = field;
            else if (idNode == npos && m_index.keyIs(field, "id"))
                idNode = field;
        }
        if (idNode != npos && m_index.type(idNode) == Type::String) {
            row.id = m_index.string(idNode);
        } else if (idNode != npos && m_index.type(idNode) == Type::Number) {
            const QByteArrayView raw = m_index.raw(idNode);
            row.id = QString::fromLatin1(raw.data(), raw.size());
        }
        std::optional<bool> success;
        if (successNode != npos) {
            switch (m_index.type(successNode)) {
            case Type::True:
                success = true;
                break;
            case Type::False:
                success = false;
                break;
            default: {
                const QString text = m_index.type(successNode) == Type::String
                                         ? m_index.string(successNode).trimmed().toLower()
                                         : rawText(successNode);
                if (text == QLatin1String("true") || text == QLatin1String("1"))
                    success = true;
                else if (text == QLatin1String("false") || text == QLatin1String("0") || text.isEmpty())
                    success = false;
                if (++nonBoolSuccess == 1)
                    firstNonBool = successNode;
                break;
            }
            }
        } else if (++missingSuccess == 1) {
            firstMissing = element;
        }
        const bool hasError = errorNode != npos && m_index.type(errorNode) == Type::Object;
        if (hasError) {
            QString text;
            const int before = int(m_d.findings.size());
            row.code = reportErrorObject(errorNode, Level::Object, i, objectWording(i, total), &text);
            Finding& f = m_d.findings[before];
            if (success.value_or(false))
                f.message += QStringLiteral(" (although its success flag is true)");
            row.message = text;
            row.errorNode = errorNode;
            row.success = false;
        } else if (errorNode != npos && m_index.type(errorNode) != Type::Null &&
                   !(m_index.type(errorNode) == Type::Array && m_index.childCount(errorNode) == 0)) {
            add(Severity::Warning, Level::Object, QStringLiteral("invalid_envelope"),
                QStringLiteral("object %1 has an error that is %2, expected null or an error object")
                    .arg(ordinalOf(i, total), describeType(errorNode)),
                errorNode)
                .index = i;
            row.success = success.value_or(false);
            if (!row.success) {
                add(Severity::Error, Level::Object, QStringLiteral("unknown_code"),
                    QStringLiteral("object %1 failed without an error object").arg(ordinalOf(i, total)), element)
                    .index = i;
            }
        } else if (success.has_value() && !*success) {
            row.success = false;
            Finding& f =
                add(Severity::Error, Level::Object, QStringLiteral("unknown_code"),
                    QStringLiteral("object %1 reports success: false without an error object").arg(ordinalOf(i, total)),
                    element);
            f.index = i;
            f.known = false;
        } else {
            row.success = true;
        }
        if (!row.success)
            ++m_d.stats.failed;
        m_d.batch.append(std::move(row));
    }
    if (nonBoolSuccess > 0)
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("'success' is not a boolean in %1 of %2 objects in %3")
                .arg(nonBoolSuccess)
                .arg(total)
                .arg(key),
            firstNonBool);
    if (missingSuccess > 0)
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("%1 of %2 objects in %3 have no 'success' flag").arg(missingSuccess).arg(total).arg(key),
            firstMissing);
    if (m_hasRequestObjects && m_requestObjects.size() != total) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
            QStringLiteral("the request sent %1 objects but result.%2 has %3 entries")
                .arg(m_requestObjects.size())
                .arg(key)
                .arg(total),
            array);
    }
}

void ResponseAnalysis::correlateCopies(NodeId errorArray)
{
    QList<const BatchRow*> failedWithError;
    for (const BatchRow& row : std::as_const(m_d.batch)) {
        if (row.errorNode != npos)
            failedWithError.append(&row);
    }
    const int copies = m_index.childCount(errorArray);
    if (!m_d.batch.isEmpty()) {
        if (copies != failedWithError.size()) {
            add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
                QStringLiteral("the top-level error list has %1 entr%2 but %3 failed object%4 an error object")
                    .arg(copies)
                    .arg(copies == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                    .arg(failedWithError.size())
                    .arg(failedWithError.size() == 1 ? QStringLiteral(" carries") : QStringLiteral("s carry")),
                errorArray);
        }
        // The copies are in the order of the failed objects: compare codes position by position.
        const int paired = std::min<int>(copies, failedWithError.size());
        for (int j = 0; j < paired; ++j) {
            const NodeId copy = m_index.child(errorArray, j);
            bool asString = false;
            const std::optional<int> code = m_index.type(copy) == Type::Object
                                                ? readCode(m_index.member(copy, QLatin1String("code")), &asString)
                                                : std::nullopt;
            if (code != failedWithError[j]->code) {
                const QString copyCode = code.has_value() ? QString::number(code.value_or(0)) : QStringLiteral("none");
                add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
                    QStringLiteral("error[%1] has code %2 but failed object %3 has code %4")
                        .arg(j)
                        .arg(copyCode)
                        .arg(failedWithError[j]->index + 1)
                        .arg(failedWithError[j]->code ? QString::number(*failedWithError[j]->code)
                                                      : QStringLiteral("none")),
                    copy);
                break; // one is enough to show the lists disagree
            }
        }
        // Copies beyond the failed objects belong to no object: report them where they are.
        for (int j = paired; j < copies; ++j) {
            const NodeId copy = m_index.child(errorArray, j);
            if (m_index.type(copy) == Type::Object) {
                reportErrorObject(copy, Level::Object, -1,
                                  copyWording(j, copies, QStringLiteral("; no failed object carries it")));
            } else {
                add(Severity::Error, Level::Object, QStringLiteral("unknown_code"),
                    QStringLiteral("top-level error %1 is %2: %3")
                        .arg(ordinalOf(j, copies), describeType(copy), rawText(copy, 80)),
                    copy)
                    .known = false;
            }
            raise(Verdict::ApiError);
        }
        return;
    }
    // No batch result to say which object failed: the copies are all there is.
    for (int j = 0; j < copies; ++j) {
        const NodeId copy = m_index.child(errorArray, j);
        const ErrorWording wording =
            copyWording(j, copies, QStringLiteral("; the result does not say which object failed"));
        if (m_index.type(copy) == Type::Object) {
            reportErrorObject(copy, Level::Object, -1, wording);
        } else {
            add(Severity::Error, Level::Object, QStringLiteral("unknown_code"),
                QStringLiteral("%1 is %2: %3%4")
                    .arg(wording.subject, describeType(copy), rawText(copy, 80), wording.suffix),
                copy)
                .known = false;
        }
    }
    raise(Verdict::ApiError);
}

void ResponseAnalysis::checkSilentUpdates()
{
    // api-facts §5.3: updateLeads reports success for objects it could not match (no id and an
    // unknown email, or neither); updateLeadsV2 reports 404 instead. From the method catalogue:
    // a batch update of leads whose known errors do not include 404.
    if (!m_hasRequestObjects)
        return;
    const MethodSpec* spec = MethodCatalog::builtin().byName(m_d.method);
    if (!spec || !spec->batch || spec->resultKey != QLatin1String("updates") ||
        spec->objectType != QLatin1String("lead") || spec->errors.contains(404))
        return;
    for (const BatchRow& row : std::as_const(m_d.batch)) {
        if (row.key != QLatin1String("updates") || !row.success || !row.hasRequestObject)
            continue;
        const QJsonValue id = row.requestObject.value(QStringLiteral("id"));
        if (!jsonValueText(id).trimmed().isEmpty())
            continue;
        const QString email = row.requestObject.value(QStringLiteral("emailAddress")).toString().trimmed();
        Finding& f =
            email.isEmpty()
                ? add(Severity::Warning, Level::Object, QStringLiteral("silent_update_success"),
                      QStringLiteral("object %1 reports success but was sent without id and without emailAddress: "
                                     "it cannot have matched a lead")
                          .arg(ordinalOf(row.index, m_d.batch.size())),
                      row.node)
                : add(Severity::Info, Level::Object, QStringLiteral("silent_update_success"),
                      QStringLiteral("object %1 reports success but was sent without id, so it was matched by "
                                     "emailAddress '%2'; success is also reported when no lead has that address")
                          .arg(ordinalOf(row.index, m_d.batch.size()), email),
                      row.node);
        f.index = row.index;
    }
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
        m_d.callCount = readCounter(callCount);
        m_d.queryLimit = readCounter(queryLimit);
        QStringList parts;
        if (callCount != npos)
            parts.append(QStringLiteral("callCount %1").arg(rawText(callCount, 40)));
        if (queryLimit != npos)
            parts.append(QStringLiteral("queryLimit %1").arg(rawText(queryLimit, 40)));
        add(Severity::Info, Level::Envelope, QStringLiteral("quota_counters"), parts.join(QStringLiteral(", ")),
            callCount != npos ? callCount : queryLimit);
    }
}

// ------------------------------------------------------------------------------------------

ResponseAnalyzer::ResponseAnalyzer(const ErrorCatalog& catalog)
    : m_catalog(catalog)
{}

Diagnosis ResponseAnalyzer::analyze(const QByteArray& body, const Context& context) const
{
    const JsonIndex index = JsonIndex::fromBytes(body);
    Diagnosis d = analyze(index, context);
    // The nodes die with this index: keep only the byte ranges.
    for (Finding& f : d.findings)
        f.node = JsonIndex::npos;
    for (BatchRow& row : d.batch)
        row.node = row.errorNode = JsonIndex::npos;
    return d;
}

Diagnosis ResponseAnalyzer::analyze(const JsonIndex& index, const Context& context) const
{
    ResponseAnalysis analysis(m_catalog, index, context);
    return analysis.run();
}

QString ResponseAnalyzer::explanationFor(const ErrorEntry* entry)
{
    if (!entry)
        return QString();
    if (!entry->summary.isEmpty())
        return entry->summary;
    if (!entry->message.isEmpty())
        return entry->message;
    return entry->title;
}
