#include "RequestDraft.h"

#include "EnvironmentStore.h"
#include "JsonSourceScanner.h"
#include "JsonText.h"
#include "MethodCatalog.h"
#include "MethodTemplates.h"
#include "Redactor.h"
#include "TrustStore.h"

#include <QSettings>
#include <QtConcurrent>

#include <algorithm>

namespace {
QStringList problemTexts(const HeaderLines::Result& parsed)
{
    QStringList problems;
    for (const HeaderLines::Problem& problem : parsed.problems)
        problems << problem.toString();
    return problems;
}

// The same scheme, host, port and path (trailing slashes aside): a cURL line's endpoint is an
// environment's.
bool sameEndpoint(const QUrl& a, const QUrl& b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    const auto path = [](const QUrl& url) {
        QString p = url.path();
        while (p.endsWith(QLatin1Char('/')))
            p.chop(1);
        return p;
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80) &&
           path(a) == path(b);
}
} // namespace

RequestDraft::RequestDraft(const EnvironmentStore& environments, QObject* parent)
    : QObject(parent)
    , m_environments(environments)
{
    m_lintTimer.setSingleShot(true);
    m_lintTimer.setInterval(kLintDelayMs);
    connect(&m_lintTimer, &QTimer::timeout, this, &RequestDraft::runLint);
    connect(&m_lintWatcher, &QFutureWatcher<ThreadedLint>::finished, this, &RequestDraft::onThreadedLintFinished);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &RequestDraft::flushDraft);
}

RequestDraft::~RequestDraft() = default;

void RequestDraft::touch()
{
    // Everything that changes the bytes can change the prediction.
    m_lintTimer.start();
    if (m_settings && !m_restoring)
        m_draftTimer.start();
    emit changed();
}

// --- fields ------------------------------------------------------------------------------------

const MethodSpec* RequestDraft::methodSpec() const
{
    return MethodCatalog::builtin().byName(m_method);
}

void RequestDraft::setMethod(const QString& name, Params params)
{
    const QString trimmed = name.trimmed();
    if (!m_restoredTemplateMethod.isEmpty()) {
        // Found out only now: comparing loads every template, which a start need not wait for.
        const MethodSpec* restored = MethodCatalog::builtin().byName(m_restoredTemplateMethod);
        if (restored && m_params == MethodTemplates::text(*restored))
            m_lastTemplate = m_params;
        m_restoredTemplateMethod.clear();
    }
    if (trimmed == m_method)
        return;
    m_method = trimmed;
    emit methodChanged(m_method);
    if (params == Params::ReplaceUntouched) {
        // Only untouched params (empty or the previous template) make way; anything typed stays.
        const MethodSpec* spec = methodSpec();
        if (spec && (m_params.trimmed().isEmpty() || m_params == m_lastTemplate)) {
            const QString text = MethodTemplates::text(*spec);
            setParamsText(text);
            m_lastTemplate = text;
        }
    }
    touch();
}

bool RequestDraft::insertTemplate()
{
    const MethodSpec* spec = methodSpec();
    if (!spec)
        return false;
    const QString text = MethodTemplates::text(*spec);
    setParamsText(text);
    m_lastTemplate = text;
    m_restoredTemplateMethod.clear();
    return true;
}

void RequestDraft::setParamsText(const QString& text)
{
    if (text == m_params)
        return;
    m_params = text;
    emit paramsChanged(m_params);
    touch();
}

void RequestDraft::setRequestId(const QString& id)
{
    m_requestIdChosen = true;
    if (id == m_requestId)
        return;
    m_requestId = id;
    emit requestIdChanged(m_requestId);
    touch();
}

void RequestDraft::regenerateRequestId()
{
    setRequestId(RequestEnvelope::generateId());
    m_requestIdChosen = false;
}

void RequestDraft::advanceRequestId()
{
    if (!m_requestIdChosen)
        regenerateRequestId();
}

void RequestDraft::setHeadersText(const QString& text)
{
    if (text == m_headers)
        return;
    m_headers = text;
    emit headersChanged(m_headers);
    touch();
}

void RequestDraft::setRawBody(const QString& text, bool enabled)
{
    if (text == m_rawBody && enabled == m_rawBodyEnabled)
        return;
    m_rawBody = text;
    m_rawBodyEnabled = enabled;
    emit rawBodyChanged();
    touch();
}

