#include "ComposerWidget.h"

#include "AppSettings.h"
#include "CredentialsBar.h"
#include "EnvironmentDialog.h"
#include "EnvironmentStore.h"
#include "HeaderLines.h"
#include "JsonHighlighter.h"
#include "LazyPage.h"
#include "LintPanel.h"
#include "MethodCatalog.h"
#include "MethodPicker.h"
#include "ParamsEditor.h"
#include "Prompter.h"
#include "RecentFiles.h"
#include "Redactor.h"
#include "RequestFile.h"
#include "ScenarioCatalog.h"
#include "SendBar.h"
#include "SimulatorProvider.h"
#include "ui_ComposerResponsePage.h"
#include "ui_ComposerWidget.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QMenu>
#include <QMetaMethod>
#include <QSettings>
#include <QStandardPaths>

namespace {
constexpr int kPreviewDelayMs = 150;
// The response pane is a quick look; the inspector shows everything.
constexpr qint64 kMaxResponsePreview = 2 * 1024 * 1024;

} // namespace

ComposerWidget::ComposerWidget(EnvironmentStore& environments, SecretStore& secrets, QSettings* settings,
                               SimulatorProvider* simulator, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ComposerWidget>())
    , m_environments(environments)
    , m_draft(environments)
    , m_simulator(simulator)
{
    m_ui->setupUi(this);
    m_credentials = m_ui->credentialsBar;
    m_editor = m_ui->paramsEditor;
    m_sendBar = m_ui->sendBar;
    if (!settings) {
        m_ownedSettings = std::make_unique<QSettings>();
        settings = m_ownedSettings.get();
    }
    m_settings = settings;
    // The Simulator environment's URL is known only while it runs; the store asks the provider.
    if (m_simulator)
        m_environments.setSimulatorResolver([simulator](ApiVersion version) { return simulator->endpoint(version); });

    // Hidden until fitMethodList finds room for it (a composer beside the inspector on a
    // 1366-pixel screen has none): it is then built on first show, not at startup.
    m_ui->methodPanel->hide();
    m_ui->composerSplitter->setStretchFactor(0, 0);
    m_ui->composerSplitter->setStretchFactor(1, 1);
    m_ui->composerSplitter->setSizes({250, 950});
    m_ui->editorSplitter->setStretchFactor(0, 1);
    m_ui->editorSplitter->setStretchFactor(1, 1);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->envelopePreview->setFont(fixed);
    m_ui->urlPreview->setFont(fixed);
    m_ui->headersPreview->setFont(fixed);
    m_ui->headersPreviewLabel->hide();
    m_ui->headersPreview->hide();
    connect(m_ui->previewTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->previewTabs->currentWidget() == m_ui->responseTab)
            responsePage();
    });
    m_envelopeHighlighter = new JsonHighlighter(m_ui->envelopePreview->document());
    m_envelopeHighlighter->setPalette(palette());
    m_ui->envelopePreview->setPlaceholderText(tr("The request body appears here as it will be sent."));

    m_credentials->setup(m_environments, secrets, *m_settings, m_simulator, m_draft);
    m_editor->setup(m_draft, this, m_ui->methodEdit, m_ui->methodBadges, m_ui->methodSummary);
    createActions();

    connect(m_credentials, &CredentialsBar::manageRequested, this, &ComposerWidget::manageEnvironments);
    connect(m_credentials, &CredentialsBar::connectionChanged, this, &ComposerWidget::connectionChanged);
    connect(m_credentials, &CredentialsBar::simulatorStarted, this, &ComposerWidget::simulatorStarted);
    connect(m_credentials, &CredentialsBar::simulatorFailed, this,
            [this](const QString& error) { showError(tr("The simulator did not start: %1").arg(error)); });
    connect(m_editor, &ParamsEditor::message, this, [this](const QString& html) { showResult(html); });

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &ComposerWidget::updatePreview);
    connect(&m_draft, &RequestDraft::changed, &m_previewTimer, qOverload<>(&QTimer::start));
    connect(&m_draft, &RequestDraft::methodChanged, this, [this](const QString& method) {
        if (m_picker)
            m_picker->setCurrentMethod(method);
    });
    connect(&m_draft, &RequestDraft::requestIdChanged, this, [this](const QString& id) {
        if (m_ui->requestIdEdit->text() != id)
            m_ui->requestIdEdit->setText(id);
    });
    connect(m_ui->requestIdEdit, &QLineEdit::textEdited, &m_draft, &RequestDraft::setRequestId);
    connect(m_ui->regenerateIdButton, &QToolButton::clicked, this, &ComposerWidget::regenerateRequestId);
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this,
            [this](int seconds) { m_draft.setTimeoutMs(seconds * 1000); });

    connect(m_sendBar, &SendBar::sendClicked, this, &ComposerWidget::send);
    connect(m_sendBar, &SendBar::cancelClicked, this, &ComposerWidget::cancel);
    connect(m_sendBar, &SendBar::inspectClicked, this, &ComposerWidget::inspectRequested);
    connect(m_sendBar, &SendBar::started, this, &ComposerWidget::callStarted);
    connect(m_sendBar, &SendBar::finished, this, &ComposerWidget::onCallAnalysed);
    connect(m_sendBar, &SendBar::runningChanged, this, &ComposerWidget::updateActions);

    restoreDraft();
    restoreLayout();
    m_constructed = true;
    updatePreview();
}

