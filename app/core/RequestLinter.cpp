#include "RequestLinter.h"

#include "CountryCodes.h"
#include "Environment.h"
#include "ErrorCatalog.h"
#include "JsonSourceScanner.h"
#include "MethodCatalog.h"
#include "RequestEnvelope.h"
#include "TextDistance.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>

namespace {
using Severity = LintFinding::Severity;
using Node = JsonSourceNode;

// ---------------------------------------------------------------------------------------------
// Helpers shared by the rules

QString jsonQuote(const QString& s)
{
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString quotedList(const QStringList& names)
{
    QStringList q;
    for (const QString& n : names)
        q.append(quoted(n));
    return q.join(QLatin1String(", "));
}

bool isIdentifier(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key[i].unicode();
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

QString pathKey(const QString& base, const QString& key)
{
    if (isIdentifier(key))
        return base + QLatin1Char('.') + key;
    return base + QLatin1Char('[') + jsonQuote(key) + QLatin1Char(']');
}

QString pathIndex(const QString& base, qsizetype index)
{
    return base + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// "the string \"abc\"", "an empty string", "a list", ... for messages.
QString describe(const Node& node)
{
    switch (node.kind) {
    case Node::Kind::Null:
        return QStringLiteral("null");
    case Node::Kind::Bool:
        return node.scalar.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Node::Kind::Number:
        return QStringLiteral("the number %1").arg(node.scalar.toDouble(), 0, 'g', 17);
    case Node::Kind::String: {
        const QString s = node.scalar.toString();
        if (s.isEmpty())
            return QStringLiteral("an empty string");
        return QStringLiteral("the string %1").arg(jsonQuote(s.size() > 40 ? s.left(37) + QStringLiteral("...") : s));
    }
    case Node::Kind::Array:
        return node.children.empty() ? QStringLiteral("an empty list") : QStringLiteral("a list");
    case Node::Kind::Object:
        return QStringLiteral("an object");
    }
    return QString();
}

QString typePhrase(const QString& type)
{
    if (type == QLatin1String("integer"))
        return QStringLiteral("an integer (a number or a string of digits)");
    if (type == QLatin1String("number"))
        return QStringLiteral("a number");
    if (type == QLatin1String("boolean"))
        return QStringLiteral("0 or 1");
    if (type == QLatin1String("datetime"))
        return QStringLiteral("a 'Y-m-d H:i:s' string");
    if (type == QLatin1String("date"))
        return QStringLiteral("a 'Y-m-d' string");
    if (type == QLatin1String("object"))
        return QStringLiteral("an object");
    if (type == QLatin1String("array"))
        return QStringLiteral("a list");
    return QStringLiteral("a string");
}

bool isScalarType(const QString& type)
{
    return type != QLatin1String("object") && type != QLatin1String("array") && type != QLatin1String("any");
}

bool isNumericType(const QString& type)
{
    return type == QLatin1String("integer") || type == QLatin1String("number");
}

QString scalarText(const Node& node)
{
    if (node.kind == Node::Kind::String)
        return node.scalar.toString();
    if (node.kind == Node::Kind::Number)
        return QString::number(node.scalar.toDouble(), 'g', 17);
    if (node.kind == Node::Kind::Bool)
        return node.scalar.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

std::optional<double> numericValue(const Node& node)
{
    if (node.kind == Node::Kind::Number)
        return node.scalar.toDouble();
    if (node.kind == Node::Kind::String) {
        bool ok = false;
        const double d = node.scalar.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

QString numberText(double d)
{
    return QString::number(d, 'g', 17);
}

bool isDateTimeText(const QString& s)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"));
    return shape.match(s).hasMatch() && QDateTime::fromString(s, QStringLiteral("yyyy-MM-dd HH:mm:ss")).isValid();
}

bool isDateText(const QString& s)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return (shape.match(s).hasMatch() && QDate::fromString(s, QStringLiteral("yyyy-MM-dd")).isValid()) ||
           isDateTimeText(s);
}

// "2024-01-01T10:00:00" → "2024-01-01 10:00:00"; only when nothing but the 'T' is wrong, because
// dropping a zone ("Z", "+02:00") would silently change the instant.
QString dateTimeWithoutT(const QString& s)
{
    static const QRegularExpression isoLocal(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?$"));
    const QRegularExpressionMatch m = isoLocal.match(s);
    if (!m.hasMatch() || !m.captured(3).isEmpty())
        return QString();
    const QString candidate = m.captured(1) + QLatin1Char(' ') + m.captured(2);
    return isDateTimeText(candidate) && candidate != s ? candidate : QString();
}

bool looksLikeEmail(const QString& s)
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$"));
    return email.match(s).hasMatch();
}

bool isEmptyPhpArray(const Node& node)
{
    return node.isArray() && node.children.empty();
}

// Inserts a member into an object (or turns an empty PHP-style [] into an object holding it),
// keeping the layout: a multi-line object gets the member on its own line, indented like the
// first member.
LintTextEdit insertMember(QStringView text, const Node& container, const QString& memberText)
{
    if (container.children.empty() || isEmptyPhpArray(container))
        return {container.start, container.end - container.start, QLatin1Char('{') + memberText + QLatin1Char('}')};
    const Node& first = container.children.front();
    const QStringView gap = text.mid(container.start + 1, first.keyStart - container.start - 1);
    const qsizetype newline = gap.lastIndexOf(QLatin1Char('\n'));
    const QString separator =
        newline >= 0 ? QStringLiteral(",\n") + gap.mid(newline + 1).toString() : QStringLiteral(", ");
    return {first.keyStart, 0, memberText + separator};
}

LintTextEdit renameKey(const Node& member, const QString& newName)
{
    return {member.keyStart, member.keyEnd - member.keyStart, jsonQuote(newName)};
}

LintTextEdit replaceValue(const Node& node, const QString& newText)
{
    return {node.start, node.end - node.start, newText};
}

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

// ---------------------------------------------------------------------------------------------
// The rule machinery

enum class Scope
{
    Context,  // once, before the body (credentials)
    Text,     // once, the raw text and the parsed tree
    Envelope, // once, the top-level object
    Method,   // once, when the method is known
    Params,   // once, the params object as a whole (documented methods)
    Param,    // each member of params
    Objects,  // the objects list of a batch method
    Element,  // each element of objects that is an object
    Field,    // each member of such an element
};

struct Subject
{
    const LintContext* context = nullptr;
    QStringView text;
    const MethodCatalog* methods = nullptr;
    int utf8ErrorByte = -1; // byte offset of the first invalid UTF-8 sequence
    int utf8ErrorOffset = -1;
    const JsonSourceScanner::Result* scan = nullptr;
    const Node* root = nullptr; // the envelope, when the body is an object
    const MethodSpec* method = nullptr;
    const Node* params = nullptr;  // params member when it is an object (or an empty [])
    const Node* objects = nullptr; // objects member of a batch method
    const Node* node = nullptr;    // current param, element or field
    const MethodParam* param = nullptr;
    const FieldSpec* field = nullptr;
    const Node* element = nullptr;
    qsizetype index = -1;
    QString path;
    QString elementPath;
};

struct Report
{
    QString path;
    int offset = -1;
    int length = 0;
    QStringList args;    // %1.. of the rule's message
    QStringList fixArgs; // %1.. of the rule's fix text
    std::optional<LintQuickFix> quickFix;

    Report& at(const Node& n, bool onKey = false)
    {
        if (onKey && n.hasKey()) {
            offset = n.keyStart;
            length = n.keyEnd - n.keyStart;
        } else {
            offset = n.start;
            length = n.end - n.start;
        }
        return *this;
    }
    // A missing member is shown on its container's key (or opening brace).
    Report& atContainer(const Node& n)
    {
        if (n.hasKey())
            return at(n, true);
        offset = n.start;
        length = 1;
        return *this;
    }
};

class Reporter
{
public:
    virtual ~Reporter() = default;
    virtual void report(Report r) = 0;
};

struct Rule
{
    const char* id;
    Scope scope;
    Severity severity;
    int code;          // predicted error code, 0 = none
    const char* level; // api | object | request
    const char* message;
    const char* fix;
    void (*check)(const Subject&, Reporter&);
};

// The method's object type, or an empty string.
QString objectTypeOf(const Subject& s)
{
    return s.method ? s.method->objectType : QString();
}

// The objects param of a batch method is checked by the Objects rules (207/208/209), not as a
// plain parameter.
bool isObjectsOfBatch(const Subject& s)
{
    return s.method && s.method->batch && s.param && s.param->name == QLatin1String("objects");
}

bool isCreateMethod(const MethodSpec* m)
{
    return m && m->resultKey == QLatin1String("creates");
}

void checkTypedValue(const Subject& s, Reporter& out, const QString& name, const QString& type, bool wantArrayFinding,
                     bool wantTypeFinding)
{
    // Shared by the param-* and field-* rules: each rule asks for one kind of mismatch.
    const Node& n = *s.node;
    if (n.kind == Node::Kind::Null)
        return;
    if (MethodCatalog::valueMatchesType(n.toJsonValue(), type))
        return;
    const bool arrayForScalar = n.isArray() && isScalarType(type) && !isEmptyPhpArray(n);
    const bool emptyStringNumber = n.kind == Node::Kind::String && n.scalar.toString().isEmpty() && isNumericType(type);
    if (arrayForScalar && wantArrayFinding)
        out.report(Report{s.path, -1, 0, {name, type}, {}, {}}.at(n));
    else if (!arrayForScalar && !emptyStringNumber && wantTypeFinding)
        out.report(Report{s.path, -1, 0, {name, typePhrase(type), describe(n)}, {typePhrase(type)}, {}}.at(n));
}

// ---------------------------------------------------------------------------------------------
// The rules, in the order the API is believed to check. Each entry: id, scope, severity,
// predicted code, level, message (%1.. from the check), fix text, check.

const Rule kRules[] = {
    // --- credentials (query string), checked before the body
    {"missing-account-id", Scope::Context, Severity::Error, 103, "api",
     "No account ID is set for this environment: the URL would carry no accountID.",
     "Enter the account ID of this environment (CRM: Settings, API Settings).",
     [](const Subject& s, Reporter& out) {
         if (!s.context->hasAccountId)
             out.report(Report{QStringLiteral("query.accountID")});
     }},
    {"missing-secret-key", Scope::Context, Severity::Error, 104, "api",
     "No secret key is set for this environment: the URL would carry no secretKey.",
     "Enter the secret key of this environment (CRM: Settings, API Settings); it is kept in the keychain, never "
     "in the request.",
     [](const Subject& s, Reporter& out) {
         if (!s.context->hasSecretKey)
             out.report(Report{QStringLiteral("query.secretKey")});
     }},

    // --- the body as text
    {"body-not-utf8", Scope::Text, Severity::Error, 101, "api",
     "The body is not valid UTF-8 (first bad byte at byte %1).", "Save or send the request as UTF-8.",
     [](const Subject& s, Reporter& out) {
         if (s.utf8ErrorByte >= 0)
             out.report(Report{QStringLiteral("$"), s.utf8ErrorOffset, 1, {QString::number(s.utf8ErrorByte)}});
     }},
    {"body-empty", Scope::Text, Severity::Error, 101, "api", "The body is empty.",
     "Send one JSON object: {\"method\": \"getLeads\", \"params\": {\"where\": {}}, \"id\": \"1\"}.",
     [](const Subject& s, Reporter& out) {
         if (s.utf8ErrorByte < 0 && s.text.trimmed().isEmpty())
             out.report(Report{QStringLiteral("$"), 0, 0});
     }},
    {"body-bom", Scope::Text, Severity::Warning, 0, "request",
     "The body starts with a byte order mark (U+FEFF); strict JSON parsers such as PHP's json_decode reject it.",
     "Save the request as UTF-8 without BOM.",
     [](const Subject& s, Reporter& out) {
         if (s.utf8ErrorByte < 0 && s.text.startsWith(QChar(0xFEFF)))
             out.report(Report{QStringLiteral("$"), 0, 1, {}, {}, LintQuickFix{QStringLiteral("Remove the BOM"), {{0, 1, QString()}}}});
     }},
    {"body-not-json", Scope::Text, Severity::Error, 101, "api", "The body is not valid JSON: %1 (line %2, column %3).",
     "Correct the JSON at the marked position (quotes, commas, brackets, escaping).",
     [](const Subject& s, Reporter& out) {
         if (s.utf8ErrorByte < 0 && !s.text.trimmed().isEmpty() && !s.scan->ok)
             out.report(Report{QStringLiteral("$"),
                               s.scan->errorOffset,
                               s.scan->errorOffset < int(s.text.size()) ? 1 : 0,
                               {s.scan->error, QString::number(s.scan->line), QString::number(s.scan->column)}});
     }},
    {"body-not-object", Scope::Text, Severity::Error, 101, "api", "The body is %1, not a JSON object.",
     "Send one JSON object with method, params and id (batches of requests are not supported).",
     [](const Subject& s, Reporter& out) {
         if (s.scan && s.scan->ok && !s.scan->root.isObject())
             out.report(Report{QStringLiteral("$"), -1, 0, {describe(s.scan->root)}}.at(s.scan->root));
     }},
    {"duplicate-key", Scope::Text, Severity::Warning, 0, "request",
     "\"%1\" appears more than once in this object; the server keeps only the last one.",
     "Remove the duplicate member.",
     [](const Subject& s, Reporter& out) {
         if (!s.scan || !s.scan->ok)
             return;
         MemberWalk::run(s.scan->root, [&](const Node& object, const Node& member, const MemberWalk& walk) {
             // Earlier siblings only: objects are small, and this keeps the walk allocation-free.
             for (const Node& sibling : object.children) {
                 if (&sibling == &member)
                     break;
                 if (sibling.key == member.key) {
                     out.report(Report{walk.path(), -1, 0, {member.key}}.at(member, true));
                     break;
                 }
             }
         });
     }},
    {"secret-in-body", Scope::Text, Severity::Warning, 0, "request",
     "The body contains a secret key (\"%1\"); request bodies are saved in history and files.",
     "Remove it: the environment sends the credentials in the query string.",
     [](const Subject& s, Reporter& out) {
         if (!s.scan || !s.scan->ok)
             return;
         MemberWalk::run(s.scan->root, [&](const Node&, const Node& member, const MemberWalk& walk) {
             if (member.key.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0 &&
                 !(member.kind == Node::Kind::String && member.scalar.toString().isEmpty()))
                 out.report(Report{walk.path(), -1, 0, {member.key}}.at(member, true));
         });
     }},

    // --- the envelope
    {"missing-id", Scope::Envelope, Severity::Error, 102, "api", "The envelope has no \"id\" member.",
     "Add an \"id\" (any string or number; the response echoes it).",
     [](const Subject& s, Reporter& out) {
         if (s.root->member(QStringLiteral("id")))
             return;
         Report r{QStringLiteral("$.id")};
         r.atContainer(*s.root);
         // A mis-cased "ID" gets a rename from envelope-key-miscased instead.
         if (!s.root->memberCaseInsensitive(QStringLiteral("id")))
             r.quickFix = LintQuickFix{
                 QStringLiteral("Add an \"id\""),
                 {insertMember(s.text, *s.root, QStringLiteral("\"id\": ") + jsonQuote(RequestEnvelope::generateId()))}};
         out.report(r);
     }},
    {"id-not-scalar", Scope::Envelope, Severity::Warning, 0, "request",
     "\"id\" is %1; the response echoes it and clients compare it as a string or number.",
     "Use a string or a number as the id.",
     [](const Subject& s, Reporter& out) {
         const Node* id = s.root->member(QStringLiteral("id"));
         if (!id || id->kind == Node::Kind::String || id->kind == Node::Kind::Number)
             return;
         Report r{QStringLiteral("$.id"), -1, 0, {describe(*id)}};
         r.at(*id).quickFix =
             LintQuickFix{QStringLiteral("Generate a new id"), {replaceValue(*id, jsonQuote(RequestEnvelope::generateId()))}};
         out.report(r);
     }},
    {"missing-method", Scope::Envelope, Severity::Error, 201, "api", "The envelope has no \"method\" member.",
     "Add \"method\" with a method name, e.g. \"getLeads\".",
     [](const Subject& s, Reporter& out) {
         if (!s.root->member(QStringLiteral("method")))
             out.report(Report{QStringLiteral("$.method")}.atContainer(*s.root));
     }},
    {"method-empty", Scope::Envelope, Severity::Error, 201, "api", "\"method\" is %1.", "Put a method name in \"method\".",
     [](const Subject& s, Reporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (m && (m->kind == Node::Kind::Null ||
                   (m->kind == Node::Kind::String && m->scalar.toString().trimmed().isEmpty())))
             out.report(Report{QStringLiteral("$.method"), -1, 0, {describe(*m)}}.at(*m));
     }},
    {"method-not-string", Scope::Envelope, Severity::Error, 204, "api", "\"method\" is %1, not a method name.",
     "Write the method name as a string, e.g. \"getLeads\".",
     [](const Subject& s, Reporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (m && m->kind != Node::Kind::String && m->kind != Node::Kind::Null)
             out.report(Report{QStringLiteral("$.method"), -1, 0, {describe(*m)}}.at(*m));
     }},
    {"method-wrong-case", Scope::Envelope, Severity::Error, 204, "api",
     "\"%1\" is not a method: method names are case-sensitive, the method is \"%2\".", "Write \"%1\".",
     [](const Subject& s, Reporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (!m || m->kind != Node::Kind::String || s.methods->byName(m->scalar.toString()))
             return;
         const MethodSpec* spec = s.methods->byNameCaseInsensitive(m->scalar.toString().trimmed());
         if (!spec)
             return;
         Report r{QStringLiteral("$.method"), -1, 0, {m->scalar.toString(), spec->name}, {spec->name}};
         r.at(*m).quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(spec->name),
                                          {replaceValue(*m, jsonQuote(spec->name))}};
         out.report(r);
     }},
    {"method-unknown", Scope::Envelope, Severity::Error, 204, "api", "\"%1\" is not a method of this API%2.",
     "Use a method name from the catalogue (explain lists them; names are case-sensitive).",
     [](const Subject& s, Reporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (!m || m->kind != Node::Kind::String)
             return;
         const QString name = m->scalar.toString();
         if (name.trimmed().isEmpty() || s.methods->byName(name) || s.methods->byNameCaseInsensitive(name.trimmed()))
             return;
         const QStringList close = s.methods->closestNames(name);
         const QString hint =
             close.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(close.join(QLatin1String(", ")));
         out.report(Report{QStringLiteral("$.method"), -1, 0, {name, hint}}.at(*m));
     }},
    {"missing-params", Scope::Envelope, Severity::Error, 202, "api",
     "The envelope has no \"params\" member (it is required even when the method takes no parameters).",
     "Add \"params\": {}.",
     [](const Subject& s, Reporter& out) {
         if (s.root->member(QStringLiteral("params")))
             return;
         Report r{QStringLiteral("$.params")};
         r.atContainer(*s.root);
         if (!s.root->memberCaseInsensitive(QStringLiteral("params")))
             r.quickFix = LintQuickFix{QStringLiteral("Add \"params\": {}"),
                                       {insertMember(s.text, *s.root, QStringLiteral("\"params\": {}"))}};
         out.report(r);
     }},
    {"params-not-object", Scope::Envelope, Severity::Error, 202, "api", "\"params\" is %1; it must be an object.",
     "Send the parameters as an object, e.g. \"params\": {}.",
     [](const Subject& s, Reporter& out) {
         const Node* p = s.root->member(QStringLiteral("params"));
         if (!p || p->isContainer())
             return;
         Report r{QStringLiteral("$.params"), -1, 0, {describe(*p)}};
         r.at(*p);
         if (p->kind == Node::Kind::Null)
             r.quickFix = LintQuickFix{QStringLiteral("Replace null with {}"), {replaceValue(*p, QStringLiteral("{}"))}};
         out.report(r);
     }},
    {"params-list", Scope::Envelope, Severity::Error, 205, "api",
     "\"params\" is a list; parameters must be named members of an object.",
     "Turn the list into an object of named parameters.",
     [](const Subject& s, Reporter& out) {
         const Node* p = s.root->member(QStringLiteral("params"));
         if (p && p->isArray() && !p->children.empty())
             out.report(Report{QStringLiteral("$.params")}.at(*p));
     }},
    {"envelope-key-miscased", Scope::Envelope, Severity::Warning, 0, "request",
     "\"%1\" is not an envelope member; did you mean \"%2\"? Member names are case-sensitive.", "Rename it to \"%1\".",
     [](const Subject& s, Reporter& out) {
         for (const Node& child : s.root->children) {
             for (const char* known : {"method", "params", "id", "header"}) {
                 const QString name = QLatin1String(known);
                 if (child.key == name || child.key.compare(name, Qt::CaseInsensitive) != 0)
                     continue;
                 Report r{pathKey(QStringLiteral("$"), child.key), -1, 0, {child.key, name}, {name}};
                 r.at(child, true);
                 if (!s.root->member(name))
                     r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(name), {renameKey(child, name)}};
                 out.report(r);
             }
         }
     }},
    {"envelope-unknown-key", Scope::Envelope, Severity::Warning, 0, "request",
     "\"%1\" is not part of the envelope; the API reads only method, params and id.", "Remove \"%1\".",
     [](const Subject& s, Reporter& out) {
         for (const Node& child : s.root->children) {
             bool known = false;
             for (const char* name : {"method", "params", "id", "header"})
                 known = known || child.key.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
             if (!known)
                 out.report(Report{pathKey(QStringLiteral("$"), child.key), -1, 0, {child.key}, {child.key}}.at(child, true));
         }
     }},
    {"legacy-header", Scope::Envelope, Severity::Warning, 0, "request",
     "The legacy \"header\" object is not needed: the API takes accountID and secretKey from the query string.",
     "Remove \"header\" and set the credentials on the environment.",
     [](const Subject& s, Reporter& out) {
         if (const Node* h = s.root->member(QStringLiteral("header")))
             out.report(Report{QStringLiteral("$.header")}.at(*h, true));
     }},

    // --- the method
    {"undocumented-method", Scope::Method, Severity::Warning, 0, "request",
     "The parameters of %1 are not documented; only the envelope was checked.",
     "Check the vendor documentation, and try the call on the simulator before production.",
     [](const Subject& s, Reporter& out) {
         if (!s.method->documented)
             out.report(Report{QStringLiteral("$.method"), -1, 0, {s.method->name}}.at(*s.root->member(QStringLiteral("method"))));
     }},
    {"production-mutating", Scope::Method, Severity::Warning, 0, "request",
     "%1 changes data and the environment is production.",
     "Try it on the simulator first; the composer asks for confirmation before sending.",
     [](const Subject& s, Reporter& out) {
         if (s.method->mutating && s.context->environment == LintContext::Environment::Production)
             out.report(Report{QStringLiteral("$.method"), -1, 0, {s.method->name}}.at(*s.root->member(QStringLiteral("method"))));
     }},

    // --- params as a whole
    {"objects-missing", Scope::Params, Severity::Error, 207, "api",
     "%1 takes its records in \"objects\", which is missing.",
     "Add \"objects\": [ {...} ] with one hash per record.",
     [](const Subject& s, Reporter& out) {
         if (s.method->batch && !s.params->member(QStringLiteral("objects")))
             out.report(Report{pathKey(s.path, QStringLiteral("objects")), -1, 0, {s.method->name}}.atContainer(*s.params));
     }},
    {"required-param-missing", Scope::Params, Severity::Error, 206, "api", "%1 requires \"%2\"%3.", "Add %1.",
     [](const Subject& s, Reporter& out) {
         for (const MethodParam& p : s.method->params) {
             if (!p.required || s.params->member(p.name) || (s.method->batch && p.name == QLatin1String("objects")))
                 continue;
             const bool object = p.type == QLatin1String("object");
             Report r{pathKey(s.path, p.name), -1, 0,
                      {s.method->name, p.name, object ? QStringLiteral(", even when empty") : QString()},
                      {object ? QStringLiteral("\"%1\": {} (an empty filter is fine)").arg(p.name) : quoted(p.name)}};
             r.atContainer(*s.params);
             const bool miscasedPresent = s.params->memberCaseInsensitive(p.name) != nullptr;
             if (object && !miscasedPresent)
                 r.quickFix = LintQuickFix{QStringLiteral("Insert \"%1\": {}").arg(p.name),
                                           {insertMember(s.text, *s.params, jsonQuote(p.name) + QStringLiteral(": {}"))}};
             out.report(r);
         }
     }},
    {"user-fields-incomplete", Scope::Params, Severity::Error, 223, "api",
     "Creating a user needs all of %1; missing: %2.", "Add %1, or remove the user fields to create no user.",
     [](const Subject& s, Reporter& out) {
         if (s.method->userFields.isEmpty())
             return;
         QStringList present;
         QStringList missing;
         for (const QString& name : s.method->userFields)
             (s.params->member(name) ? present : missing).append(name);
         if (present.isEmpty() || missing.isEmpty())
             return;
         out.report(Report{pathKey(s.path, missing.first()), -1, 0,
                           {quotedList(s.method->userFields), quotedList(missing)}, {quotedList(missing)}}
                        .at(*s.params->member(present.first()), true));
     }},

    // --- each parameter
    {"param-miscased", Scope::Param, Severity::Error, 205, "api",
     "\"%1\" is not a parameter of %2; names are case-sensitive: \"%3\".", "Rename it to \"%1\".",
     [](const Subject& s, Reporter& out) {
         if (s.param)
             return;
         const MethodParam* p = s.method->paramCaseInsensitive(s.node->key);
         if (!p)
             return;
         Report r{s.path, -1, 0, {s.node->key, s.method->name, p->name}, {p->name}};
         r.at(*s.node, true);
         if (!s.params->member(p->name))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(p->name), {renameKey(*s.node, p->name)}};
         out.report(r);
     }},
    {"param-unknown", Scope::Param, Severity::Error, 205, "api", "\"%1\" is not a parameter of %2%3.", "%1",
     [](const Subject& s, Reporter& out) {
         if (s.param || s.method->paramCaseInsensitive(s.node->key))
             return;
         const QStringList names = s.method->paramNames();
         const QStringList close = TextDistance::closest(s.node->key, names, 1);
         const QString fix = names.isEmpty() ? QStringLiteral("Remove it: %1 takes no parameters.").arg(s.method->name)
                                             : QStringLiteral("Remove it or use one of: %1.").arg(names.join(QLatin1String(", ")));
         Report r{s.path, -1, 0,
                  {s.node->key, s.method->name,
                   close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())},
                  {fix}};
         r.at(*s.node, true);
         if (!close.isEmpty() && !s.params->member(close.first()))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(close.first()),
                                       {renameKey(*s.node, close.first())}};
         out.report(r);
     }},
    // PHP's isset() is false for null: a null parameter counts as absent.
    {"required-param-null", Scope::Param, Severity::Error, 206, "api",
     "\"%1\" is null, which the API treats as missing; %2 requires it.", "%1",
     [](const Subject& s, Reporter& out) {
         if (isObjectsOfBatch(s) || !s.param || !s.param->required || s.node->kind != Node::Kind::Null)
             return;
         const bool object = s.param->type == QLatin1String("object");
         Report r{s.path, -1, 0, {s.param->name, s.method->name},
                  {object ? QStringLiteral("Send {} instead of null (an empty filter is fine).")
                          : QStringLiteral("Give it a value.")}};
         r.at(*s.node);
         if (object)
             r.quickFix =
                 LintQuickFix{QStringLiteral("Replace null with {}"), {replaceValue(*s.node, QStringLiteral("{}"))}};
         out.report(r);
     }},
    {"param-null-ignored", Scope::Param, Severity::Warning, 0, "request",
     "\"%1\" is null, which the API treats as absent (its default applies).", "Leave \"%1\" out or give it a value.",
     [](const Subject& s, Reporter& out) {
         if (!isObjectsOfBatch(s) && s.param && !s.param->required && s.node->kind == Node::Kind::Null)
             out.report(Report{s.path, -1, 0, {s.param->name}, {s.param->name}}.at(*s.node));
     }},
    {"param-array-for-scalar", Scope::Param, Severity::Error, 210, "api",
     "\"%1\" must be a single %2 value, not a list.", "Pass one value, or use a method that takes a list.",
     [](const Subject& s, Reporter& out) {
         if (isObjectsOfBatch(s))
             return;
         if (s.param)
             checkTypedValue(s, out, s.param->name, s.param->type, true, false);
     }},
    {"param-type", Scope::Param, Severity::Error, 205, "api", "\"%1\" must be %2; got %3.", "Send %1.",
     [](const Subject& s, Reporter& out) {
         if (isObjectsOfBatch(s))
             return;
         if (!s.param)
             return;
         const Node& n = *s.node;
         // "" in an integer param is a wrong type too (RM: empty strings in integer fields → 205).
         if (n.kind == Node::Kind::String && n.scalar.toString().isEmpty() && isNumericType(s.param->type))
             out.report(Report{s.path, -1, 0, {s.param->name, typePhrase(s.param->type), describe(n)},
                               {typePhrase(s.param->type)}}
                            .at(n));
         else
             checkTypedValue(s, out, s.param->name, s.param->type, false, true);
     }},
    {"param-not-allowed", Scope::Param, Severity::Error, 217, "api", "\"%1\" is %2; allowed: %3.", "Use one of: %1.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->allowed.isEmpty() || !s.node->isScalar() || s.node->kind == Node::Kind::Null)
             return;
         const QString value = scalarText(*s.node);
         if (s.param->allowed.contains(value))
             return;
         Report r{s.path, -1, 0, {s.param->name, describe(*s.node), s.param->allowed.join(QLatin1String(", "))},
                  {s.param->allowed.join(QLatin1String(", "))}};
         r.at(*s.node);
         for (const QString& allowed : s.param->allowed) {
             if (allowed.compare(value, Qt::CaseInsensitive) == 0)
                 r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(allowed),
                                           {replaceValue(*s.node, jsonQuote(allowed))}};
         }
         out.report(r);
     }},
    {"param-out-of-range", Scope::Param, Severity::Error, 217, "api", "\"%1\" is %2; the allowed range is %3 to %4.",
     "Use a value from %1 to %2.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || !s.param->min || !s.param->max || s.param->clamped || s.param->type == QLatin1String("array"))
             return;
         const auto v = numericValue(*s.node);
         if (!v || (*v >= *s.param->min && *v <= *s.param->max))
             return;
         out.report(Report{s.path, -1, 0,
                           {s.param->name, numberText(*v), numberText(*s.param->min), numberText(*s.param->max)},
                           {numberText(*s.param->min), numberText(*s.param->max)}}
                        .at(*s.node));
     }},
    {"param-clamped", Scope::Param, Severity::Warning, 0, "request",
     "\"%1\" is %2; the API silently returns at most %3.", "Page through the results with offset in steps of %1.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || !s.param->clamped || !s.param->max)
             return;
         const auto v = numericValue(*s.node);
         if (v && *v > *s.param->max)
             out.report(Report{s.path, -1, 0, {s.param->name, numberText(*v), numberText(*s.param->max)},
                               {numberText(*s.param->max)}}
                            .at(*s.node));
     }},
    {"param-below-min", Scope::Param, Severity::Warning, 0, "request", "\"%1\" is %2; expected at least %3.",
     "Use a value of at least %1.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || !s.param->min || (s.param->max && !s.param->clamped) || s.param->type == QLatin1String("array"))
             return; // bounded ranges are param-out-of-range's
         const auto v = numericValue(*s.node);
         if (v && *v < *s.param->min)
             out.report(Report{s.path, -1, 0, {s.param->name, numberText(*v), numberText(*s.param->min)},
                               {numberText(*s.param->min)}}
                            .at(*s.node));
     }},
    {"param-datetime-format", Scope::Param, Severity::Warning, 0, "request",
     "\"%1\" is %2, not in the 'Y-m-d H:i:s' format the API expects.",
     "Write it as 'Y-m-d H:i:s' without T or time zone%1. v1 reads it in the account's Company Profile time "
     "zone, v1.2 in UTC.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->type != QLatin1String("datetime") || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         if (isDateTimeText(value))
             return;
         const QString fixed = dateTimeWithoutT(value);
         Report r{s.path, -1, 0, {s.param->name, describe(*s.node)},
                  {fixed.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(fixed)}};
         r.at(*s.node);
         if (!fixed.isEmpty())
             r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(fixed), {replaceValue(*s.node, jsonQuote(fixed))}};
         out.report(r);
     }},
    {"datetime-zone-v1", Scope::Param, Severity::Warning, 0, "request",
     "API v1 reads \"%1\" in the time zone of the account's Company Profile, not in UTC.",
     "Send UTC times to the v1.2 endpoint, or convert the time to the Company Profile zone.",
     [](const Subject& s, Reporter& out) {
         if (s.param && s.param->type == QLatin1String("datetime") &&
             s.context->apiVersion == LintContext::ApiVersion::V1 && s.node->kind == Node::Kind::String &&
             isDateTimeText(s.node->scalar.toString()))
             out.report(Report{s.path, -1, 0, {s.param->name}}.at(*s.node));
     }},
    {"param-country-code", Scope::Param, Severity::Error, 215, "api",
     "\"%1\" is %2, not an ISO 3166-1 alpha-2 country code%3.", "Use a two-letter ISO code (US, GB, IT, ...)%1.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->format != QLatin1String("country") || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         if (CountryCodes::isAlpha2(value))
             return;
         const QString suggestion = CountryCodes::suggestAlpha2(value);
         Report r{s.path, -1, 0,
                  {s.param->name, describe(*s.node),
                   suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(suggestion)},
                  {suggestion.isEmpty() ? QString() : QStringLiteral(": \"%1\"").arg(suggestion)}};
         r.at(*s.node);
         if (!suggestion.isEmpty())
             r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(suggestion),
                                       {replaceValue(*s.node, jsonQuote(suggestion))}};
         out.report(r);
     }},
    {"param-username", Scope::Param, Severity::Error, 218, "api",
     "\"%1\" is %2, not an email address; user logins must be email addresses.", "Use the user's email address.",
     [](const Subject& s, Reporter& out) {
         if (s.param && s.param->format == QLatin1String("username") && s.node->kind == Node::Kind::String &&
             !looksLikeEmail(s.node->scalar.toString()))
             out.report(Report{s.path, -1, 0, {s.param->name, describe(*s.node)}}.at(*s.node));
     }},
    {"where-missing-key", Scope::Param, Severity::Error, 206, "api", "%1 needs \"%2\" in \"%3\".",
     "Add \"%1\" to \"%2\".",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->requiredKeys.isEmpty() || !(s.node->isObject() || isEmptyPhpArray(*s.node)))
             return;
         for (const QString& key : s.param->requiredKeys) {
             if (!s.node->member(key))
                 out.report(Report{pathKey(s.path, key), -1, 0, {s.method->name, key, s.param->name}, {key, s.param->name}}
                                .atContainer(*s.node));
         }
     }},
    {"where-key-miscased", Scope::Param, Severity::Warning, 0, "request",
     "Filter \"%1\" is not known; names are case-sensitive: \"%2\".", "Rename it to \"%1\".",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->keys.isEmpty() || !s.node->isObject())
             return;
         for (const Node& child : s.node->children) {
             if (s.param->keys.contains(child.key))
                 continue;
             for (const QString& key : s.param->keys) {
                 if (key.compare(child.key, Qt::CaseInsensitive) != 0)
                     continue;
                 Report r{pathKey(s.path, child.key), -1, 0, {child.key, key}, {key}};
                 r.at(child, true);
                 if (!s.node->member(key))
                     r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(key), {renameKey(child, key)}};
                 out.report(r);
             }
         }
     }},
    {"where-unknown-key", Scope::Param, Severity::Warning, 0, "request",
     "\"%1\" is not a known filter of %2 (known: %3); the API may ignore or reject it.", "Use one of: %1.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || s.param->keys.isEmpty() || !s.node->isObject())
             return;
         for (const Node& child : s.node->children) {
             bool known = false;
             for (const QString& key : s.param->keys)
                 known = known || key.compare(child.key, Qt::CaseInsensitive) == 0;
             if (!known)
                 out.report(Report{pathKey(s.path, child.key), -1, 0,
                                   {child.key, s.method->name, s.param->keys.join(QLatin1String(", "))},
                                   {s.param->keys.join(QLatin1String(", "))}}
                                .at(child, true));
         }
     }},
    {"where-several-keys", Scope::Param, Severity::Warning, 0, "request",
     "%1 honours only one filter, but \"%2\" has %3 (%4).", "Keep one filter per call.",
     [](const Subject& s, Reporter& out) {
         if (!s.param || !s.param->singleKey || !s.node->isObject() || s.node->children.size() < 2)
             return;
         QStringList keys;
         for (const Node& child : s.node->children)
             keys.append(child.key);
         out.report(Report{s.path, -1, 0,
                           {s.method->name, s.param->name, QString::number(keys.size()), keys.join(QLatin1String(", "))}}
                        .at(*s.node, true));
     }},
    {"field-names-unknown", Scope::Param, Severity::Warning, 0, "request", "\"%1\" is not a %2 field%3.",
     "Use system names from getFields.",
     [](const Subject& s, Reporter& out) {
         const QString type = objectTypeOf(s);
         if (!s.param || !s.param->fieldNames || !s.node->isArray() || type.isEmpty())
             return;
         for (qsizetype i = 0; i < qsizetype(s.node->children.size()); ++i) {
             const Node& item = s.node->children[size_t(i)];
             if (item.kind != Node::Kind::String)
                 continue;
             const QString name = item.scalar.toString();
             if (s.methods->objectField(type, name) ||
                 (s.methods->objectAllowsCustomFields(type) && MethodCatalog::isCustomFieldName(name)))
                 continue;
             const QStringList close = s.methods->closestFieldNames(type, name, 1);
             out.report(Report{pathIndex(s.path, i), -1, 0,
                               {name, type,
                                close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())}}
                            .at(item));
         }
     }},

    // --- the objects list of a batch method
    {"objects-not-array", Scope::Objects, Severity::Error, 207, "api", "\"objects\" is %1; it must be a list of hashes.",
     "Send \"objects\": [ {...} ].",
     [](const Subject& s, Reporter& out) {
         if (!s.objects->isContainer())
             out.report(Report{s.path, -1, 0, {describe(*s.objects)}}.at(*s.objects));
     }},
    {"objects-not-list", Scope::Objects, Severity::Error, 208, "api",
     "\"objects\" is a single hash, not a list of hashes.", "Wrap it in a list: [ {...} ].",
     [](const Subject& s, Reporter& out) {
         if (!s.objects->isObject())
             return;
         Report r{s.path};
         r.at(*s.objects).quickFix =
             LintQuickFix{QStringLiteral("Wrap in [ ]"),
                          {{s.objects->start, 0, QStringLiteral("[")}, {s.objects->end, 0, QStringLiteral("]")}}};
         out.report(r);
     }},
    {"objects-empty", Scope::Objects, Severity::Warning, 0, "request", "\"objects\" is empty; the call does nothing.",
     "Add at least one record.",
     [](const Subject& s, Reporter& out) {
         if (s.objects->isArray() && s.objects->children.empty())
             out.report(Report{s.path}.at(*s.objects));
     }},
    {"objects-too-many", Scope::Objects, Severity::Error, 209, "api",
     "\"objects\" has %1 records; at most %2 are allowed per call.", "Split the records into calls of at most %1.",
     [](const Subject& s, Reporter& out) {
         const int limit = s.method->maxObjects;
         if (s.objects->isArray() && limit > 0 && int(s.objects->children.size()) > limit)
             out.report(Report{s.path, -1, 0, {QString::number(s.objects->children.size()), QString::number(limit)},
                               {QString::number(limit)}}
                            .at(*s.objects, true));
     }},
    {"objects-scalar", Scope::Objects, Severity::Error, 208, "api", "objects[%1] is %2, not a hash%3.", "%1",
     [](const Subject& s, Reporter& out) {
         if (!s.objects->isArray())
             return;
         std::vector<const Node*> scalars;
         for (const Node& element : s.objects->children) {
             if (element.isScalar())
                 scalars.push_back(&element);
         }
         if (scalars.empty())
             return;
         const Node& first = *scalars.front();
         const qsizetype firstIndex = &first - s.objects->children.data();
         const bool idOnly = s.method->objectKeys == QStringList{QStringLiteral("id")};
         Report r{pathIndex(s.path, firstIndex), -1, 0,
                  {QString::number(firstIndex), describe(first),
                   scalars.size() > 1 ? QStringLiteral(" (%1 elements are scalars)").arg(scalars.size()) : QString()},
                  {idOnly ? QStringLiteral("Write each element as a hash: {\"id\": %1}.").arg(scalarText(first))
                          : QStringLiteral("Make every element a hash of field names.")}};
         r.at(first);
         bool wrappable = idOnly;
         for (const Node* n : scalars)
             wrappable = wrappable && MethodCatalog::valueMatchesType(n->scalar, QStringLiteral("integer"));
         if (wrappable) {
             LintQuickFix fix{QStringLiteral("Wrap as {\"id\": N}"), {}};
             for (const Node* n : scalars)
                 fix.edits.append(replaceValue(*n, QStringLiteral("{\"id\": ") +
                                                       s.text.mid(n->start, n->end - n->start).toString() +
                                                       QLatin1Char('}')));
             r.quickFix = fix;
         }
         out.report(r);
     }},
    {"objects-nested-list", Scope::Objects, Severity::Error, 205, "object", "objects[%1] is a list, not a hash.",
     "Write each element as a hash of field names.",
     [](const Subject& s, Reporter& out) {
         if (!s.objects->isArray())
             return;
         for (qsizetype i = 0; i < qsizetype(s.objects->children.size()); ++i) {
             const Node& element = s.objects->children[size_t(i)];
             if (element.isArray())
                 out.report(Report{pathIndex(s.path, i), -1, 0, {QString::number(i)}}.at(element));
         }
     }},
    {"unique-duplicate", Scope::Objects, Severity::Error, 301, "object",
     "%1 %2 is also in objects[%3]; this record fails because %1 must be unique (case-insensitively).",
     "Remove the duplicate record, or update the existing one instead.",
     [](const Subject& s, Reporter& out) {
         if (!s.objects->isArray() || !isCreateMethod(s.method))
             return;
         for (const FieldSpec& field : s.methods->objectFields(s.method->objectType)) {
             if (!field.unique)
                 continue;
             QHash<QString, qsizetype> seen;
             for (qsizetype i = 0; i < qsizetype(s.objects->children.size()); ++i) {
                 const Node* value = s.objects->children[size_t(i)].member(field.name);
                 if (!value || value->kind != Node::Kind::String || value->scalar.toString().isEmpty())
                     continue;
                 const QString folded = value->scalar.toString().trimmed().toCaseFolded();
                 if (const auto it = seen.constFind(folded); it != seen.constEnd())
                     out.report(Report{pathKey(pathIndex(s.path, i), field.name), -1, 0,
                                       {field.name, jsonQuote(value->scalar.toString()), QString::number(*it)}}
                                    .at(*value));
                 else
                     seen.insert(folded, i);
             }
         }
     }},

    // --- each record
    {"object-required-key", Scope::Element, Severity::Error, 205, "object", "objects[%1] has no \"%2\", which %3 requires.",
     "Add \"%1\" to every record.",
     [](const Subject& s, Reporter& out) {
         for (const QString& key : s.method->objectRequired) {
             if (!s.element->member(key))
                 out.report(Report{pathKey(s.elementPath, key), -1, 0, {QString::number(s.index), key, s.method->name},
                                   {key}}
                                .atContainer(*s.element));
         }
     }},
    {"object-key-not-accepted", Scope::Element, Severity::Error, 205, "object",
     "objects[%1] has \"%2\"; %3 takes only %4 in each record.", "Remove \"%1\".",
     [](const Subject& s, Reporter& out) {
         if (s.method->objectKeys.isEmpty())
             return;
         for (const Node& child : s.element->children) {
             if (!s.method->objectKeys.contains(child.key))
                 out.report(Report{pathKey(s.elementPath, child.key), -1, 0,
                                   {QString::number(s.index), child.key, s.method->name, quotedList(s.method->objectKeys)},
                                   {child.key}}
                                .at(child, true));
         }
     }},
    {"object-no-identifier", Scope::Element, Severity::Warning, 0, "object",
     "objects[%1] has none of %2, so the API cannot tell which record to change (%3 then reports success and "
     "changes nothing, or fails).",
     "Add %1.",
     [](const Subject& s, Reporter& out) {
         if (s.method->objectOneOf.isEmpty())
             return;
         for (const QString& key : s.method->objectOneOf) {
             if (s.element->member(key))
                 return;
         }
         out.report(Report{s.elementPath, -1, 0,
                           {QString::number(s.index), quotedList(s.method->objectOneOf), s.method->name},
                           {quotedList(s.method->objectOneOf)}}
                        .at(*s.element));
     }},

    // --- each field of a record
    {"field-miscased", Scope::Field, Severity::Error, 205, "object",
     "\"%1\" is not a %2 field; field names are case-sensitive: \"%3\".", "Rename it to \"%1\".",
     [](const Subject& s, Reporter& out) {
         if (s.field)
             return;
         const FieldSpec* f = s.methods->objectFieldCaseInsensitive(objectTypeOf(s), s.node->key);
         if (!f)
             return;
         Report r{s.path, -1, 0, {s.node->key, objectTypeOf(s), f->name}, {f->name}};
         r.at(*s.node, true);
         if (!s.element->member(f->name))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(f->name), {renameKey(*s.node, f->name)}};
         out.report(r);
     }},
    {"field-unknown", Scope::Field, Severity::Error, 205, "object", "\"%1\" is not a %2 field%3.", "%1",
     [](const Subject& s, Reporter& out) {
         const QString type = objectTypeOf(s);
         if (s.field || s.methods->objectFieldCaseInsensitive(type, s.node->key) ||
             MethodCatalog::isCustomFieldName(s.node->key))
             return;
         const QStringList close = s.methods->closestFieldNames(type, s.node->key, 1);
         const bool custom = s.methods->objectAllowsCustomFields(type);
         Report r{s.path, -1, 0,
                  {s.node->key, type,
                   close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())},
                  {custom ? QStringLiteral("Use a standard field name or a custom field's systemName from getFields "
                                           "(Label_ followed by 13 hex digits).")
                          : QStringLiteral("Use one of the %1 fields: %2.")
                                .arg(type, [&] {
                                    QStringList names;
                                    for (const FieldSpec& f : s.methods->objectFields(type))
                                        names.append(f.name);
                                    return names.join(QLatin1String(", "));
                                }())}};
         r.at(*s.node, true);
         if (!close.isEmpty() && !s.element->member(close.first()))
             r.quickFix =
                 LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(close.first()), {renameKey(*s.node, close.first())}};
         out.report(r);
     }},
    {"field-custom-not-allowed", Scope::Field, Severity::Error, 205, "object",
     "\"%1\" looks like a custom field, but %2 records have no custom fields.", "Remove \"%1\".",
     [](const Subject& s, Reporter& out) {
         const QString type = objectTypeOf(s);
         if (!s.field && MethodCatalog::isCustomFieldName(s.node->key) && !s.methods->objectAllowsCustomFields(type))
             out.report(Report{s.path, -1, 0, {s.node->key, type}, {s.node->key}}.at(*s.node, true));
     }},
    {"field-null", Scope::Field, Severity::Error, 205, "object", "\"%1\" must not be null.", "%1",
     [](const Subject& s, Reporter& out) {
         if (!s.field || s.field->nullable || s.node->kind != Node::Kind::Null)
             return;
         const bool text = !isNumericType(s.field->type) && s.field->type != QLatin1String("boolean");
         out.report(Report{s.path, -1, 0, {s.field->name},
                           {text ? QStringLiteral("Leave the field out, or send an empty string to clear it.")
                                 : QStringLiteral("Leave the field out or give it a value.")}}
                        .at(*s.node));
     }},
    {"field-empty-number", Scope::Field, Severity::Error, 205, "object",
     "\"%1\" is an empty string; %2 fields reject \"\".", "%1",
     [](const Subject& s, Reporter& out) {
         if (!s.field || (!isNumericType(s.field->type) && s.field->type != QLatin1String("boolean")) ||
             s.node->kind != Node::Kind::String || !s.node->scalar.toString().isEmpty())
             return;
         out.report(Report{s.path, -1, 0, {s.field->name, s.field->type},
                           {s.field->nullable ? QStringLiteral("Leave the field out, or send null to clear it.")
                                              : QStringLiteral("Leave the field out or give it a value.")}}
                        .at(*s.node));
     }},
    {"field-array", Scope::Field, Severity::Error, 205, "object", "\"%1\" is a list; it must be a single %2 value.",
     "Send one value.",
     [](const Subject& s, Reporter& out) {
         if (s.field)
             checkTypedValue(s, out, s.field->name, s.field->type, true, false);
     }},
    {"field-type", Scope::Field, Severity::Error, 205, "object", "\"%1\" must be %2; got %3.", "Send %1.",
     [](const Subject& s, Reporter& out) {
         if (s.field)
             checkTypedValue(s, out, s.field->name, s.field->type, false, true);
     }},
    {"field-not-allowed", Scope::Field, Severity::Error, 205, "object", "\"%1\" is %2; allowed: %3.", "Use one of: %1.",
     [](const Subject& s, Reporter& out) {
         if (!s.field || s.field->allowed.isEmpty() || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         if (s.field->allowed.contains(value))
             return;
         Report r{s.path, -1, 0, {s.field->name, describe(*s.node), s.field->allowed.join(QLatin1String(", "))},
                  {s.field->allowed.join(QLatin1String(", "))}};
         r.at(*s.node);
         for (const QString& allowed : s.field->allowed) {
             if (allowed.compare(value, Qt::CaseInsensitive) == 0)
                 r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(allowed),
                                           {replaceValue(*s.node, jsonQuote(allowed))}};
         }
         out.report(r);
     }},
    {"field-too-long", Scope::Field, Severity::Warning, 0, "object",
     "\"%1\" has %2 characters; the field holds %3.", "Shorten it to %1 characters.",
     [](const Subject& s, Reporter& out) {
         if (!s.field || s.field->maxLength <= 0 || s.node->kind != Node::Kind::String)
             return;
         const qsizetype length = s.node->scalar.toString().size();
         if (length > s.field->maxLength)
             out.report(Report{s.path, -1, 0,
                               {s.field->name, QString::number(length), QString::number(s.field->maxLength)},
                               {QString::number(s.field->maxLength)}}
                            .at(*s.node));
     }},
    {"field-out-of-range", Scope::Field, Severity::Warning, 0, "object", "\"%1\" is %2; expected %3 to %4.",
     "Use a value from %1 to %2.",
     [](const Subject& s, Reporter& out) {
         if (!s.field || (!s.field->min && !s.field->max) || !isNumericType(s.field->type))
             return;
         const auto v = numericValue(*s.node);
         if (!v || ((!s.field->min || *v >= *s.field->min) && (!s.field->max || *v <= *s.field->max)))
             return;
         const QString low = s.field->min ? numberText(*s.field->min) : QStringLiteral("-");
         const QString high = s.field->max ? numberText(*s.field->max) : QStringLiteral("-");
         out.report(Report{s.path, -1, 0, {s.field->name, numberText(*v), low, high}, {low, high}}.at(*s.node));
     }},
    {"field-read-only", Scope::Field, Severity::Warning, 0, "object", "\"%1\" is read-only%2; the API ignores it here.",
     "Remove \"%1\".",
     [](const Subject& s, Reporter& out) {
         if (!s.field || !s.field->readOnly)
             return;
         // The id identifies the record in updates and deletes; it is only ignored on create.
         if (s.field->name == QLatin1String("id") && !isCreateMethod(s.method))
             return;
         out.report(Report{s.path, -1, 0,
                           {s.field->name, s.field->name == QLatin1String("id")
                                               ? QStringLiteral(": ids are assigned by the server")
                                               : QString()},
                           {s.field->name}}
                        .at(*s.node, true));
     }},
    {"field-datetime-format", Scope::Field, Severity::Warning, 0, "object", "\"%1\" is %2, not in the '%3' format.",
     "Write it as '%1' without T or time zone%2.",
     [](const Subject& s, Reporter& out) {
         if (!s.field || s.node->kind != Node::Kind::String || s.field->readOnly)
             return;
         const bool dateTime = s.field->type == QLatin1String("datetime");
         if (!dateTime && s.field->type != QLatin1String("date"))
             return;
         const QString value = s.node->scalar.toString();
         if (value.isEmpty() || (dateTime ? isDateTimeText(value) : isDateText(value)))
             return;
         const QString format = dateTime ? QStringLiteral("Y-m-d H:i:s") : QStringLiteral("Y-m-d");
         const QString fixed = dateTime ? dateTimeWithoutT(value) : QString();
         Report r{s.path, -1, 0, {s.field->name, describe(*s.node), format},
                  {format, fixed.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(fixed)}};
         r.at(*s.node);
         if (!fixed.isEmpty())
             r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(fixed), {replaceValue(*s.node, jsonQuote(fixed))}};
         out.report(r);
     }},
    {"field-email-format", Scope::Field, Severity::Warning, 0, "object",
     "\"%1\" is %2, which does not look like an email address; the API stores it unchecked.",
     "Check the address.",
     [](const Subject& s, Reporter& out) {
         if (s.field && s.field->format == QLatin1String("email") && s.node->kind == Node::Kind::String &&
             !looksLikeEmail(s.node->scalar.toString()))
             out.report(Report{s.path, -1, 0, {s.field->name, describe(*s.node)}}.at(*s.node));
     }},
    {"system-field-delete", Scope::Field, Severity::Error, 211, "object",
     "\"%1\" is a standard %2 field; only custom fields can be deleted.",
     "Delete only custom fields (isCustom = 1 in getFields).",
     [](const Subject& s, Reporter& out) {
         if (s.method->customOnlyKey.isEmpty() || s.node->key != s.method->customOnlyKey ||
             s.node->kind != Node::Kind::String)
             return;
         const QString name = s.node->scalar.toString();
         for (const QString& type : s.methods->objectTypes()) {
             if (s.methods->objectAllowsCustomFields(type) && s.methods->objectField(type, name)) {
                 out.report(Report{s.path, -1, 0, {name, type}}.at(*s.node));
                 return;
             }
         }
     }},
    {"custom-field-name", Scope::Field, Severity::Warning, 0, "object",
     "\"%1\" is not a custom field system name (a label, '_' and 13 hex digits).",
     "Take the systemName from getFields.",
     [](const Subject& s, Reporter& out) {
         if (s.method->customOnlyKey.isEmpty() || s.node->key != s.method->customOnlyKey ||
             s.node->kind != Node::Kind::String)
             return;
         const QString name = s.node->scalar.toString();
         if (MethodCatalog::isCustomFieldName(name))
             return;
         for (const QString& type : s.methods->objectTypes()) {
             if (s.methods->objectAllowsCustomFields(type) && s.methods->objectField(type, name))
                 return; // system-field-delete reports it
         }
         out.report(Report{s.path, -1, 0, {name}}.at(*s.node));
     }},
};

