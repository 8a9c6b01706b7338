#pragma once

#include "ApiRequest.h"
#include "CallCapture.h"
#include "ComposerDraft.h"
#include "Environment.h"
#include "FinishedCall.h"
#include "JsonText.h"
#include "RequestDraft.h"
#include "RequestEnvelope.h"
#include "RequestLinter.h"
#include "Tone.h"

#include <QByteArray>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class ComposerResponsePage;
class ComposerWidget;
} // namespace Ui
class CredentialsBar;
class EnvironmentStore;
class InspectorSession;
class JsonHighlighter;
class LintPanel;
class MethodPicker;
class ParamsEditor;
class Prompter;
class RequestFile;
class QAction;
class QSettings;
class SecretStore;
class SendBar;
class SimulatorProvider;
struct Scenario;

// The request composer, a view of a RequestDraft (the request, its bytes, drafts, files, cURL
// and live lint, in core): CredentialsBar (environment, account and secret), a method picker
// that knows methods.json, ParamsEditor (method field, params, headers, raw body, lint fixes),
// request id, a preview of the exact body and of the URL with `secretKey=•••`, and SendBar (Send
// with Ctrl+Enter, Cancel with Esc, the result line of the analysed call).
//
// The secret key lives only in the secret field and the SecretStore (keychain when "Remember" is
// ticked, otherwise this session); everything else the user typed is kept as a draft in QSettings
// on every edit, so nothing is lost on a failed send or a restart.
class ComposerWidget : public QWidget
{
    Q_OBJECT

public:
    // settings: drafts and recent accounts (nullptr: the application's QSettings()).
    // simulator: without one the Simulator environment says it is not available. The provider
    // also becomes the store's simulator resolver, so it must outlive the EnvironmentStore's use.
    // (A constructor argument, not a setter: the draft restored here depends on it.)
    ComposerWidget(EnvironmentStore& environments, SecretStore& secrets, QSettings* settings = nullptr,
                   SimulatorProvider* simulator = nullptr, QWidget* parent = nullptr);
    ~ComposerWidget() override;

    // Seam: without a prompter the real dialogs are used.
    void setPrompter(Prompter* prompter);

