#pragma once

#include "ApiRequest.h"
#include "ComposerDraft.h"
#include "CurlCommand.h"
#include "Environment.h"
#include "HeaderLines.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"
#include "RequestLinter.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <optional>

class EnvironmentStore;
class QSettings;
struct MethodSpec;

// The request the composer edits, without a widget (docs/HACKING.md, "Composer UI"): method,
// params as typed, id, extra headers, raw body, environment and account; the exact bytes and URL
// a call sends; drafts, request files and cURL; the live lint (debounced, latest result kept).
//
// The secret key is held for the call being prepared only (the credentials field sets it): it
// is never part of a ComposerDraft, a request file or a redacted cURL line, and text saved from
// here has it masked. Where it is kept between runs is SecretStore's business.
class RequestDraft : public QObject
{
    Q_OBJECT

public:
    static constexpr int kLintDelayMs = 300;
    static constexpr int kDraftDelayMs = 400;
    // Live lint re-reads the whole request on every pause in typing; above this it would make
    // typing sluggish, and such bodies are better checked with `leadgen-diag lint`.
    static constexpr int kMaxLiveLintChars = 2 * 1024 * 1024;

    enum class Params
    {
        ReplaceUntouched, // a new method brings its template when the params are empty or a template
        Keep,             // loaded or corrected: the params stay as they are
    };

    explicit RequestDraft(const EnvironmentStore& environments, QObject* parent = nullptr);
    ~RequestDraft() override;

    // --- fields --------------------------------------------------------------------------------
    QString method() const { return m_method; }
    void setMethod(const QString& name, Params params = Params::ReplaceUntouched);
    const MethodSpec* methodSpec() const;
    // Replaces the params with the method's template; false without a catalogued method.
    bool insertTemplate();
    QString paramsText() const { return m_params; }
    void setParamsText(const QString& text);
    QString requestId() const { return m_requestId; }
    // An id set here counts as chosen: it is kept for the next call.
    void setRequestId(const QString& id);
    void regenerateRequestId();
    bool isRequestIdChosen() const { return m_requestIdChosen; }
    // After a call: a fresh id unless the user chose this one.
    void advanceRequestId();
    QString headersText() const { return m_headers; }
    void setHeadersText(const QString& text);
    bool isRawBodyEnabled() const { return m_rawBodyEnabled; }
    QString rawBodyText() const { return m_rawBody; }
    void setRawBody(const QString& text, bool enabled);
    // Members of a loaded envelope other than method/params/id (secrets removed), kept so a
    // request file or a cURL import round-trips.
    QJsonObject extraMembers() const { return m_extraMembers; }
    QString environmentId() const { return m_environmentId; }
    void setEnvironmentId(const QString& id);
    Environment environment() const;
    QString accountId() const { return m_accountId; }
    void setAccountId(const QString& accountId);
    // In memory only, for the call being prepared (see the class comment).
    QString secretKey() const { return m_secretKey; }
    void setSecretKey(const QString& secret);
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);

    // --- what is sent --------------------------------------------------------------------------
    // The envelope as text. verbatimParams: the params exactly as typed (for the linter, whose
    // offsets then map to the editor at *paramsOffset; -1 = no params member); otherwise
    // compacted when valid (what is sent). Missing method/params/id are left out, not sent empty.
    QString envelopeText(bool verbatimParams = false, int* paramsOffset = nullptr) const;
    // The body exactly as sent: the envelope, or the raw body text when that is enabled.
    QByteArray body() const;
    HeaderLines::Result headers() const;
    QList<ApiRequest::Header> extraHeaders() const { return headers().headers; }
    QStringList headerProblems() const;
    QUrl endpoint() const;
    // The URL a call would use with `secretKey=•••`; empty when the endpoint is unknown.
    QString displayUrl() const;
    // The call as sent (endpoint, credentials, body, headers, timeout, trusted certificates).
    // False with the reason when there is no endpoint or the headers have problems.
    bool toRequest(ApiRequest* request, QString* error) const;
    // The cURL command line; the secret (wherever it was typed) only with Secret::Included.
    // Empty with *error if none.
    QString curlCommandLine(CurlCommand::Secret secret, QString* error = nullptr) const;
    // Text for drafts and files: secretKey look-alikes and the current secret masked.
    QString withoutSecret(const QString& text) const;

    // The request as it stands, the secret included, in memory only: a reproduced scenario
    // borrows the composer for one call and then puts this back (nothing left behind: no fault
    // header, no demo credentials, no id pinned that the user had not chosen).
    struct Snapshot
    {
        ComposerDraft fields; // unmasked: never saved as such
        QJsonObject extraMembers;
        QString secretKey;
        bool requestIdChosen = false;
    };
    Snapshot snapshot() const;
    // The request fields of a snapshot (environment, account and secret are the credentials'
    // business); an id the user had not chosen is replaced by a fresh one.
    void restoreSnapshot(const Snapshot& snapshot);

    // --- drafts, files, cURL -------------------------------------------------------------------
    ComposerDraft toDraft() const;
    // Takes the draft's request fields (method, params, id, headers, raw body, timeout); the
    // environment and account are the credentials' business (they look up secrets).
    void restoreRequest(const ComposerDraft& draft);
    // Saves the draft kDraftDelayMs after every change, and on flushDraft().
    void setDraftSettings(QSettings* settings);
    void flushDraft();
    // Loads a body from a file, cURL or a scenario: an envelope into method/params/id (and the
    // other members), anything else into the raw body. False for a raw body.
    bool loadBody(const std::optional<RequestEnvelope>& envelope, const QByteArray& body);
    // Never with the secret; *warnings says what was left out or masked.
    RequestFile toRequestFile(QStringList* warnings = nullptr) const;
    // The credentials and endpoint of an imported cURL command; its headers and body are loaded.
    struct CurlImport
    {
        std::optional<Environment> environment; // the one whose endpoint the command calls
        QString accountId;
        QString secretKey; // from the query, or a legacy `header` in the body (never the params)
        QStringList notes; // what the user should know (unmatched endpoint, raw body, ...)
    };
    // Loads a cURL command line's headers and body. Nothing changes when it cannot be parsed.
    std::optional<CurlImport> importCurl(const QString& commandLine, QString* error);

    // --- live lint -----------------------------------------------------------------------------
    // Every change restarts the debounce; lintNow() runs at once (before a send, in tests).
    // Requests up to kThreadedLintChars are linted in place (well under a frame, so the findings
    // are there when lintNow() returns); bigger ones on a worker thread, one run at a time: a
    // change during a run lints the latest text when it ends, and a stale result is dropped.
    void lintNow();
    static constexpr int kThreadedLintChars = 64 * 1024;
    bool isLintRunning() const { return m_lintWatcher.isRunning(); }
    const QList<LintFinding>& lintFindings() const { return m_findings; }
    // The text the findings refer to, and where the params start in it (-1: not there).
    QString lintedText() const { return m_lintedText; }
    int lintParamsOffset() const { return m_lintParamsOffset; }
    // Whether the findings are for the request as it is now (offsets still valid).
    bool isLintCurrent() const;
    bool isLintPaused() const { return m_lintPaused; }
    // Applies finding `index`'s quick fix; false when it has none or the request changed since
    // the lint (the lint then runs again).
    bool applyLintFix(int index);
    // A finding's start in the params text, or -1 when it is not inside them.
    int paramsPosition(const LintFinding& finding) const;

