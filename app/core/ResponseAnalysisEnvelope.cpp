#include "ResponseAnalysis.h"

namespace {
// Top-level keys of a response: the envelope and the informational extras.
const char* const kEnvelopeKeys[] = {"result", "error", "id", "hasMore", "callCount", "queryLimit"};
// Batch result keys.
const char* const kBatchKeys[] = {"creates", "updates", "deletes"};
constexpr int kMaxListedKeys = 20;
} // namespace

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
    bool emptyErrorList = false;
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
            reportErrorObject(error, Level::Api, -1, apiWording);
            raise(Verdict::ApiError);
            break;
        case Type::Array:
            if (m_index.childCount(error) > 0)
                copies = error;
            else
                emptyErrorList = true;
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

    m_copies = copies;
    analyzeResult(result, apiError || copies != npos);
    if (copies != npos)
        correlateCopies(copies);
    checkSilentUpdates();
    reportInfo(root, result);
    if (!apiError && copies == npos)
        analyzePaging();
    if (emptyErrorList && m_d.stats.failed == 0)
        add(Severity::Info, Level::Envelope, QStringLiteral("error_empty_list"),
            QStringLiteral("\"error\": [] is a success (no error); clients that treat any truthy error as a failure "
                           "misread it"),
            error);
    if (copies != npos && m_d.hasBatch())
        add(Severity::Info, Level::Envelope, QStringLiteral("batch_error_copies"),
            QStringLiteral("the top-level error list repeats the errors of the %1 failed object%2 (the shape the "
                           "service was seen to send); the call itself went through")
                .arg(m_d.stats.failed)
                .arg(m_d.stats.failed == 1 ? QString() : QStringLiteral("s")),
            copies);

    if (m_d.hasBatch() && m_d.stats.failed > 0)
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
        else if (m_index.type(member) == Type::Array) {
            m_d.stats.objects += m_index.childCount(member);
            if (m_dataArray == npos) {
                m_dataArray = member;
                m_dataKey = key;
            }
        }
    }
}