// Substitutes %1..%9 in one pass, so that user text containing "%1" is left alone.
QString fillTemplate(const char* pattern, const QStringList& args)
{
    const QString text = QString::fromUtf8(pattern);
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('%') && i + 1 < text.size() && text[i + 1] >= QLatin1Char('1') &&
            text[i + 1] <= QLatin1Char('9')) {
            const int index = text[i + 1].unicode() - '1';
            result += args.value(index);
            ++i;
        } else {
            result += c;
        }
    }
    return result;
}

class Run : public Reporter
{
public:
    Run(const ErrorCatalog& errors, QStringView text)
        : m_errors(errors)
        , m_text(text)
    {}

    void runScope(Scope scope, const Subject& subject)
    {
        for (size_t i = 0; i < std::size(kRules); ++i) {
            if (kRules[i].scope != scope)
                continue;
            m_rule = &kRules[i];
            m_ruleIndex = int(i);
            kRules[i].check(subject, *this);
        }
    }

    void report(Report r) override
    {
        LintFinding f;
        f.severity = m_rule->severity;
        f.predictedCode = m_rule->code;
        f.rule = QString::fromLatin1(m_rule->id);
        f.level = QString::fromLatin1(m_rule->level);
        f.path = r.path;
        f.message = fillTemplate(m_rule->message, r.args);
        f.fix = fillTemplate(m_rule->fix, r.fixArgs);
        if (f.predictedCode) {
            if (const ErrorEntry* entry = m_errors.byCode(f.predictedCode)) {
                f.codeMessage = entry->message;
                f.explanation = entry->summary;
            }
        }
        f.offset = r.offset;
        f.length = r.length;
        if (f.offset >= 0)
            lineColumn(f.offset, &f.line, &f.column);
        f.quickFix = r.quickFix;
        m_findings.push_back({m_ruleIndex, std::move(f)});
    }