signals:
    void methodChanged(const QString& method);
    void paramsChanged(const QString& text);
    void requestIdChanged(const QString& id);
    void headersChanged(const QString& text);
    void rawBodyChanged();
    // Environment, account or secret.
    void connectionChanged();
    // Any of the above, and the timeout: the bytes or the URL may differ.
    void changed();
    void linted();

private:
    void touch();
    void runLint();
    void onThreadedLintFinished();

    const EnvironmentStore& m_environments;
    QString m_method;
    QString m_params;
    QString m_requestId;
    bool m_requestIdChosen = false;
    QString m_headers;
    QString m_rawBody;
    bool m_rawBodyEnabled = false;
    QJsonObject m_extraMembers;
    QString m_environmentId;
    QString m_accountId;
    QString m_secretKey;
    int m_timeoutMs = ComposerDraft::kDefaultTimeoutMs;
    QString m_lastTemplate;           // the template text last inserted automatically
    QString m_restoredTemplateMethod; // restored params not yet compared with this method's template

    QTimer m_lintTimer;
    QList<LintFinding> m_findings;
    QString m_lintedText;
    int m_lintParamsOffset = -1;
    bool m_lintPaused = false;
    struct ThreadedLint
    {
        QList<LintFinding> findings;
        QString text;
        int paramsOffset = -1;
    };
    QFutureWatcher<ThreadedLint> m_lintWatcher;

    QTimer m_draftTimer;
    QSettings* m_settings = nullptr;
    bool m_restoring = false;
};