ComposerWidget::~ComposerWidget()
{
    // Whatever was typed since the last debounced save survives closing the window; a secret
    // being typed goes to the session (memory, or the keychain when remembered) as on focus out.
    flushDraft();
    m_credentials->storeSecret();
    saveLayout();
    // QWidget's destructor still hides and unfocuses the children (the secret and method fields
    // then emit editingFinished): nothing may reach this half-destroyed object or its draft.
    m_credentials->detach();
    m_editor->detach();
    const QList<QObject*> children = findChildren<QObject*>();
    for (QObject* child : children)
        disconnect(child, nullptr, this, nullptr);
    disconnect(&m_draft, nullptr, nullptr, nullptr);
}

void ComposerWidget::createActions()
{
    const auto make = [this](const QString& objectName, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setToolTip(tip);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_sendAction = make(QStringLiteral("actionSend"), tr("&Send"), tr("Send the request (Ctrl+Enter)"));
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_sendAction, &QAction::triggered, this, &ComposerWidget::send);

    m_cancelAction = make(QStringLiteral("actionCancel"), tr("&Cancel"), tr("Cancel the running call (Esc)"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_cancelAction, &QAction::triggered, this, &ComposerWidget::cancel);

    m_openAction = make(QStringLiteral("actionOpenRequest"), tr("&Open…"), tr("Open a saved request file"));
    connect(m_openAction, &QAction::triggered, this, &ComposerWidget::openRequestInteractive);
    m_saveAction = make(QStringLiteral("actionSaveRequest"), tr("Sa&ve…"),
                        tr("Save the request (envelope, environment name and account ID; never the secret key)"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &ComposerWidget::saveRequestInteractive);

    m_copyCurlAction = make(QStringLiteral("actionCopyCurl"), tr("Copy as c&URL"),
                            tr("Copy the request as a cURL command line, secret key masked (•••)"));
    m_copyCurlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyCurlAction, &QAction::triggered, this, &ComposerWidget::copyCurl);
    m_copyCurlSecretAction =
        make(QStringLiteral("actionCopyCurlWithSecret"), tr("Copy as cURL &with secret key"),
             tr("Copy the request as a cURL command line INCLUDING the secret key: paste it only where it is safe"));
    connect(m_copyCurlSecretAction, &QAction::triggered, this, &ComposerWidget::copyCurlWithSecret);
    m_importCurlAction = make(QStringLiteral("actionImportCurl"), tr("&Import cURL…"),
                              tr("Paste a cURL command line (as customers send them) into the composer"));
    connect(m_importCurlAction, &QAction::triggered, this, &ComposerWidget::importCurlInteractive);

    m_manageEnvironmentsAction =
        make(QStringLiteral("actionManageEnvironments"), tr("&Environments…"), tr("Add, edit or remove environments"));
    connect(m_manageEnvironmentsAction, &QAction::triggered, this, &ComposerWidget::manageEnvironments);

    m_methodListAction = new QAction(tr("&Method list"), this);
    m_methodListAction->setObjectName(QStringLiteral("actionMethodList"));
    m_methodListAction->setCheckable(true);
    m_methodListAction->setChecked(false); // as the list: hidden until there is room
    m_methodListAction->setToolTip(tr("Show or hide the list of methods (the Method field completes names too)"));
    connect(m_methodListAction, &QAction::triggered, this, [this](bool shown) {
        m_methodListChosen = true;
        setMethodListShown(shown);
    });
    // The button is shorter than the menu entry: a separate button kept in step with the action.
    m_ui->methodListButton->setCheckable(true);
    m_ui->methodListButton->setText(tr("Methods"));
    m_ui->methodListButton->setToolTip(m_methodListAction->toolTip());
    connect(m_ui->methodListButton, &QToolButton::clicked, m_methodListAction, &QAction::trigger);
    connect(m_methodListAction, &QAction::toggled, m_ui->methodListButton, &QToolButton::setChecked);

    m_ui->openRequestButton->setDefaultAction(m_openAction);
    m_ui->saveRequestButton->setDefaultAction(m_saveAction);
    auto* curlMenu = new QMenu(this);
    curlMenu->setObjectName(QStringLiteral("curlMenu"));
    curlMenu->addAction(m_copyCurlAction);
    curlMenu->addAction(m_copyCurlSecretAction);
    curlMenu->addSeparator();
    curlMenu->addAction(m_importCurlAction);
    m_ui->curlButton->setMenu(curlMenu);
    m_ui->curlButton->setDefaultAction(m_copyCurlAction);
    m_ui->curlButton->setText(tr("cURL"));
}

Prompter& ComposerWidget::prompter()
{
    if (m_prompter)
        return *m_prompter;
    if (!m_defaultPrompter)
        m_defaultPrompter = std::make_unique<DialogPrompter>();
    return *m_defaultPrompter;
}

void ComposerWidget::setPrompter(Prompter* prompter)
{
    m_prompter = prompter;
}

QString ComposerWidget::tinted(const QString& html, Tone::Kind kind) const
{
    return Tone::html(html, kind, palette());
}

void ComposerWidget::showResult(const QString& html, const QString& toolTip)
{
    m_sendBar->showResult(html, toolTip);
}

void ComposerWidget::showError(const QString& text)
{
    m_sendBar->showMessage(text, Tone::Kind::Error);
}

// ----------------------------------------------------------------------------------------------
// State: the draft's, for the main window and tests

QAction* ComposerWidget::insertTemplateAction() const
{
    return m_editor->insertTemplateAction();
}

QAction* ComposerWidget::formatAction() const
{
    return m_editor->formatAction();
}

// clang-format off
JsonText::Syntax ComposerWidget::paramsSyntax() const { return m_editor->syntax(); }
LintPanel* ComposerWidget::lintPanel() const { return m_editor->lintPanel(); }
bool ComposerWidget::isSending() const { return m_sendBar->isRunning(); }
bool ComposerWidget::selectEnvironment(const QString& id) { return m_credentials->selectEnvironment(id); }
void ComposerWidget::setAccountId(const QString& accountId) { m_credentials->setAccountId(accountId); }
void ComposerWidget::setSecretKey(const QString& secret) { m_credentials->setSecretKey(secret); }
void ComposerWidget::insertTemplate() { m_editor->insertTemplate(); }
void ComposerWidget::formatParams() { m_editor->formatParams(); }
// clang-format on

void ComposerWidget::checkNow()
{
    m_editor->validateNow();
    updatePreview();
    m_draft.lintNow();
}

// ----------------------------------------------------------------------------------------------
// Draft and preview

void ComposerWidget::restoreDraft()
{
    const ComposerDraft saved = ComposerDraft::load(*m_settings);
    Environment env = m_environments.current();
    if (!saved.environmentId.isEmpty()) {
        if (const auto stored = m_environments.byId(saved.environmentId))
            env = *stored;
    }
    {
        const QSignalBlocker blocker(m_ui->timeoutSpin);
        m_ui->timeoutSpin->setValue(saved.timeoutMs / 1000);
    }
    // A restored Simulator environment waits for the first call to start the simulator.
    m_credentials->applyEnvironment(env, saved.saved ? saved.accountId : QString(), false);
    m_draft.restoreRequest(saved);
    m_ui->requestIdEdit->setText(m_draft.requestId());
    m_editor->showRestoredParams();
    // From now on every change is saved (debounced).
    m_draft.setDraftSettings(m_settings);
}

Ui::ComposerResponsePage& ComposerWidget::responsePage()
{
    if (!m_responseUi) {
        m_responseUi = std::make_unique<Ui::ComposerResponsePage>();
        m_responseUi->setupUi(m_ui->responseTab);
        m_responseUi->responseView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_responseUi->responseView->setPlaceholderText(tr("No response yet: press Send (Ctrl+Enter)."));
        m_responseHighlighter = new JsonHighlighter(m_responseUi->responseView->document());
        m_responseHighlighter->setPalette(palette());
        LazyPage::showNewChildren(m_ui->responseTab);
    }
    return *m_responseUi;
}

void ComposerWidget::updatePreview()
{
    if (!m_constructed)
        return;
    m_previewTimer.stop();
    const QByteArray bytes = m_draft.body();
    // The body is shown as sent, except a secretKey the user put into it (legacy header).
    m_ui->envelopePreview->setPlainText(Redactor::redactText(QString::fromUtf8(bytes)));
    m_ui->previewTabs->setTabToolTip(0, tr("%1 bytes sent as the POST body").arg(bytes.size()));

    const QString url = m_draft.displayUrl();
    if (!url.isEmpty()) {
        m_ui->urlPreview->setText(QStringLiteral("POST ") + url);
    } else if (m_draft.environment().isSimulator()) {
        m_ui->urlPreview->setText(m_simulator ? tr("(the simulator starts on the first Send)")
                                              : tr("(no simulator in this build)"));
    } else {
        m_ui->urlPreview->setText(tr("(no endpoint URL: set one under Manage…)"));
    }
    m_ui->urlPreview->setCursorPosition(0);
    QStringList shown;
    for (const ApiRequest::Header& header : m_draft.extraHeaders())
        shown << QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second);
    m_ui->headersPreview->setText(shown.join(QStringLiteral("   ")));
    m_ui->headersPreview->setCursorPosition(0);
    m_ui->headersPreview->setVisible(!shown.isEmpty());
    m_ui->headersPreviewLabel->setVisible(!shown.isEmpty());
    m_ui->previewTabs->setTabText(0, m_draft.isRawBodyEnabled() ? tr("Request &body (raw)") : tr("Request &body"));
    updateActions();
}