    QList<LintFinding> findings()
    {
        // Rule order is the API's check order, so the first error is the likely answer; within a
        // rule, text order.
        std::stable_sort(m_findings.begin(), m_findings.end(), [](const auto& a, const auto& b) {
            if (a.first != b.first)
                return a.first < b.first;
            return a.second.offset < b.second.offset;
        });
        QList<LintFinding> result;
        result.reserve(qsizetype(m_findings.size()));
        for (auto& entry : m_findings)
            result.append(std::move(entry.second));
        return result;
    }

private:
    // Line starts are indexed once, on the first finding with a position.
    void lineColumn(int offset, int* line, int* column)
    {
        if (m_lineStarts.empty()) {
            m_lineStarts.push_back(0);
            for (int i = 0; i < int(m_text.size()); ++i) {
                if (m_text[i] == QLatin1Char('\n'))
                    m_lineStarts.push_back(i + 1);
            }
        }
        const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
        const int index = int(it - m_lineStarts.cbegin()) - 1;
        *line = index + 1;
        *column = offset - m_lineStarts[size_t(index)] + 1;
    }

    const ErrorCatalog& m_errors;
    QStringView m_text;
    std::vector<int> m_lineStarts;
    const Rule* m_rule = nullptr;
    int m_ruleIndex = 0;
    std::vector<std::pair<int, LintFinding>> m_findings;
};

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or -1.
int firstInvalidUtf8Byte(const QByteArray& bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const int size = int(bytes.size());
    int i = 0;
    while (i < size) {
        const unsigned char c = data[i];
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0; // overlong
            if (c == 0xED)
                high = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90; // overlong
            if (c == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const unsigned char cc = data[i + k];
            if (cc < (k == 1 ? low : 0x80) || cc > (k == 1 ? high : 0xBF))
                return i;
        }
        i += length;
    }
    return -1;
}
} // namespace

