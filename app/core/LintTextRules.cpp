#include "LintTextRules.h"

#include "LintText.h"

#include <QSet>

#include <iterator>
#include <vector>

namespace {
using namespace LintText;
using Node = JsonSourceNode;
using Severity = LintFinding::Severity;
using Confidence = LintConfidence;

// Visits every object member of a tree; the member's JSON path is built only when asked for
// (most members are never reported, and building every path dominated the cost on big batches).
class MemberWalk
{
public:
    template<typename F>
    static void run(const Node& root, F&& visit)
    {
        MemberWalk walk;
        walk.descend(root, visit);
    }

    // How many containers enclose the member being visited.
    std::size_t depth() const { return m_stack.size(); }

    QString path() const
    {
        QString p = QStringLiteral("$");
        for (const Frame& f : m_stack)
            p = f.container->isObject() ? pathKey(p, f.container->children[size_t(f.index)].key)
                                        : pathIndex(p, f.index);
        return p;
    }

private:
    struct Frame
    {
        const Node* container;
        qsizetype index;
    };

    template<typename F>
    void descend(const Node& n, F& visit)
    {
        for (qsizetype i = 0; i < qsizetype(n.children.size()); ++i) {
            m_stack.push_back({&n, i});
            if (n.isObject())
                visit(n, n.children[size_t(i)], *this);
            descend(n.children[size_t(i)], visit);
            m_stack.pop_back();
        }
    }