    // Actions for menus and toolbars (also shown as buttons in the composer).
    QAction* sendAction() const { return m_sendAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    QAction* openAction() const { return m_openAction; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* copyCurlAction() const { return m_copyCurlAction; }
    QAction* copyCurlWithSecretAction() const { return m_copyCurlSecretAction; }
    QAction* importCurlAction() const { return m_importCurlAction; }
    QAction* insertTemplateAction() const;
    QAction* formatAction() const;
    QAction* manageEnvironmentsAction() const { return m_manageEnvironmentsAction; }
    // Shows or hides the method list (checkable). Until the user chooses, the list hides itself
    // when the composer is narrow (a side-by-side window on a laptop screen) and the method
    // field's completer does the picking.
    QAction* methodListAction() const { return m_methodListAction; }
    bool isMethodListVisible() const;
    // The quick Response tab next to the request body (default on). The main window turns it off:
    // its inspector shows every call next to the composer.
    void setResponsePreviewShown(bool shown);
    // Big responses are analysed in the inspector's session, so the inspector shows them as they
    // are indexed and Cancel (Esc) stops that analysis; their FinishedCall is marked `inspected`.
    void setInspectorSession(InspectorSession* session);

    // State, for the main window and tests.
    QString method() const { return m_draft.method(); }
    QString paramsText() const { return m_draft.paramsText(); }
    QString requestId() const { return m_draft.requestId(); }
    QString accountId() const { return m_draft.accountId(); }
    Environment environment() const { return m_draft.environment(); }
    // The body exactly as Send would POST it (method, params as typed, id; absent parts left out),
    // or the raw body text when "send raw body" is on.
    QByteArray body() const { return m_draft.body(); }
    // Extra request headers (Headers tab): the text as typed, and the valid headers in it.
    QString headersText() const { return m_draft.headersText(); }
    QList<ApiRequest::Header> extraHeaders() const { return m_draft.extraHeaders(); }
    // Problems of the Headers text ("line 2: ..."); Send refuses to go while there are any.
    QStringList headerProblems() const { return m_draft.headerProblems(); }
    // The Raw body tab: text sent as is instead of the envelope (to reproduce 101).
    bool isRawBodyEnabled() const { return m_draft.isRawBodyEnabled(); }
    QString rawBodyText() const { return m_draft.rawBodyText(); }
    // The URL Send would use, secret masked; empty when the endpoint is unknown.
    QString displayUrl() const { return m_draft.displayUrl(); }
    // The first syntax error of the params text (ok for valid JSON and for an empty editor).
    JsonText::Syntax paramsSyntax() const;
    bool isSending() const;
    ComposerDraft draft() const { return m_draft.toDraft(); }
    // The request itself, without widgets.
    RequestDraft& request() { return m_draft; }
    // The live lint: findings for the current request (after the debounce) and its panel.
    const QList<LintFinding>& lintFindings() const { return m_draft.lintFindings(); }
    LintPanel* lintPanel() const;
    // Runs the debounced checks now (tests, and before a send).
    void checkNow();
    // Applies finding `index`'s quick fix; false when it has none or the text changed meanwhile.
    bool applyLintFix(int index) { return m_draft.applyLintFix(index); }

    // Programmatic edits (menus, tests, files): same effects as the user doing them.
    void setMethod(const QString& name) { m_draft.setMethod(name); }
    void setParamsText(const QString& text) { m_draft.setParamsText(text); }
    void setRequestId(const QString& id) { m_draft.setRequestId(id); }
    bool selectEnvironment(const QString& id);
    void setAccountId(const QString& accountId);
    void setSecretKey(const QString& secret);
    void setHeadersText(const QString& text) { m_draft.setHeadersText(text); }
    void setRawBody(const QString& text, bool enabled) { m_draft.setRawBody(text, enabled); }

    // Loads a simulator scenario (ScenarioCatalog) as the user would type it: Simulator
    // environment, the scenario's account and secret (left out when it leaves them out), method,
    // params, id, other members, extra headers, or a raw body. A note above the editor says what
    // it reproduces. False with a message when there is no Simulator environment.
    bool loadScenario(const Scenario& scenario, QString* error = nullptr);
    // The request as it stands (secret included, in memory), and putting it back: a reproduced
    // scenario's call must leave nothing behind (fault header, demo credentials, a pinned id).
    RequestDraft::Snapshot snapshot() const { return m_draft.snapshot(); }
    void restoreSnapshot(const RequestDraft::Snapshot& snapshot);
    // The call Send would make now (starts the simulator if needed). False with the reason the
    // result line would show (no endpoint, header problems, ...).
    bool currentRequest(ApiRequest* request, QString* error);

    // Saves the draft now (the debounced save would do it a moment later).
    void flushDraft() { m_draft.flushDraft(); }

    // Loads a request file or a cURL command line into the composer. False with a message that
    // says exactly what is wrong (also shown in the result line).
    bool openRequestFile(const QString& path, QString* error = nullptr);
    bool saveRequestFile(const QString& path, QString* error = nullptr);
    // Loads a request (a file's, or one from the history) like openRequestFile; `what` is the
    // message shown, with the warnings after it.
    void loadRequest(const RequestFile& file, const QString& what, QStringList warnings = {});
    bool importCurl(const QString& commandLine, QString* error = nullptr);
    // The cURL command line of the current request; the secret only with Secret::Included.
    QString curlCommandLine(bool includeSecret) const;

public slots:
    void send();
    void cancel();
    void insertTemplate();
    void formatParams();
    void regenerateRequestId() { m_draft.regenerateRequestId(); }
    void manageEnvironments();
    void openRequestInteractive();
    void saveRequestInteractive();
    void copyCurl() { copyCurlLine(false); }
    void copyCurlWithSecret() { copyCurlLine(true); }
    void importCurlInteractive();

signals:
    // A call ended (success or failure at any layer) and its response was analysed, once:
    // callAnalysed carries that analysis (the inspector shows it as is), then callFinished the
    // capture alone.
    void callAnalysed(const FinishedCall& call);
    void callFinished(const CallCapture& capture);
    void callStarted(const QString& displayUrl);
    // The user clicked "Inspect" on the result line: show the last call in the inspector.
    void inspectRequested();
    // Short notes for the status bar (file saved, copied, ...).
    void statusMessage(const QString& message, int timeoutMs);
    // The simulator was started on first use.
    void simulatorStarted(const QUrl& endpoint);
    // The environment or the account ID changed (status bars).
    void connectionChanged();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void createActions();
    Ui::ComposerResponsePage& responsePage();
    void restoreDraft();
    void fitMethodList();
    // Shows or hides the method list; the list itself is built the first time it is shown.
    void setMethodListShown(bool shown);
    void restoreLayout();
    void saveLayout() const;
    void updatePreview();
    void updateActions();
    bool startSimulatorIfNeeded(QString* error);
    bool prepareRequest(ApiRequest* request, QString* error);
    bool confirmMutating();
    void onCallAnalysed(const FinishedCall& call);
    void showResult(const QString& html, const QString& toolTip = QString());
    void showError(const QString& text);
    QString tinted(const QString& html, Tone::Kind kind) const;
    // Loads a body (file, cURL, scenario) and shows the tab it went to. False for a raw body.
    bool loadBody(const std::optional<RequestEnvelope>& envelope, const QByteArray& body);
    // The cURL line, starting the simulator if the request goes to it; empty with *error if none.
    QString curlLine(bool includeSecret, QString* error);
    void copyCurlLine(bool includeSecret);
    QString requestDirectory() const;
    // Recent files and the last folder (RecentFiles), for every file dialog.
    static void rememberFile(const QString& path);
    Prompter& prompter();

    std::unique_ptr<Ui::ComposerWidget> m_ui;
    std::unique_ptr<Ui::ComposerResponsePage> m_responseUi;
    EnvironmentStore& m_environments;
    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings* m_settings = nullptr;
    RequestDraft m_draft;
    CredentialsBar* m_credentials = nullptr;
    ParamsEditor* m_editor = nullptr;
    SendBar* m_sendBar = nullptr;
    std::unique_ptr<Prompter> m_defaultPrompter;
    Prompter* m_prompter = nullptr;
    SimulatorProvider* m_simulator = nullptr;
    MethodPicker* m_picker = nullptr;
    JsonHighlighter* m_envelopeHighlighter = nullptr;
    JsonHighlighter* m_responseHighlighter = nullptr;

    QAction* m_sendAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_copyCurlAction = nullptr;
    QAction* m_copyCurlSecretAction = nullptr;
    QAction* m_importCurlAction = nullptr;
    QAction* m_manageEnvironmentsAction = nullptr;
    QAction* m_methodListAction = nullptr;
    // Whether the user showed or hid the method list; otherwise it follows the width.
    bool m_methodListChosen = false;
    bool m_responsePreview = true;
    // False while the constructor runs: the preview is built once at its end, not per step.
    bool m_constructed = false;
    QTimer m_previewTimer;
    QString m_lastFile; // last request file opened or saved, to suggest a location
};