// ---------------------------------------------------------------------------------------------

std::optional<LintContext::Environment> LintContext::environmentFromString(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("simulator"))
        return Environment::Simulator;
    if (n == QLatin1String("production"))
        return Environment::Production;
    if (n == QLatin1String("custom"))
        return Environment::Custom;
    if (n == QLatin1String("unknown"))
        return Environment::Unknown;
    return std::nullopt;
}

std::optional<LintContext::ApiVersion> LintContext::apiVersionFromString(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("v1") || n == QLatin1String("1"))
        return ApiVersion::V1;
    if (n == QLatin1String("v1.2") || n == QLatin1String("1.2"))
        return ApiVersion::V1_2;
    return std::nullopt;
}

LintContext LintContext::forEnvironment(const ::Environment& environment, bool hasSecretKey)
{
    LintContext context;
    switch (environment.kind) {
    case ::Environment::Kind::Simulator:
        context.environment = Environment::Simulator;
        break;
    case ::Environment::Kind::Production:
        context.environment = Environment::Production;
        break;
    case ::Environment::Kind::Custom:
        context.environment = Environment::Custom;
        break;
    }
    context.apiVersion = environment.version == ::ApiVersion::V1 ? ApiVersion::V1 : ApiVersion::V1_2;
    context.hasAccountId = !environment.accountId.trimmed().isEmpty();
    context.hasSecretKey = hasSecretKey;
    return context;
}