void RequestDraft::setEnvironmentId(const QString& id)
{
    if (id == m_environmentId)
        return;
    m_environmentId = id;
    emit connectionChanged();
    touch();
}

Environment RequestDraft::environment() const
{
    if (const auto environment = m_environments.byId(m_environmentId))
        return *environment;
    return m_environments.current();
}

void RequestDraft::setAccountId(const QString& accountId)
{
    if (accountId == m_accountId)
        return;
    m_accountId = accountId;
    emit connectionChanged();
    touch();
}

void RequestDraft::setSecretKey(const QString& secret)
{
    if (secret == m_secretKey)
        return;
    m_secretKey = secret;
    emit connectionChanged();
    // Not a draft change: nothing of the secret is saved. Lint and the URL depend on it.
    m_lintTimer.start();
    emit changed();
}

void RequestDraft::setTimeoutMs(int ms)
{
    if (ms == m_timeoutMs)
        return;
    m_timeoutMs = ms;
    touch();
}

// --- what is sent ------------------------------------------------------------------------------

QString RequestDraft::envelopeText(bool verbatimParams, int* paramsOffset) const
{
    // Built as text so the params go out exactly as typed: key order, duplicate keys and number
    // literals survive (QJsonObject would sort and convert them), and a deliberately broken
    // params text is sent as is (to see error 101).
    QString text = QStringLiteral("{");
    const auto add = [&text](const QString& member) {
        if (text.size() > 1)
            text += QLatin1Char(',');
        text += member;
    };
    if (paramsOffset)
        *paramsOffset = -1;
    if (!m_method.isEmpty())
        add(QStringLiteral("\"method\":") + JsonText::quote(m_method));
    if (!m_params.trimmed().isEmpty()) {
        add(QStringLiteral("\"params\":"));
        if (verbatimParams) {
            if (paramsOffset)
                *paramsOffset = int(text.size());
            text += m_params;
        } else {
            text += JsonText::check(m_params).ok ? JsonText::compact(m_params) : m_params.trimmed();
        }
    }
    if (!m_requestId.isEmpty())
        add(QStringLiteral("\"id\":") + JsonText::quote(m_requestId));
    for (auto it = m_extraMembers.constBegin(); it != m_extraMembers.constEnd(); ++it)
        add(JsonText::quote(it.key()) + QLatin1Char(':') + JsonText::valueText(it.value()));
    return text + QLatin1Char('}');
}

QByteArray RequestDraft::body() const
{
    return m_rawBodyEnabled ? m_rawBody.toUtf8() : envelopeText().toUtf8();
}

HeaderLines::Result RequestDraft::headers() const
{
    return HeaderLines::parse(m_headers, m_secretKey);
}

QStringList RequestDraft::headerProblems() const
{
    return problemTexts(headers());
}

QUrl RequestDraft::endpoint() const
{
    return m_environments.endpoint(environment());
}

QString RequestDraft::displayUrl() const
{
    ApiRequest request;
    request.endpoint = endpoint();
    if (request.endpoint.isEmpty())
        return QString();
    request.accountId = m_accountId;
    // Only whether a secret is present matters for the display: it is masked either way.
    request.secretKey = m_secretKey.isEmpty() ? QString() : Redactor::mask();
    return request.displayUrl();
}

bool RequestDraft::toRequest(ApiRequest* request, QString* error) const
{
    const Environment env = environment();
    request->endpoint = m_environments.endpoint(env);
    if (request->endpoint.isEmpty()) {
        *error = tr("“%1” has no endpoint URL: set one under Manage….").arg(env.name);
        return false;
    }
    request->accountId = m_accountId;
    request->secretKey = m_secretKey;
    request->body = body();
    const HeaderLines::Result parsed = headers();
    if (!parsed.ok()) {
        *error = tr("Fix the Headers tab first: %1").arg(parsed.problems.constFirst().toString());
        return false;
    }
    request->headers = parsed.headers;
    request->timeoutMs = m_timeoutMs;
    request->trustedCertificates = env.trustedCertificates;
    QString caError;
    const std::optional<QList<QSslCertificate>> authorities =
        TrustStore::loadPemFiles(env.caCertificateFiles, &caError);
    if (!authorities) {
        *error = tr("The environment's CA certificates: %1").arg(caError);
        return false;
    }
    request->caCertificates = *authorities;
    return true;
}