    std::vector<Frame> m_stack;
};

// Whether an earlier member of `object` has the key of `member`. Small objects are scanned (no
// allocation); in big ones a scan per member would be quadratic, so their keys go into a set
// per depth, restarted at each object's first member.
bool hasEarlierSibling(const Node& object, const Node& member, std::size_t depth, std::vector<QSet<QStringView>>* seen)
{
    constexpr std::size_t kScanLimit = 16;
    if (object.children.size() <= kScanLimit) {
        for (const Node& sibling : object.children) {
            if (&sibling == &member)
                return false;
            if (sibling.key == member.key)
                return true;
        }
        return false;
    }
    if (seen->size() < depth)
        seen->resize(depth);
    QSet<QStringView>& keys = (*seen)[depth - 1];
    if (&member == &object.children.front()) {
        keys.clear();
        keys.reserve(qsizetype(object.children.size()));
    }
    if (keys.contains(member.key))
        return true;
    keys.insert(member.key);
    return false;
}

// A body that is a JSON string holding an envelope (double-encoded, e.g. Python's
// requests.post(json=json.dumps(data))): the envelope text, else an empty string.
QString doubleEncodedEnvelope(const LintSubject& s)
{
    if (!s.scan || !s.scan->ok || s.scan->root.kind != Node::Kind::String)
        return QString();
    const QString inner = s.scan->root.scalar.toString().trimmed();
    const JsonSourceScanner::Result decoded = JsonSourceScanner::scan(inner);
    return decoded.ok && decoded.root.isObject() ? inner : QString();
}

// In check order. Each entry: id, scope, severity, predicted code, level, message (%1.. from the
// check), fix text, check.
const LintRule kRules[] = {
    // --- credentials (query string), checked before the body
    {"missing-account-id", LintScope::Context, Severity::Error, 103, "api", Confidence::Observed,
     "No account ID is set for this environment: the URL would carry no accountID (the real service was seen to "
     "answer missing credentials with HTTP 401 and a plain-text body rather than 103).",
     "Enter the account ID of this environment (CRM: Settings, API Settings).",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.context->hasAccountId)
             out.report(LintReport{QStringLiteral("query.accountID")});
     }},
    {"missing-secret-key", LintScope::Context, Severity::Error, 104, "api", Confidence::Observed,
     "No secret key is set for this environment: the URL would carry no secretKey (the real service was seen to "
     "answer missing credentials with HTTP 401 and a plain-text body rather than 104).",
     "Enter the secret key of this environment (CRM: Settings, API Settings); it is kept in the keychain, never "
     "in the request.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.context->hasSecretKey)
             out.report(LintReport{QStringLiteral("query.secretKey")});
     }},

    // --- the body as text
    {"body-not-utf8", LintScope::Text, Severity::Error, 101, "api", Confidence::Documented,
     "The body is not valid UTF-8 (first bad byte at byte %1).", "Save or send the request as UTF-8.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.utf8ErrorByte >= 0)
             out.report(LintReport{QStringLiteral("$"), s.utf8ErrorOffset, 1, {QString::number(s.utf8ErrorByte)}});
     }},
    {"body-empty", LintScope::Text, Severity::Error, 101, "api", Confidence::Documented, "The body is empty.",
     "Send one JSON object: {\"method\": \"getLeads\", \"params\": {\"where\": {}}, \"id\": \"1\"}.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.utf8ErrorByte < 0 && s.text.trimmed().isEmpty())
             out.report(LintReport{QStringLiteral("$"), 0, 0});
     }},
    {"body-bom", LintScope::Text, Severity::Warning, 0, "request", Confidence::Observed,
     "The body starts with a byte order mark (U+FEFF); strict JSON parsers such as PHP's json_decode reject it.",
     "Save the request as UTF-8 without BOM.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.utf8ErrorByte < 0 && s.text.startsWith(QChar(0xFEFF)))
             out.report(LintReport{QStringLiteral("$"),
                                   0,
                                   1,
                                   {},
                                   {},
                                   LintQuickFix{QStringLiteral("Remove the BOM"), {{0, 1, QString()}}}});
     }},
    {"body-not-json", LintScope::Text, Severity::Error, 101, "api", Confidence::Documented,
     "The body is not valid JSON: %1 (line %2, column %3).",
     "Correct the JSON at the marked position (quotes, commas, brackets, escaping).",
     [](const LintSubject& s, LintReporter& out) {
         if (s.utf8ErrorByte < 0 && !s.text.trimmed().isEmpty() && !s.scan->ok)
             out.report(LintReport{QStringLiteral("$"),
                                   s.scan->errorOffset,
                                   s.scan->errorOffset < int(s.text.size()) ? 1 : 0,
                                   {s.scan->error, QString::number(s.scan->line), QString::number(s.scan->column)}});
     }},
    {"body-not-object", LintScope::Text, Severity::Error, 101, "api", Confidence::Documented,
     "The body is %1, not a JSON object.",
     "Send one JSON object with method, params and id (batches of requests are not supported).",
     [](const LintSubject& s, LintReporter& out) {
         if (s.scan && s.scan->ok && !s.scan->root.isObject() && doubleEncodedEnvelope(s).isEmpty())
             out.report(LintReport{QStringLiteral("$"), -1, 0, {describe(s.scan->root)}}.at(s.scan->root));
     }},
    // One pasted capture shows such a body answered with a success, so no code is asserted.
    {"body-double-encoded", LintScope::Text, Severity::Warning, 0, "request", Confidence::Observed,
     "The body is a JSON string that holds the envelope: it was encoded twice (e.g. Python "
     "requests.post(json=json.dumps(data))). How the API treats it is not known.",
     "Send the envelope itself: pass the dict (json=data) or the encoded text (data=json.dumps(data)), not both.",
     [](const LintSubject& s, LintReporter& out) {
         const QString envelope = doubleEncodedEnvelope(s);
         if (envelope.isEmpty())
             return;
         LintReport r{QStringLiteral("$")};
         r.at(s.scan->root).quickFix =
             LintQuickFix{QStringLiteral("Decode the envelope"), {{0, int(s.text.size()), envelope}}};
         out.report(r);
     }},
    {"duplicate-key", LintScope::Text, Severity::Warning, 0, "request", Confidence::Observed,
     "\"%1\" appears more than once in this object; the server keeps only the last one.",
     "Remove the duplicate member.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.scan || !s.scan->ok)
             return;
         // The keys seen so far in each open object, by depth: an object's members are all
         // visited at one depth, its nested objects deeper in between.
         std::vector<QSet<QStringView>> seen;
         MemberWalk::run(s.scan->root, [&](const Node& object, const Node& member, const MemberWalk& walk) {
             if (!hasEarlierSibling(object, member, walk.depth(), &seen))
                 return;
             out.report(LintReport{walk.path(), -1, 0, {member.key}}.at(member, true));
         });
     }},
    {"secret-in-body", LintScope::Text, Severity::Warning, 0, "request", Confidence::Inferred,
     "The body contains a secret key (\"%1\"); request bodies are saved in history and files.",
     "Remove it: the environment sends the credentials in the query string.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.scan || !s.scan->ok)
             return;
         MemberWalk::run(s.scan->root, [&](const Node&, const Node& member, const MemberWalk& walk) {
             if (member.key.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0 &&
                 !(member.kind == Node::Kind::String && member.scalar.toString().isEmpty()))
                 out.report(LintReport{walk.path(), -1, 0, {member.key}}.at(member, true));
         });
     }},
};
} // namespace

LintRuleTable LintTextRules::rules()
{
    return {kRules, std::size(kRules)};
}