QJsonObject LintFinding::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("severity"), severityName());
    o.insert(QStringLiteral("predicted_code"),
             predictedCode ? QJsonValue(predictedCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("fix"), fix);
    o.insert(QStringLiteral("rule"), rule);
    o.insert(QStringLiteral("level"), level);
    o.insert(QStringLiteral("code_message"),
             codeMessage.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(codeMessage));
    o.insert(QStringLiteral("explanation"),
             explanation.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(explanation));
    if (offset >= 0) {
        o.insert(QStringLiteral("offset"), offset);
        o.insert(QStringLiteral("length"), length);
        o.insert(QStringLiteral("line"), line);
        o.insert(QStringLiteral("column"), column);
    } else {
        o.insert(QStringLiteral("offset"), QJsonValue::Null);
        o.insert(QStringLiteral("length"), QJsonValue::Null);
        o.insert(QStringLiteral("line"), QJsonValue::Null);
        o.insert(QStringLiteral("column"), QJsonValue::Null);
    }
    if (quickFix) {
        QJsonArray edits;
        for (const LintTextEdit& e : quickFix->edits)
            edits.append(QJsonObject{{QStringLiteral("offset"), e.offset},
                                     {QStringLiteral("length"), e.length},
                                     {QStringLiteral("text"), e.text}});
        o.insert(QStringLiteral("quick_fix"),
                 QJsonObject{{QStringLiteral("label"), quickFix->label}, {QStringLiteral("edits"), edits}});
    } else {
        o.insert(QStringLiteral("quick_fix"), QJsonValue::Null);
    }
    return o;
}