QString RequestDraft::curlCommandLine(CurlCommand::Secret secret, QString* error) const
{
    ApiRequest request;
    QString why;
    if (!toRequest(&request, &why)) {
        if (error)
            *error = why;
        return QString();
    }
    const QString line = CurlCommand::fromRequest(request).toCommandLine(secret);
    // The redacted line masks the URL's secretKey; the secret typed anywhere else goes too.
    return secret == CurlCommand::Secret::Redacted ? Redactor::redactSecret(line, m_secretKey) : line;
}

QString RequestDraft::withoutSecret(const QString& text) const
{
    return Redactor::redactSecret(Redactor::redactText(text), m_secretKey);
}

// --- drafts, files -----------------------------------------------------------------------------

ComposerDraft RequestDraft::toDraft() const
{
    ComposerDraft draft;
    draft.method = m_method;
    // A secretKey typed into the params (legacy `header` habit) must not reach the settings file.
    draft.params = withoutSecret(m_params);
    draft.requestId = m_requestId;
    draft.headers = withoutSecret(m_headers);
    draft.rawBody = withoutSecret(m_rawBody);
    draft.rawBodyEnabled = m_rawBodyEnabled;
    draft.environmentId = m_environmentId;
    draft.accountId = m_accountId;
    draft.timeoutMs = m_timeoutMs;
    draft.saved = true;
    return draft;
}

void RequestDraft::restoreRequest(const ComposerDraft& draft)
{
    const bool restoring = m_restoring;
    m_restoring = true;
    setTimeoutMs(draft.timeoutMs);
    if (draft.saved) {
        setMethod(draft.method, Params::Keep);
        setParamsText(draft.params);
        // Whether these params are the method's untouched template matters only on the next
        // method change.
        m_restoredTemplateMethod = draft.method;
        // A restored id counts as chosen: the user may be reproducing a call with it.
        setRequestId(draft.requestId);
        setHeadersText(draft.headers);
        setRawBody(draft.rawBody, draft.rawBodyEnabled);
    } else {
        // First start: a complete, sendable example rather than an empty form.
        const auto& methods = MethodCatalog::builtin().methods();
        if (!methods.empty())
            setMethod(methods.front().name);
        regenerateRequestId();
    }
    m_restoring = restoring;
}

RequestDraft::Snapshot RequestDraft::snapshot() const
{
    Snapshot snapshot;
    snapshot.fields = toDraft();
    snapshot.fields.params = m_params;
    snapshot.fields.headers = m_headers;
    snapshot.fields.rawBody = m_rawBody;
    snapshot.extraMembers = m_extraMembers;
    snapshot.secretKey = m_secretKey;
    snapshot.requestIdChosen = m_requestIdChosen;
    return snapshot;
}

void RequestDraft::restoreSnapshot(const Snapshot& snapshot)
{
    restoreRequest(snapshot.fields);
    if (snapshot.extraMembers != m_extraMembers) {
        m_extraMembers = snapshot.extraMembers;
        touch();
    }
    if (!snapshot.requestIdChosen)
        regenerateRequestId();
}

void RequestDraft::setDraftSettings(QSettings* settings)
{
    m_settings = settings;
}

void RequestDraft::flushDraft()
{
    m_draftTimer.stop();
    if (!m_settings)
        return;
    toDraft().save(*m_settings);
    m_settings->sync();
}

bool RequestDraft::loadBody(const std::optional<RequestEnvelope>& envelope, const QByteArray& body)
{
    if (!envelope) {
        setRawBody(QString::fromUtf8(body), true);
        return false;
    }
    setMethod(envelope->method(), Params::Keep); // the loaded params win
    setParamsText(envelope->hasParams() ? JsonText::valueText(envelope->params(), true) : QString());
    m_lastTemplate.clear();
    m_restoredTemplateMethod.clear();
    setRequestId(envelope->idText());
    QJsonObject extra = envelope->object();
    for (const char* member : {"method", "params", "id"})
        extra.remove(QLatin1String(member));
    if (extra != m_extraMembers) {
        m_extraMembers = extra;
        touch();
    }
    setRawBody(m_rawBody, false);
    return true;
}