void ComposerWidget::updateActions()
{
    const bool running = isSending();
    m_sendAction->setEnabled(!running);
    m_cancelAction->setEnabled(running);
    m_sendBar->setSendEnabled(!running);
}

// ----------------------------------------------------------------------------------------------
// Sending

bool ComposerWidget::startSimulatorIfNeeded(QString* error)
{
    const Environment env = m_draft.environment();
    if (!env.isSimulator())
        return true;
    if (!m_simulator) {
        *error = tr("The embedded simulator is not available in this build: choose another environment.");
        return false;
    }
    if (!m_simulator->isRunning()) {
        QString why;
        if (!m_simulator->ensureRunning(&why)) {
            *error = tr("The simulator did not start: %1").arg(why);
            return false;
        }
        emit simulatorStarted(m_environments.endpoint(env));
    }
    return true;
}

bool ComposerWidget::prepareRequest(ApiRequest* request, QString* error)
{
    return startSimulatorIfNeeded(error) && m_draft.toRequest(request, error);
}

bool ComposerWidget::currentRequest(ApiRequest* request, QString* error)
{
    return prepareRequest(request, error);
}

bool ComposerWidget::confirmMutating()
{
    const Environment env = m_draft.environment();
    if (env.isSimulator())
        return true;
    // Case-insensitive: "createleads" is not a method, but the user meant createLeads.
    const MethodSpec* spec = MethodCatalog::builtin().byNameCaseInsensitive(m_draft.method());
    if (!spec || !spec->mutating)
        return true;
    const QString account = accountId().isEmpty() ? tr("(none)") : accountId();
    const QString text =
        tr("%1 changes data.\n\nEnvironment: %2\nEndpoint: %3\nAccount ID: %4\n\nSend it to this account?")
            .arg(spec->name, env.name, m_environments.endpoint(env).toDisplayString(), account);
    return prompter().confirm(this, tr("Send a call that changes data?"), text, tr("Send to %1").arg(env.name));
}

