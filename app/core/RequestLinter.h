#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class ErrorCatalog;
class MethodCatalog;
struct Environment;

// Where a request is about to go; some findings depend on it (credentials, production, v1 dates).
struct LintContext
{
    enum class Environment
    {
        Unknown,
        Simulator,
        Production,
        Custom
    };
    enum class ApiVersion
    {
        Unknown,
        V1,
        V1_2
    };

    Environment environment = Environment::Unknown;
    ApiVersion apiVersion = ApiVersion::Unknown;
    bool hasAccountId = true; // the environment has an account ID / a secret key to send
    bool hasSecretKey = true;

    static std::optional<Environment> environmentFromString(const QString& name); // simulator|production|custom
    static std::optional<ApiVersion> apiVersionFromString(const QString& name);   // v1|v1.2
    // The context of a configured environment (kind, version, account ID); whether a secret is
    // available comes from the caller (SecretStore), the Environment never holds it.
    static LintContext forEnvironment(const ::Environment& environment, bool hasSecretKey);
};

// One replacement in the linted text: [offset, offset + length) becomes `text` (QString positions).
struct LintTextEdit
{
    int offset = 0;
    int length = 0;
    QString text;
};

// A fix that is safe to apply without asking what the user meant (insert "where": {}, rename a
// mis-cased key, wrap scalar ids as {"id": N}, add an id or "params": {}, fix the method's case).
struct LintQuickFix
{
    QString label; // short imperative text for a menu ("Rename to \"emailAddress\"")
    QList<LintTextEdit> edits;
};

// How sure a lint rule is, with the marks of the catalogues: documented (the vendor's documentation
// says so, including an error message that names the condition), observed (seen in real
// responses or tested clients) or inferred (our reasoning only).
enum class LintConfidence
{
    Documented,
    Observed,
    Inferred
};

struct LintFinding
{
    enum class Severity
    {
        Error,
        Warning
    };

    Severity severity = Severity::Error;
    int predictedCode = 0; // the API error code this would cause; 0 = none (warnings)
    int likelyCode = 0;    // inferred warnings: the code the API may answer with; 0 = none
    LintConfidence confidence = LintConfidence::Inferred;
    QString rule;        // stable rule id ("required-param-missing")
    QString level;       // api | object (inside result.*[i]) | request (not an API answer)
    QString path;        // "$.params.objects[2].emailaddress"; "query.accountID" for the URL
    QString message;     // what exactly is wrong here
    QString fix;         // what to do about it
    QString codeMessage; // errors.json message of predictedCode
    QString explanation; // errors.json summary of predictedCode
    int offset = -1;     // source range of the offending key or value (QString positions); -1 = none
    int length = 0;
    int line = 0; // 1-based position of offset; 0 = none
    int column = 0;
    std::optional<LintQuickFix> quickFix;
    // Past RequestLinter::kMaxFindingsPerRule findings of one rule the rest are only counted: the
    // last listed finding of the rule carries how many more there were ("omitted" in JSON).
    qint64 omitted = 0;

    bool isError() const { return severity == Severity::Error; }
    QString severityName() const { return isError() ? QStringLiteral("error") : QStringLiteral("warning"); }
    static QString confidenceName(LintConfidence confidence);
    // The lint finding of docs/design.md (Command line): severity, predicted_code, path,
    // message, fix (+ added keys).
    QJsonObject toJson() const;
};

// Predicts, before sending, the error a request envelope would get (docs/design.md, Command
// line: `lint`). Driven by methods.json (which params a method requires, their types and allowed
// values, object fields, batch limits) and errors.json (texts of the predicted codes); the checks
// themselves are rule tables by scope (LintTextRules, LintEnvelopeRules, LintParamsRules,
// LintObjectRules), run in the order the API is believed to check (credentials, body, envelope,
// params, objects, fields), so the first error finding is the likely answer.
class RequestLinter
{
public:
    struct RuleInfo
    {
        QString id;
        LintFinding::Severity severity;
        int code;
        QString level;
        LintConfidence confidence;
    };

    RequestLinter();
    RequestLinter(const MethodCatalog& methods, const ErrorCatalog& errors);

    // `text` may be anything (invalid JSON gives a 101 finding with line:column).
    QList<LintFinding> lint(const QString& text, const LintContext& context = {}) const;
    // Bytes as sent: invalid UTF-8 is a finding too. Offsets refer to QString::fromUtf8(body).
    QList<LintFinding> lint(const QByteArray& body, const LintContext& context = {}) const;

    // The text with one finding's quick fix applied (unchanged when it has none or is stale).
    static QString applyFix(const QString& text, const LintFinding& finding);
    // All quick fixes that do not overlap, in one pass; re-lint to pick up the rest.
    static QString applyFixes(const QString& text, const QList<LintFinding>& findings, int* applied = nullptr);
    // The code the API would most likely answer with: the first error finding's code, 0 if none.
    static int predictedResponseCode(const QList<LintFinding>& findings);
    // Findings listed per rule; 200,000 copies of one warning help nobody and would cost seconds
    // to build and print.
    static constexpr int kMaxFindingsPerRule = 1000;
    // Errors and warnings found, omitted ones included.
    static void countFindings(const QList<LintFinding>& findings, qint64* errors, qint64* warnings);

    static QList<RuleInfo> rules();

private:
    const MethodCatalog& m_methods;
    const ErrorCatalog& m_errors;
};