RequestFile RequestDraft::toRequestFile(QStringList* warnings) const
{
    RequestFile file;
    // secretKey members and parameters are RequestFile's to strip (it says so); the secret typed
    // anywhere else in the body (a note, a raw body) is masked here, as in drafts.
    const QString body = QString::fromUtf8(this->body());
    const QString stripped = Redactor::redactText(body);
    if (warnings && Redactor::redactSecret(stripped, m_secretKey) != stripped)
        *warnings << tr("The secret key typed into the request was written as %1: secrets are kept in the keychain "
                        "only.")
                         .arg(Redactor::mask());
    file.body = Redactor::redactSecret(body, m_secretKey).toUtf8();
    file.environment = environment().name;
    file.accountId = m_accountId;
    const HeaderLines::Result parsed = headers();
    file.headers = parsed.headers;
    if (warnings) {
        for (const HeaderLines::Problem& problem : parsed.problems)
            *warnings << tr("Headers %1 (not saved).").arg(problem.toString());
    }
    return file;
}

std::optional<RequestDraft::CurlImport> RequestDraft::importCurl(const QString& commandLine, QString* error)
{
    CurlCommand::ParseError parseError;
    CurlCommand::Options options;
    options.allowFiles = false; // a pasted command must not make the app read local files
    const auto command = CurlCommand::parse(commandLine, &parseError, options);
    if (!command) {
        *error = tr("Not a usable cURL command: %1").arg(parseError.toString());
        return std::nullopt;
    }
    CurlImport imported;
    imported.notes = command->warnings;
    const ApiRequest request = command->toRequest(&imported.notes);
    // A body that is not an envelope (form data, text) goes to the raw body as is.
    auto envelope = RequestEnvelope::parse(request.body);
    // A secret in the body (legacy `header`) goes to the secret field, never into the params.
    const std::optional<QString> bodySecret = envelope ? envelope->takeSecrets() : std::nullopt;
    imported.accountId = request.accountId;
    imported.secretKey = request.secretKey.isEmpty() && bodySecret ? *bodySecret : request.secretKey;
    const QUrl endpoint = command->endpoint();
    const QList<Environment> list = m_environments.environments();
    for (const Environment& env : list) {
        if (sameEndpoint(m_environments.endpoint(env), endpoint)) {
            imported.environment = env;
            break;
        }
    }
    if (!imported.environment) {
        imported.notes << tr("No environment has the endpoint %1; the request stays on %2 (add it under Manage…).")
                              .arg(Redactor::redactUrl(endpoint), environment().name);
    }
    // Headers the client sends anyway are left out; the others go to the Headers tab, where a
    // problem (a credential, the secret in a value) is shown rather than silently dropped.
    QList<ApiRequest::Header> headers;
    for (const ApiRequest::Header& header : request.headers) {
        if (!HeaderLines::isDefault(header))
            headers << header;
    }
    setHeadersText(HeaderLines::format(headers));
    // Checked again with the secret once the caller has put it in place.
    const QStringList problems = problemTexts(HeaderLines::parse(m_headers, imported.secretKey));
    if (!problems.isEmpty())
        imported.notes << tr("Check the Headers tab: %1.").arg(problems.join(QStringLiteral("; ")));
    if (!loadBody(envelope, request.body))
        imported.notes << tr("The body is not a JSON-RPC envelope: it is in the Raw body tab and is sent as is.");
    return imported;
}

// --- live lint ---------------------------------------------------------------------------------

void RequestDraft::lintNow()
{
    runLint();
}

bool RequestDraft::isLintCurrent() const
{
    if (m_lintPaused)
        return false;
    return m_lintedText == (m_rawBodyEnabled ? m_rawBody : envelopeText(true));
}

void RequestDraft::runLint()
{
    m_lintTimer.stop();
    int paramsOffset = -1;
    // A raw body is checked as it is sent (the linter predicts 101 for form data).
    const QString text = m_rawBodyEnabled ? m_rawBody : envelopeText(true, &paramsOffset);
    m_lintPaused = text.size() > kMaxLiveLintChars;
    if (m_lintPaused) {
        m_findings.clear();
        m_lintedText.clear();
        m_lintParamsOffset = -1;
    } else {
        LintContext context = LintContext::forEnvironment(environment(), !m_secretKey.isEmpty());
        // The account used is the composer's, which may differ from the environment's default.
        context.hasAccountId = !m_accountId.isEmpty();
        if (m_lintWatcher.isRunning())
            return; // onThreadedLintFinished() lints the text as it is then
        if (text.size() > kThreadedLintChars) {
            m_lintWatcher.setFuture(QtConcurrent::run([text, paramsOffset, context] {
                return ThreadedLint{RequestLinter().lint(text, context), text, paramsOffset};
            }));
            return;
        }
        m_findings = RequestLinter().lint(text, context);
        m_lintedText = text;
        m_lintParamsOffset = paramsOffset;
    }
    emit linted();
}