void ComposerWidget::send()
{
    if (isSending())
        return;
    checkNow(); // the prediction on screen is the one for what is sent

    ApiRequest request;
    QString error;
    if (!prepareRequest(&request, &error)) {
        showError(error);
        return;
    }
    const QString method = m_draft.method();
    if (!confirmMutating()) {
        showResult(tr("Not sent: %1 changes data and was not confirmed for %2.").arg(method, environment().name));
        return;
    }
    m_credentials->storeSecret();
    m_credentials->rememberAccount();
    flushDraft();
    const QString what = tr("Sending %1 to %2…").arg(method.isEmpty() ? tr("the request") : method, environment().name);
    m_sendBar->send(request, what);
    updateActions();
}

void ComposerWidget::cancel()
{
    m_sendBar->cancel();
}

void ComposerWidget::onCallAnalysed(const FinishedCall& call)
{
    const CallCapture& capture = call.capture;
    m_sendBar->showCall(call, isSignalConnected(QMetaMethod::fromSignal(&ComposerWidget::inspectRequested)));

    responsePage().responseView->setPlainText(call.responseText(kMaxResponsePreview));
    if (capture.layer != FailureLayer::Cancelled && m_responsePreview)
        m_ui->previewTabs->setCurrentWidget(m_ui->responseTab);

    m_draft.advanceRequestId(); // the next call gets a fresh id unless the user chose this one
    updateActions();
    // The analysed call first: the main window's inspector has it open by the time the others
    // (the reproducer, Getting started) hear that the call finished.
    emit callAnalysed(call);
    emit callFinished(capture);
}