RequestLinter::RequestLinter()
    : RequestLinter(MethodCatalog::builtin(), ErrorCatalog::builtin())
{}

RequestLinter::RequestLinter(const MethodCatalog& methods, const ErrorCatalog& errors)
    : m_methods(methods)
    , m_errors(errors)
{}

QList<LintFinding> RequestLinter::lint(const QByteArray& body, const LintContext& context) const
{
    // Keep a leading byte order mark: it is sent, and PHP's json_decode rejects it.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const QString text = decoder(body);
    const int badByte = firstInvalidUtf8Byte(body);
    if (badByte < 0)
        return lint(text, context);
    Subject subject;
    subject.context = &context;
    subject.text = text;
    subject.methods = &m_methods;
    subject.utf8ErrorByte = badByte;
    QStringDecoder prefixDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    subject.utf8ErrorOffset = int(QString(prefixDecoder(body.left(badByte))).size());
    Run run(m_errors, text);
    run.runScope(Scope::Context, subject);
    run.runScope(Scope::Text, subject);
    return run.findings();
}

QList<LintFinding> RequestLinter::lint(const QString& text, const LintContext& context) const
{
    const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text, JsonSourceScanner::Option::AllowLeadingBom);
    Subject s;
    s.context = &context;
    s.text = text;
    s.methods = &m_methods;
    s.scan = &scan;
    Run run(m_errors, text);
    run.runScope(Scope::Context, s);
    run.runScope(Scope::Text, s);
    if (!scan.ok || !scan.root.isObject())
        return run.findings();

    s.root = &scan.root;
    run.runScope(Scope::Envelope, s);
    const Node* methodNode = s.root->member(QStringLiteral("method"));
    if (methodNode && methodNode->kind == Node::Kind::String)
        s.method = m_methods.byName(methodNode->scalar.toString());
    if (!s.method)
        return run.findings();
    run.runScope(Scope::Method, s);

    const Node* params = s.root->member(QStringLiteral("params"));
    if (!s.method->documented || !params || !(params->isObject() || isEmptyPhpArray(*params)))
        return run.findings();
    s.params = params;
    s.path = QStringLiteral("$.params");
    run.runScope(Scope::Params, s);
    for (const Node& member : params->children) {
        Subject p = s;
        p.node = &member;
        p.param = s.method->param(member.key);
        p.path = pathKey(QStringLiteral("$.params"), member.key);
        run.runScope(Scope::Param, p);
    }

    const Node* objects = s.method->batch ? params->member(QStringLiteral("objects")) : nullptr;
    if (!objects)
        return run.findings();
    Subject o = s;
    o.objects = objects;
    o.path = QStringLiteral("$.params.objects");
    run.runScope(Scope::Objects, o);
    if (!objects->isArray())
        return run.findings();
    for (qsizetype i = 0; i < qsizetype(objects->children.size()); ++i) {
        const Node& element = objects->children[size_t(i)];
        if (!element.isObject())
            continue;
        Subject e = o;
        e.element = &element;
        e.index = i;
        e.elementPath = pathIndex(o.path, i);
        e.path = e.elementPath;
        e.node = &element;
        run.runScope(Scope::Element, e);
        for (const Node& member : element.children) {
            // Keys a restricted record does not take are object-key-not-accepted's alone.
            if (!s.method->objectKeys.isEmpty() && !s.method->objectKeys.contains(member.key))
                continue;
            Subject f = e;
            f.node = &member;
            f.field = m_methods.objectField(s.method->objectType, member.key);
            f.path = pathKey(e.elementPath, member.key);
            run.runScope(Scope::Field, f);
        }
    }
    return run.findings();
}