void RequestDraft::onThreadedLintFinished()
{
    ThreadedLint result = m_lintWatcher.result();
    const QString current = m_rawBodyEnabled ? m_rawBody : envelopeText(true);
    if (result.text != current) {
        // Edited during the run: these offsets are stale. Lint what is there now.
        runLint();
        return;
    }
    m_findings = std::move(result.findings);
    m_lintedText = std::move(result.text);
    m_lintParamsOffset = result.paramsOffset;
    emit linted();
}

int RequestDraft::paramsPosition(const LintFinding& finding) const
{
    const int start = finding.offset - m_lintParamsOffset;
    if (m_lintParamsOffset < 0 || finding.offset < 0 || start < 0 || start > m_params.size())
        return -1;
    return start;
}

bool RequestDraft::applyLintFix(int index)
{
    if (index < 0 || index >= m_findings.size() || !m_findings.at(index).quickFix)
        return false;
    if (!isLintCurrent()) {
        // The request changed since the findings were computed: their offsets are stale.
        runLint();
        return false;
    }
    const QString text = m_lintedText;
    const int paramsOffset = m_lintParamsOffset;
    // From the list, not from the copy below: reading the copy's optional makes GCC 12 warn that it
    // may be uninitialized (-Werror), although it was checked above.
    QList<LintTextEdit> edits = m_findings.at(index).quickFix->edits;
    const LintFinding finding = m_findings.at(index);
    if (m_rawBodyEnabled) {
        // A raw body is sent as typed: the fix (e.g. the decoded envelope of a body encoded twice)
        // goes into the raw body itself.
        const QString fixed = RequestLinter::applyFix(text, finding);
        if (fixed == text)
            return false;
        setRawBody(fixed, true);
        runLint();
        return true;
    }
    bool inParams = paramsOffset >= 0;
    for (const LintTextEdit& edit : std::as_const(edits)) {
        if (edit.offset < paramsOffset || edit.offset + edit.length > paramsOffset + m_params.size())
            inParams = false;
    }
    if (inParams) {
        // Edits inside the params keep the params' formatting (the editor takes them as one step).
        const bool wasFormatted = JsonText::check(m_params).ok && JsonText::indented(m_params) == m_params;
        std::sort(edits.begin(), edits.end(),
                  [](const LintTextEdit& a, const LintTextEdit& b) { return a.offset > b.offset; });
        QString fixed = m_params;
        for (const LintTextEdit& edit : std::as_const(edits))
            fixed.replace(edit.offset - paramsOffset, edit.length, edit.text);
        if (wasFormatted && JsonText::check(fixed).ok)
            fixed = JsonText::indented(fixed);
        setParamsText(fixed);
    } else {
        // A fix of the envelope itself (method name, id, a missing params member): apply it to
        // the whole text and take each part back into its field.
        const QString fixed = RequestLinter::applyFix(text, finding);
        const JsonSourceScanner::Result scanned = JsonSourceScanner::scan(fixed);
        if (fixed == text || !scanned.ok || !scanned.root.isObject())
            return false;
        if (const JsonSourceNode* method = scanned.root.member(QStringLiteral("method"));
            method && method->kind == JsonSourceNode::Kind::String)
            setMethod(method->scalar.toString(), Params::Keep); // a corrected name keeps the params
        if (const JsonSourceNode* id = scanned.root.member(QStringLiteral("id"))) {
            const QString value = id->kind == JsonSourceNode::Kind::String ? id->scalar.toString()
                                                                           : fixed.mid(id->start, id->end - id->start);
            if (value != m_requestId)
                setRequestId(value);
        }
        if (const JsonSourceNode* node = scanned.root.member(QStringLiteral("params"))) {
            const QString slice = fixed.mid(node->start, node->end - node->start);
            if (JsonText::compact(slice) != JsonText::compact(m_params))
                setParamsText(JsonText::check(slice).ok ? JsonText::indented(slice) : slice);
        }
    }
    runLint();
    return true;
}