// ----------------------------------------------------------------------------------------------
// Scenarios, environments, files and cURL

bool ComposerWidget::loadBody(const std::optional<RequestEnvelope>& envelope, const QByteArray& body)
{
    const bool isEnvelope = m_draft.loadBody(envelope, body);
    if (!isEnvelope)
        m_editor->showTab(ParamsEditor::Tab::RawBody);
    return isEnvelope;
}

bool ComposerWidget::loadScenario(const Scenario& scenario, QString* error)
{
    std::optional<Environment> simulator;
    const QList<Environment> list = m_environments.environments();
    for (const Environment& env : list) {
        if (env.isSimulator()) {
            simulator = env;
            break;
        }
    }
    if (!simulator) {
        if (error)
            *error = tr("There is no Simulator environment to reproduce the error on.");
        return false;
    }
    m_editor->holdNotice(true);
    const QString account = scenario.query.value(QLatin1String("accountID")).toString();
    m_credentials->applyEnvironment(*simulator, account);
    // Exactly the scenario's credentials: an absent one stays absent (103, 104), a wrong one is
    // sent wrong (105). Demo accounts are never stored, so nothing here reaches the keychain.
    m_credentials->setAccountId(account);
    m_credentials->enterSecret(scenario.query.value(QLatin1String("secretKey")).toString());

    QList<ApiRequest::Header> headers;
    for (auto it = scenario.headers.begin(); it != scenario.headers.end(); ++it) {
        const ApiRequest::Header header{it.key().toLatin1(), it.value().toString().toLatin1()};
        if (!HeaderLines::isDefault(header))
            headers << header;
    }
    m_draft.setHeadersText(HeaderLines::format(headers));

    const std::optional<RequestEnvelope> envelope =
        scenario.body.isObject() ? std::optional<RequestEnvelope>(RequestEnvelope(scenario.body.toObject()))
                                 : std::nullopt;
    if (loadBody(envelope, scenario.bodyBytes()))
        m_editor->showTab(headers.isEmpty() ? ParamsEditor::Tab::Params : ParamsEditor::Tab::Headers);
    m_ui->previewTabs->setCurrentWidget(m_ui->envelopeTab);

    m_editor->showScenario(scenario);
    checkNow();
    flushDraft();
    m_editor->holdNotice(false);
    return true;
}

