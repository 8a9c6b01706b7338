#pragma once

#include "JsonSourceScanner.h"
#include "MethodCatalog.h"
#include "RequestLinter.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <cstddef>
#include <optional>

// The rule machinery of RequestLinter: what a rule sees (LintSubject), what it reports
// (LintReport) and the rule entry itself. The rules live in one table per scope
// (LintTextRules, LintEnvelopeRules, LintParamsRules, LintObjectRules); RequestLinter runs them
// in that order, the order the API is believed to check.

enum class LintScope
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

struct LintSubject
{
    const LintContext* context = nullptr;
    QStringView text;
    const MethodCatalog* methods = nullptr;
    int utf8ErrorByte = -1; // byte offset of the first invalid UTF-8 sequence
    int utf8ErrorOffset = -1;
    const JsonSourceScanner::Result* scan = nullptr;
    const JsonSourceNode* root = nullptr; // the envelope, when the body is an object
    const MethodSpec* method = nullptr;
    const JsonSourceNode* params = nullptr;  // params member when it is an object (or an empty [])
    const JsonSourceNode* objects = nullptr; // objects member of a batch method
    const JsonSourceNode* node = nullptr;    // current param, element or field
    const MethodParam* param = nullptr;
    const FieldSpec* field = nullptr;
    const JsonSourceNode* element = nullptr;
    qsizetype index = -1;
    QString path;
    QString elementPath;

    // The method's object type, or an empty string.
    QString objectType() const { return method ? method->objectType : QString(); }
    // The objects param of a batch method is checked by the Objects rules (207/208/209), not as
    // a plain parameter.
    bool isObjectsOfBatch() const
    {
        return method && method->batch && param && param->name == QLatin1String("objects");
    }
    // The catalogue's "did you mean" for a field name of `type` (at most one), skipped when no
    // field is near its length.
    QStringList closestFieldName(const QString& type, const QString& name) const;
};

struct LintReport
{
    QString path;
    int offset = -1;
    int length = 0;
    QStringList args;    // %1.. of the rule's message
    QStringList fixArgs; // %1.. of the rule's fix text
    std::optional<LintQuickFix> quickFix;

    LintReport& at(const JsonSourceNode& n, bool onKey = false);
    // A missing member is shown on its container's key (or opening brace).
    LintReport& atContainer(const JsonSourceNode& n);
};

class LintReporter
{
public:
    virtual ~LintReporter() = default;
    virtual void report(LintReport r) = 0;
    // True when the current rule has listed as many findings as are shown: a rule with costly
    // arguments (closest names) then reports LintReport{} only to have it counted.
    virtual bool saturated() const { return false; }
};

struct LintRule
{
    const char* id;
    LintScope scope;
    LintFinding::Severity severity;
    int code;          // predicted error code, 0 = none
    const char* level; // api | object | request
    // How sure the rule is (docs/design.md, Command line: lint). Errors are documented or
    // observed rejections; an inferred rule with a code is a warning naming the likely code.
    LintConfidence confidence;
    const char* message;
    const char* fix;
    void (*check)(const LintSubject&, LintReporter&);

    // Shared by the param-* and field-* rules: each rule asks for one kind of mismatch (a list
    // for a single value, or any other type).
    static void checkTypedValue(const LintSubject& s, LintReporter& out, const QString& name, const QString& type,
                                bool wantArrayFinding, bool wantTypeFinding);
    // Shared by param-not-allowed and field-not-allowed: `value` must be one of `allowed`; a
    // value that differs only in case gets the quick fix.
    static void checkAllowedValue(const LintSubject& s, LintReporter& out, const QString& name,
                                  const QStringList& allowed, const QString& value);
};

// A scope's rules, in check order.
struct LintRuleTable
{
    const LintRule* first = nullptr;
    std::size_t count = 0;

    const LintRule* begin() const { return first; }
    const LintRule* end() const { return first + count; }
};