QString RequestLinter::applyFix(const QString& text, const LintFinding& finding)
{
    return applyFixes(text, {finding});
}

QString RequestLinter::applyFixes(const QString& text, const QList<LintFinding>& findings, int* applied)
{
    std::vector<LintTextEdit> accepted;
    int count = 0;
    const auto overlaps = [](const LintTextEdit& a, const LintTextEdit& b) {
        if (a.length == 0 && b.length == 0)
            return a.offset == b.offset; // two inserts at one place would need a separator
        const int aEnd = a.offset + a.length;
        const int bEnd = b.offset + b.length;
        if (a.length == 0)
            return a.offset > b.offset && a.offset < bEnd;
        if (b.length == 0)
            return b.offset > a.offset && b.offset < aEnd;
        return a.offset < bEnd && b.offset < aEnd;
    };
    for (const LintFinding& finding : findings) {
        if (!finding.quickFix || finding.quickFix->edits.isEmpty())
            continue;
        bool ok = true;
        for (const LintTextEdit& edit : finding.quickFix->edits) {
            if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > text.size())
                ok = false; // stale: made for another text
            for (const LintTextEdit& other : accepted)
                ok = ok && !overlaps(edit, other);
        }
        // Edits of one fix must not overlap each other either.
        const QList<LintTextEdit>& own = finding.quickFix->edits;
        for (qsizetype i = 0; ok && i < own.size(); ++i) {
            for (qsizetype j = i + 1; ok && j < own.size(); ++j)
                ok = !overlaps(own[i], own[j]);
        }
        if (!ok)
            continue;
        for (const LintTextEdit& edit : own)
            accepted.push_back(edit);
        ++count;
    }
    // Apply from the end so earlier offsets stay valid; at one offset, a replacement before the
    // insertion that ends there.
    std::stable_sort(accepted.begin(), accepted.end(), [](const LintTextEdit& a, const LintTextEdit& b) {
        if (a.offset != b.offset)
            return a.offset > b.offset;
        return a.length > b.length;
    });
    QString result = text;
    for (const LintTextEdit& edit : accepted)
        result.replace(edit.offset, edit.length, edit.text);
    if (applied)
        *applied = count;
    return result;
}

int RequestLinter::predictedResponseCode(const QList<LintFinding>& findings)
{
    for (const LintFinding& f : findings) {
        if (f.isError() && f.predictedCode)
            return f.predictedCode;
    }
    return 0;
}

QList<RequestLinter::RuleInfo> RequestLinter::rules()
{
    QList<RuleInfo> list;
    for (const Rule& rule : kRules)
        list.append({QString::fromLatin1(rule.id), rule.severity, rule.code, QString::fromLatin1(rule.level)});
    return list;
}