void ComposerWidget::restoreSnapshot(const RequestDraft::Snapshot& snapshot)
{
    Environment env = m_environments.current();
    if (const auto stored = m_environments.byId(snapshot.fields.environmentId))
        env = *stored;
    {
        const QSignalBlocker blocker(m_ui->timeoutSpin);
        m_ui->timeoutSpin->setValue(snapshot.fields.timeoutMs / 1000);
    }
    m_credentials->applyEnvironment(env, snapshot.fields.accountId, false);
    // The secret the user had, not whatever the stores hold for that account (or nothing).
    if (m_draft.secretKey() != snapshot.secretKey)
        m_credentials->enterSecret(snapshot.secretKey);
    m_draft.restoreSnapshot(snapshot);
    m_editor->clearScenario();
    m_editor->showTab(snapshot.fields.rawBodyEnabled ? ParamsEditor::Tab::RawBody : ParamsEditor::Tab::Params);
    checkNow();
    flushDraft();
}

void ComposerWidget::manageEnvironments()
{
    EnvironmentDialog dialog(m_environments, prompter(), this);
    dialog.setObjectName(QStringLiteral("environmentDialog"));
    dialog.setSimulator(m_simulator);
    dialog.selectEnvironment(m_draft.environmentId());
    dialog.exec();
    m_credentials->refreshEnvironments();
    m_credentials->applyEnvironment(environment(), accountId());
}

bool ComposerWidget::openRequestFile(const QString& path, QString* error)
{
    QString why;
    QStringList warnings;
    const auto file = RequestFile::load(path, &why, &warnings);
    if (!file) {
        const QString message = tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), why);
        if (error)
            *error = message;
        showError(message);
        return false;
    }
    loadRequest(*file, tr("Opened %1.").arg(QFileInfo(path).fileName()), warnings);
    m_lastFile = path;
    rememberFile(path);
    return true;
}

void ComposerWidget::loadRequest(const RequestFile& file, const QString& what, QStringList warnings)
{
    if (!file.environment.isEmpty()) {
        if (const auto env = m_environments.find(file.environment))
            m_credentials->applyEnvironment(*env, file.accountId);
        else
            warnings << tr("There is no environment named “%1” here; the request stays on %2.")
                            .arg(file.environment, environment().name);
    }
    if (!file.accountId.isEmpty())
        setAccountId(file.accountId);
    m_draft.setHeadersText(HeaderLines::format(file.headers));
    // A body that is not an envelope (kept to reproduce 101) opens in the Raw body tab.
    loadBody(RequestEnvelope::parse(file.body), file.body);
    checkNow();
    flushDraft();

    QString message = what;
    if (!warnings.isEmpty())
        message += QLatin1Char(' ') + warnings.join(QLatin1Char(' '));
    m_sendBar->showMessage(message, warnings.isEmpty() ? Tone::Kind::Neutral : Tone::Kind::Warning);
    emit statusMessage(message, 5000);
}

bool ComposerWidget::saveRequestFile(const QString& path, QString* error)
{
    QString why;
    QStringList warnings;
    const RequestFile file = m_draft.toRequestFile(&warnings);
    if (!file.save(path, &why, &warnings)) {
        const QString message = tr("Cannot save %1: %2").arg(QFileInfo(path).fileName(), why);
        if (error)
            *error = message;
        showError(message);
        return false;
    }
    m_lastFile = path;
    rememberFile(path);
    QString message = tr("Saved %1 (without the secret key).").arg(QDir::toNativeSeparators(path));
    if (!warnings.isEmpty())
        message += QLatin1Char(' ') + warnings.join(QLatin1Char(' '));
    emit statusMessage(message, 5000);
    showResult(message.toHtmlEscaped());
    return true;
}

QString ComposerWidget::requestDirectory() const
{
    // The folder of this composer's last file, else the last one any file dialog used (also in
    // an earlier run).
    return m_lastFile.isEmpty() ? RecentFiles::lastFolder(QSettings()) : QFileInfo(m_lastFile).absolutePath();
}

void ComposerWidget::rememberFile(const QString& path)
{
    QSettings settings;
    RecentFiles::add(settings, path);
}

void ComposerWidget::openRequestInteractive()
{
    const QString path = prompter().openFileName(this, tr("Open request"), requestDirectory(),
                                                 tr("Request files (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openRequestFile(path, &error))
        prompter().warn(this, tr("Open request"), error);
}

void ComposerWidget::saveRequestInteractive()
{
    const QString name = (method().isEmpty() ? QStringLiteral("request") : method()) + QLatin1Char('-') +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                         QStringLiteral(".json");
    QString path = prompter().saveFileName(this, tr("Save request"), QDir(requestDirectory()).filePath(name),
                                           tr("Request files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    QString error;
    if (!saveRequestFile(path, &error))
        prompter().warn(this, tr("Save request"), error);
}

QString ComposerWidget::curlLine(bool includeSecret, QString* error)
{
    if (!startSimulatorIfNeeded(error))
        return QString();
    return m_draft.curlCommandLine(includeSecret ? CurlCommand::Secret::Included : CurlCommand::Secret::Redacted,
                                   error);
}

QString ComposerWidget::curlCommandLine(bool includeSecret) const
{
    QString error;
    return const_cast<ComposerWidget*>(this)->curlLine(includeSecret, &error);
}

void ComposerWidget::copyCurlLine(bool includeSecret)
{
    QString error;
    const QString line = curlLine(includeSecret, &error);
    if (line.isEmpty()) {
        showError(tr("Nothing copied: %1").arg(error));
        return;
    }
    QGuiApplication::clipboard()->setText(line);
    if (includeSecret)
        emit statusMessage(tr("Copied as cURL WITH the secret key: paste it only where it is safe."), 6000);
    else
        emit statusMessage(tr("Copied as cURL; the secret key is masked (•••)."), 4000);
}

bool ComposerWidget::importCurl(const QString& commandLine, QString* error)
{
    QString why;
    const std::optional<RequestDraft::CurlImport> imported = m_draft.importCurl(commandLine, &why);
    if (!imported) {
        if (error)
            *error = why;
        showError(why);
        return false;
    }
    if (imported->environment)
        m_credentials->applyEnvironment(*imported->environment, imported->accountId);
    setAccountId(imported->accountId);
    if (!imported->secretKey.isEmpty())
        m_credentials->enterSecret(imported->secretKey);
    if (m_draft.isRawBodyEnabled())
        m_editor->showTab(ParamsEditor::Tab::RawBody);
    checkNow();

    QString message = tr("Imported the cURL command.");
    if (!imported->notes.isEmpty())
        message += QLatin1Char(' ') + imported->notes.join(QLatin1Char(' '));
    m_sendBar->showMessage(message, imported->notes.isEmpty() ? Tone::Kind::Neutral : Tone::Kind::Warning);
    return true;
}

void ComposerWidget::importCurlInteractive()
{
    const QString text = prompter().curlCommand(this);
    QString error;
    if (!text.isEmpty() && !importCurl(text, &error))
        prompter().warn(this, tr("Import cURL"), error);
}

// ----------------------------------------------------------------------------------------------
// Layout

bool ComposerWidget::isMethodListVisible() const
{
    return !m_ui->methodPanel->isHidden();
}

void ComposerWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitMethodList();
}

void ComposerWidget::fitMethodList()
{
    // Below this width the request form would be squeezed by the list: the list steps aside, and
    // the method's badges go to their own line so the Method field keeps its room.
    constexpr int kRoomForList = 780;
    const bool compact = width() < kRoomForList;
    const bool badgesInRow = m_ui->methodRow->indexOf(m_ui->methodBadges) >= 0;
    if (compact == badgesInRow) {
        if (compact) {
            m_ui->methodRow->removeWidget(m_ui->methodBadges);
            m_ui->requestPanelLayout->insertWidget(m_ui->requestPanelLayout->indexOf(m_ui->methodSummary),
                                                   m_ui->methodBadges);
        } else {
            m_ui->requestPanelLayout->removeWidget(m_ui->methodBadges);
            m_ui->methodRow->insertWidget(m_ui->methodRow->indexOf(m_ui->methodEdit) + 1, m_ui->methodBadges);
        }
    }
    if (m_methodListChosen || compact != isMethodListVisible())
        return;
    setMethodListShown(!compact);
    m_methodListAction->setChecked(!compact);
    if (!compact) {
        // Back from hiding: the list at its usual width unless that squeezes the form below its
        // natural width (the form's minimum is far smaller, for small screens).
        const int form = m_ui->requestPanel->sizeHint().width() + m_ui->composerSplitter->handleWidth();
        const int list = std::max(std::min(width() - form, 250), m_ui->methodPanel->minimumSizeHint().width());
        m_ui->composerSplitter->setSizes({list, std::max(0, width() - list)});
    }
}

void ComposerWidget::setMethodListShown(bool shown)
{
    if (shown && !m_picker) {
        m_picker = new MethodPicker(MethodCatalog::builtin(), m_ui->methodPanel);
        m_picker->setObjectName(QStringLiteral("methodPicker"));
        m_ui->methodPanelLayout->addWidget(m_picker);
        m_picker->setCurrentMethod(method());
        connect(m_picker, &MethodPicker::methodChosen, this, &ComposerWidget::setMethod);
    }
    m_ui->methodPanel->setVisible(shown);
}

void ComposerWidget::setResponsePreviewShown(bool shown)
{
    const int index = m_ui->previewTabs->indexOf(m_ui->responseTab);
    m_ui->previewTabs->setTabVisible(index, shown);
    if (!shown)
        m_ui->previewTabs->setCurrentWidget(m_ui->envelopeTab);
    m_responsePreview = shown;
}

void ComposerWidget::setInspectorSession(InspectorSession* session)
{
    m_sendBar->setInspectorSession(session);
}

void ComposerWidget::restoreLayout()
{
    m_ui->composerSplitter->restoreState(
        AppSettings::value(*m_settings, AppSettings::Key::ComposerSplitter).toByteArray());
    m_ui->editorSplitter->restoreState(
        AppSettings::value(*m_settings, AppSettings::Key::ComposerEditorSplitter).toByteArray());
    const QVariant list = AppSettings::value(*m_settings, AppSettings::Key::ComposerMethodList);
    if (list.isValid()) {
        m_methodListChosen = true;
        setMethodListShown(list.toBool());
        m_methodListAction->setChecked(list.toBool());
    }
}

void ComposerWidget::saveLayout() const
{
    AppSettings::setValue(*m_settings, AppSettings::Key::ComposerSplitter, m_ui->composerSplitter->saveState());
    AppSettings::setValue(*m_settings, AppSettings::Key::ComposerEditorSplitter, m_ui->editorSplitter->saveState());
    if (m_methodListChosen)
        AppSettings::setValue(*m_settings, AppSettings::Key::ComposerMethodList, isMethodListVisible());
    else
        AppSettings::remove(*m_settings, AppSettings::Key::ComposerMethodList);
}

void ComposerWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (JsonHighlighter* highlighter : {m_envelopeHighlighter, m_responseHighlighter}) {
            if (highlighter)
                highlighter->setPalette(palette());
        }
        if (m_picker)
            m_editor->updateMethodInfo();
    }
}
