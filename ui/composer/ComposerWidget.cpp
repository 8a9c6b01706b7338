#include "ComposerWidget.h"

#include "ApiClient.h"
#include "ApiRequest.h"
#include "Badge.h"
#include "CurlCommand.h"
#include "EnvironmentDialog.h"
#include "EnvironmentStore.h"
#include "HeaderLines.h"
#include "JsonHighlighter.h"
#include "JsonSourceScanner.h"
#include "LintPanel.h"
#include "MethodCatalog.h"
#include "MethodPicker.h"
#include "MethodTemplates.h"
#include "Prompter.h"
#include "Redactor.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"
#include "ResponseAnalyzer.h"
#include "ScenarioCatalog.h"
#include "SecretStore.h"
#include "SimulatorProvider.h"
#include "Tone.h"
#include "ui_ComposerHeadersPage.h"
#include "ui_ComposerRawBodyPage.h"
#include "ui_ComposerResponsePage.h"
#include "ui_ComposerWidget.h"

#include <QAction>
#include <QClipboard>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLocale>
#include <QMenu>
#include <QMetaMethod>
#include <QSettings>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTextBlock>

namespace {
constexpr int kValidateDelayMs = 150;
constexpr int kDraftDelayMs = 400;
constexpr int kAccountDelayMs = 300;
constexpr int kLintDelayMs = 300;
// Live lint re-reads the whole request on every pause in typing; above this it would make typing
// sluggish, and such bodies are better checked with `leadgen-diag lint`.
constexpr int kMaxLiveLintChars = 2 * 1024 * 1024;
// Labels that wrap need no more than this: the layout then never takes their longest word as a
// minimum (a long method name or URL would make the window wider than the screen).
constexpr int kWrappedLabelMinWidth = 60;
constexpr int kMaxRecentAccounts = 10;
// The response pane is a quick look; the inspector shows everything.
constexpr qint64 kMaxResponsePreview = 2 * 1024 * 1024;

const QString kRecentAccountsGroup = QStringLiteral("composer/recentAccounts");

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

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

ComposerWidget::ComposerWidget(EnvironmentStore& environments, SecretStore& secrets, QSettings* settings,
                               SimulatorProvider* simulator, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ComposerWidget>())
    , m_environments(environments)
    , m_secrets(secrets)
    , m_catalog(MethodCatalog::builtin())
    , m_simulator(simulator)
{
    m_ui->setupUi(this);
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
    m_ui->paramsEdit->setMinimumHeight(110);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit* edit : {m_ui->paramsEdit, m_ui->envelopePreview})
        edit->setFont(fixed);
    m_ui->paramsEdit->setTabStopDistance(QFontMetricsF(fixed).horizontalAdvance(QLatin1Char(' ')) * 2);
    m_ui->urlPreview->setFont(fixed);
    m_ui->headersPreview->setFont(fixed);
    m_ui->headersPreviewLabel->hide();
    m_ui->headersPreview->hide();
    m_ui->noticeLabel->hide();
    // Long method names (badges beside them), API messages and scenario notes wrap (WrapLabel)
    // rather than widen the window: on a 1366-pixel screen the composer gets about 600 of them.
    for (QLabel* label : {m_ui->methodBadges, m_ui->methodSummary, m_ui->noticeLabel, m_ui->resultLabel})
        label->setMinimumWidth(kWrappedLabelMinWidth);
    // The params buttons sit beside the tabs (they act on the Params tab only).
    m_ui->requestTabs->setCornerWidget(m_ui->paramsToolbarWidget, Qt::TopRightCorner);
    connect(m_ui->requestTabs, &QTabWidget::currentChanged, this, [this] {
        QWidget* current = m_ui->requestTabs->currentWidget();
        m_ui->paramsToolbarWidget->setVisible(current == m_ui->paramsTab);
        if (current == m_ui->headersTab)
            headersPage();
        else if (current == m_ui->rawBodyTab)
            rawBodyPage();
    });
    connect(m_ui->previewTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->previewTabs->currentWidget() == m_ui->responseTab)
            responsePage();
    });
    m_paramsHighlighter = new JsonHighlighter(m_ui->paramsEdit->document());
    m_envelopeHighlighter = new JsonHighlighter(m_ui->envelopePreview->document());
    for (JsonHighlighter* highlighter : {m_paramsHighlighter, m_envelopeHighlighter})
        highlighter->setPalette(palette());
    m_ui->envelopePreview->setPlaceholderText(tr("The request body appears here as it will be sent."));
    m_ui->progressBar->hide();
    m_ui->secretStatus->setForegroundRole(QPalette::PlaceholderText);

    auto* completer = new QCompleter(m_catalog.methodNames(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_ui->methodEdit->setCompleter(completer);

    m_lintPanel = new LintPanel(m_ui->paramsPanel);
    m_lintPanel->setObjectName(QStringLiteral("lintPanel"));
    m_ui->paramsLayout->addWidget(m_lintPanel);
    connect(m_lintPanel, &LintPanel::fixRequested, this, &ComposerWidget::applyLintFix);
    connect(m_lintPanel, &LintPanel::findingActivated, this, &ComposerWidget::goToFinding);

    createActions();

    m_lintTimer.setSingleShot(true);
    m_lintTimer.setInterval(kLintDelayMs);
    connect(&m_lintTimer, &QTimer::timeout, this, &ComposerWidget::runLint);
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidateDelayMs);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftDelayMs);
    m_accountTimer.setSingleShot(true);
    m_accountTimer.setInterval(kAccountDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, [this] {
        updateValidation();
        updatePreview();
    });
    connect(&m_draftTimer, &QTimer::timeout, this, &ComposerWidget::flushDraft);
    connect(&m_accountTimer, &QTimer::timeout, this, &ComposerWidget::onAccountChanged);

    // Environment, account, secret.
    connect(m_ui->environmentCombo, &QComboBox::activated, this, &ComposerWidget::onEnvironmentActivated);
    connect(&m_environments, &EnvironmentStore::changed, this, &ComposerWidget::refreshEnvironments);
    connect(m_ui->accountCombo, &QComboBox::activated, this, [this] {
        m_accountTimer.stop();
        onAccountChanged();
    });
    connect(m_ui->accountCombo, &QComboBox::editTextChanged, this, [this] {
        if (m_restoring)
            return;
        updatePreview();
        scheduleDraftSave();
        m_accountTimer.start();
    });
    connect(m_ui->secretEdit, &QLineEdit::textEdited, this, &ComposerWidget::onSecretEdited);
    connect(m_ui->secretEdit, &QLineEdit::editingFinished, this, &ComposerWidget::storeSecret);
    connect(m_ui->revealSecret, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->secretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->revealSecret->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->rememberSecret, &QCheckBox::toggled, this, [this] {
        if (m_restoring)
            return;
        storeSecret();
        updateSecretUi();
    });
    connect(&m_secrets, &SecretStore::readFinished, this, &ComposerWidget::onSecretRead);
    connect(&m_secrets, &SecretStore::writeFinished, this, [this](const QString& key, bool remembered) {
        if (remembered)
            m_keychainKeys.insert(key);
        else
            m_keychainKeys.remove(key);
        if (key == secretKeyId() && m_ui->rememberSecret->isChecked() && !remembered) {
            // The keychain refused: say so instead of pretending the key is remembered.
            const QSignalBlocker blocker(m_ui->rememberSecret);
            m_ui->rememberSecret->setChecked(false);
        }
        updateSecretUi();
    });
    connect(&m_secrets, &SecretStore::backendChanged, this, &ComposerWidget::updateSecretUi);

    // Method.
    connect(m_ui->methodEdit, &QLineEdit::editingFinished, this, &ComposerWidget::onMethodEdited);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, &ComposerWidget::setMethod);
    connect(m_ui->methodSummary, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("method:")))
            setMethod(link.mid(7));
    });

    // Params.
    connect(m_ui->paramsEdit, &QPlainTextEdit::textChanged, this, &ComposerWidget::onParamsChanged);
    connect(m_ui->paramsStatus, &QLabel::linkActivated, this, [this] {
        if (m_syntax.ok)
            return;
        QTextCursor cursor(m_ui->paramsEdit->document());
        cursor.setPosition(qBound(0, m_syntax.position, m_ui->paramsEdit->document()->characterCount() - 1));
        m_ui->paramsEdit->setTextCursor(cursor);
        m_ui->paramsEdit->setFocus(Qt::OtherFocusReason);
    });

    // Request id and timeout.
    connect(m_ui->requestIdEdit, &QLineEdit::textEdited, this, [this] {
        m_idEditedByUser = true;
        m_validateTimer.start();
        scheduleDraftSave();
    });
    connect(m_ui->regenerateIdButton, &QToolButton::clicked, this, &ComposerWidget::regenerateRequestId);
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, &ComposerWidget::scheduleDraftSave);

    // Sending.
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ComposerWidget::send);
    connect(m_ui->resultLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("inspect"))
            emit inspectRequested();
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &ComposerWidget::cancel);

    refreshEnvironments();
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
    storeSecret();
    saveLayout();
    // QWidget's destructor still hides and unfocuses the children (the secret field then emits
    // editingFinished): nothing may reach this half-destroyed object any more.
    const QList<QObject*> children = findChildren<QObject*>();
    for (QObject* child : children)
        disconnect(child, nullptr, this, nullptr);
    disconnect(&m_secrets, nullptr, this, nullptr);
    disconnect(&m_environments, nullptr, this, nullptr);
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

    m_insertTemplateAction = make(QStringLiteral("actionInsertTemplate"), tr("Insert &template"),
                                  tr("Replace the params with the method's template (Ctrl+Z undoes it)"));
    m_insertTemplateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_insertTemplateAction, &QAction::triggered, this, &ComposerWidget::insertTemplate);
    m_formatAction = make(QStringLiteral("actionFormatParams"), tr("&Format"),
                          tr("Indent the params JSON, keeping key order and numbers as typed (Ctrl+Shift+F)"));
    m_formatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_formatAction, &QAction::triggered, this, &ComposerWidget::formatParams);
    m_undoAction = make(QStringLiteral("actionUndoParams"), tr("Undo"), tr("Undo the last change to the params"));
    connect(m_undoAction, &QAction::triggered, m_ui->paramsEdit, &QPlainTextEdit::undo);
    connect(m_ui->paramsEdit, &QPlainTextEdit::undoAvailable, m_undoAction, &QAction::setEnabled);
    m_undoAction->setEnabled(false);
    m_redoAction = make(QStringLiteral("actionRedoParams"), tr("Redo"), tr("Redo the last undone change"));
    connect(m_redoAction, &QAction::triggered, m_ui->paramsEdit, &QPlainTextEdit::redo);
    connect(m_ui->paramsEdit, &QPlainTextEdit::redoAvailable, m_redoAction, &QAction::setEnabled);
    m_redoAction->setEnabled(false);

    m_manageEnvironmentsAction =
        make(QStringLiteral("actionManageEnvironments"), tr("&Environments…"), tr("Add, edit or remove environments"));
    connect(m_manageEnvironmentsAction, &QAction::triggered, this, &ComposerWidget::manageEnvironments);
    connect(m_ui->manageEnvironments, &QToolButton::clicked, this, &ComposerWidget::manageEnvironments);

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

    m_ui->insertTemplateButton->setDefaultAction(m_insertTemplateAction);
    m_ui->formatButton->setDefaultAction(m_formatAction);
    m_ui->undoButton->setDefaultAction(m_undoAction);
    m_ui->redoButton->setDefaultAction(m_redoAction);
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

// ----------------------------------------------------------------------------------------------
// State

QString ComposerWidget::method() const
{
    return m_method;
}

QString ComposerWidget::paramsText() const
{
    return m_ui->paramsEdit->toPlainText();
}

QString ComposerWidget::requestId() const
{
    return m_ui->requestIdEdit->text();
}

QString ComposerWidget::accountId() const
{
    return m_ui->accountCombo->currentText().trimmed();
}

Environment ComposerWidget::environment() const
{
    if (const auto environment = m_environments.byId(m_environmentId))
        return *environment;
    return m_environments.current();
}

bool ComposerWidget::isSending() const
{
    return m_client && m_client->isRunning();
}

ApiClient* ComposerWidget::client()
{
    // Made on the first call: its QNetworkAccessManager is not needed before.
    if (!m_client) {
        m_client = new ApiClient(nullptr, this);
        connect(m_client, &ApiClient::uploadProgress, this, &ComposerWidget::onUploadProgress);
        connect(m_client, &ApiClient::downloadProgress, this, &ComposerWidget::onDownloadProgress);
        connect(m_client, &ApiClient::finished, this, &ComposerWidget::onFinished);
        connect(m_client, &ApiClient::started, this, &ComposerWidget::callStarted);
    }
    return m_client;
}

QByteArray ComposerWidget::body() const
{
    if (isRawBodyEnabled())
        return rawBodyText().toUtf8();
    return envelopeText(false).toUtf8();
}

// ----------------------------------------------------------------------------------------------
// Headers, raw body and response tabs: built when first shown or filled, not at startup (issue 6)

namespace {
// A page filled while its tab is already on screen: its new children are shown now, not on the
// next event-loop turn.
void showNewChildren(QWidget* page)
{
    if (!page->isVisible())
        return;
    const QList<QWidget*> children = page->findChildren<QWidget*>(Qt::FindDirectChildrenOnly);
    for (QWidget* child : children)
        child->show();
}
} // namespace

Ui::ComposerHeadersPage& ComposerWidget::headersPage()
{
    if (!m_headersUi) {
        m_headersUi = std::make_unique<Ui::ComposerHeadersPage>();
        m_headersUi->setupUi(m_ui->headersTab);
        m_headersUi->headersEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_headersUi->headersStatus->setMinimumWidth(kWrappedLabelMinWidth);
        connect(m_headersUi->headersEdit, &QPlainTextEdit::textChanged, this, &ComposerWidget::onHeadersChanged);
        updateHeadersStatus();
        showNewChildren(m_ui->headersTab);
    }
    return *m_headersUi;
}

Ui::ComposerRawBodyPage& ComposerWidget::rawBodyPage()
{
    if (!m_rawBodyUi) {
        m_rawBodyUi = std::make_unique<Ui::ComposerRawBodyPage>();
        m_rawBodyUi->setupUi(m_ui->rawBodyTab);
        m_rawBodyUi->rawBodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        connect(m_rawBodyUi->rawBodyEdit, &QPlainTextEdit::textChanged, this, &ComposerWidget::onRawBodyChanged);
        connect(m_rawBodyUi->rawBodyCheck, &QCheckBox::toggled, this, &ComposerWidget::onRawBodyChanged);
        showNewChildren(m_ui->rawBodyTab);
    }
    return *m_rawBodyUi;
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
        showNewChildren(m_ui->responseTab);
    }
    return *m_responseUi;
}

QString ComposerWidget::headersText() const
{
    return m_headersUi ? m_headersUi->headersEdit->toPlainText() : QString();
}

QList<ApiRequest::Header> ComposerWidget::extraHeaders() const
{
    return HeaderLines::parse(headersText(), m_ui->secretEdit->text()).headers;
}

QStringList ComposerWidget::headerProblems() const
{
    QStringList problems;
    const HeaderLines::Result parsed = HeaderLines::parse(headersText(), m_ui->secretEdit->text());
    for (const HeaderLines::Problem& problem : parsed.problems)
        problems << problem.toString();
    return problems;
}

bool ComposerWidget::isRawBodyEnabled() const
{
    return m_rawBodyUi && m_rawBodyUi->rawBodyCheck->isChecked();
}

QString ComposerWidget::rawBodyText() const
{
    return m_rawBodyUi ? m_rawBodyUi->rawBodyEdit->toPlainText() : QString();
}

void ComposerWidget::setHeadersText(const QString& text)
{
    if (text != headersText())
        headersPage().headersEdit->setPlainText(text);
}

void ComposerWidget::setRawBody(const QString& text, bool enabled)
{
    if (text == rawBodyText() && enabled == isRawBodyEnabled())
        return;
    Ui::ComposerRawBodyPage& page = rawBodyPage();
    if (text != rawBodyText())
        page.rawBodyEdit->setPlainText(text);
    page.rawBodyCheck->setChecked(enabled);
}

QString ComposerWidget::withoutSecret(const QString& text) const
{
    QString result = Redactor::redactText(text);
    const QString secret = m_ui->secretEdit->text();
    // Short values would mask ordinary words; real secret keys are long.
    if (secret.size() >= 4)
        result.replace(secret, Redactor::mask());
    return result;
}

QString ComposerWidget::envelopeText(bool verbatimParams, int* paramsOffset) const
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
    const QString params = paramsText();
    if (!params.trimmed().isEmpty()) {
        add(QStringLiteral("\"params\":"));
        if (verbatimParams) {
            if (paramsOffset)
                *paramsOffset = int(text.size());
            text += params;
        } else {
            text += JsonText::check(params).ok ? JsonText::compact(params) : params.trimmed();
        }
    }
    const QString id = requestId();
    if (!id.isEmpty())
        add(QStringLiteral("\"id\":") + JsonText::quote(id));
    for (auto it = m_extraMembers.constBegin(); it != m_extraMembers.constEnd(); ++it)
        add(JsonText::quote(it.key()) + QLatin1Char(':') + JsonText::valueText(it.value()));
    return text + QLatin1Char('}');
}

QString ComposerWidget::displayUrl() const
{
    const Environment env = environment();
    ApiRequest request;
    request.endpoint = m_environments.endpoint(env);
    if (request.endpoint.isEmpty())
        return QString();
    request.accountId = accountId();
    // Only whether a secret is present matters for the display: it is masked either way.
    request.secretKey = m_ui->secretEdit->text().isEmpty() ? QString() : Redactor::mask();
    return request.displayUrl();
}

ComposerDraft ComposerWidget::draft() const
{
    ComposerDraft draft;
    draft.method = m_method;
    // A secretKey typed into the params (legacy `header` habit) must not reach the settings file.
    draft.params = withoutSecret(paramsText());
    draft.requestId = requestId();
    draft.headers = withoutSecret(headersText());
    draft.rawBody = withoutSecret(rawBodyText());
    draft.rawBodyEnabled = isRawBodyEnabled();
    draft.environmentId = m_environmentId;
    draft.accountId = accountId();
    draft.timeoutMs = m_ui->timeoutSpin->value() * 1000;
    draft.saved = true;
    return draft;
}

// ----------------------------------------------------------------------------------------------
// Drafts

void ComposerWidget::restoreDraft()
{
    const ComposerDraft draft = ComposerDraft::load(*m_settings);
    m_restoring = true;
    Environment env = m_environments.current();
    if (!draft.environmentId.isEmpty()) {
        if (const auto stored = m_environments.byId(draft.environmentId))
            env = *stored;
    }
    m_ui->timeoutSpin->setValue(draft.timeoutMs / 1000);
    m_restoring = false;

    // A restored Simulator environment waits for the first call to start the simulator.
    applyEnvironment(env, draft.saved ? draft.accountId : QString(), false);
    if (draft.saved) {
        QString methodName = draft.method;
        m_method = methodName;
        m_ui->methodEdit->setText(methodName);
        // setPlainText: restoring is not an edit the user should be able to undo.
        m_ui->paramsEdit->setPlainText(draft.params);
        // Whether these params are the method's untouched template matters only on the next
        // method change; finding out loads every template, which the start need not wait for.
        m_restoredTemplateMethod = methodName;
        m_ui->requestIdEdit->setText(draft.requestId);
        setHeadersText(draft.headers);
        setRawBody(draft.rawBody, draft.rawBodyEnabled);
        // A restored id counts as typed: the user may be reproducing a call with it.
        m_idEditedByUser = true;
        showMethodInfo();
    } else {
        // First start: a complete, sendable example rather than an empty form.
        if (!m_catalog.methods().empty())
            setMethod(m_catalog.methods().front().name);
        m_ui->paramsEdit->document()->clearUndoRedoStacks();
        regenerateRequestId();
    }
    updateValidation();
    updatePreview();
}

void ComposerWidget::scheduleDraftSave()
{
    if (!m_restoring)
        m_draftTimer.start();
}

void ComposerWidget::flushDraft()
{
    m_draftTimer.stop();
    if (!m_settings)
        return;
    draft().save(*m_settings);
    m_settings->sync();
}

// ----------------------------------------------------------------------------------------------
// Environment, account, secret

void ComposerWidget::refreshEnvironments()
{
    const QSignalBlocker blocker(m_ui->environmentCombo);
    m_ui->environmentCombo->clear();
    const QList<Environment> list = m_environments.environments();
    for (const Environment& env : list) {
        m_ui->environmentCombo->addItem(env.name, env.id);
        m_ui->environmentCombo->setItemData(m_ui->environmentCombo->count() - 1, env.description(), Qt::ToolTipRole);
    }
    int index = m_ui->environmentCombo->findData(m_environmentId);
    if (index < 0 && !m_environmentId.isEmpty()) {
        // The environment was removed meanwhile: fall back to the store's current one.
        applyEnvironment(m_environments.current(), QString());
        return;
    }
    m_ui->environmentCombo->setCurrentIndex(qMax(0, index));
    if (!m_environmentId.isEmpty())
        updatePreview();
}

void ComposerWidget::onEnvironmentActivated(int index)
{
    const QString id = m_ui->environmentCombo->itemData(index).toString();
    if (id == m_environmentId)
        return;
    if (const auto env = m_environments.byId(id))
        applyEnvironment(*env, QString());
}

bool ComposerWidget::selectEnvironment(const QString& id)
{
    const auto env = m_environments.byId(id);
    if (!env)
        return false;
    applyEnvironment(*env, QString());
    return true;
}

void ComposerWidget::applyEnvironment(const Environment& env, const QString& accountId, bool startSimulator)
{
    storeSecret(); // what was typed for the previous environment stays in the session
    m_environmentId = env.id;
    m_environments.setCurrent(env.id);
    {
        const QSignalBlocker blocker(m_ui->environmentCombo);
        m_ui->environmentCombo->setCurrentIndex(qMax(0, m_ui->environmentCombo->findData(env.id)));
    }
    m_ui->environmentCombo->setToolTip(env.description());

    // The simulator starts on first use: selecting it is that use, so its URL and demo
    // credentials can be shown right away.
    if (startSimulator && env.isSimulator() && m_simulator && !m_simulator->isRunning()) {
        QString error;
        if (m_simulator->ensureRunning(&error))
            emit simulatorStarted(m_environments.endpoint(env));
        else
            showResult(tinted(tr("The simulator did not start: %1").arg(error.toHtmlEscaped()), Tone::Kind::Error),
                       QString());
    }
    QString account = accountId;
    if (account.isEmpty())
        account = env.accountId;
    if (account.isEmpty() && env.isSimulator() && m_simulator && !m_simulator->demoAccounts().isEmpty())
        account = m_simulator->demoAccounts().constFirst().accountId;
    refreshAccounts(env, account);
    lookUpSecret();
    updatePreview();
    scheduleDraftSave();
    emit connectionChanged();
}

void ComposerWidget::refreshAccounts(const Environment& env, const QString& accountId)
{
    const bool restoring = m_restoring;
    m_restoring = true;
    m_ui->accountCombo->clear();
    QStringList seen;
    const auto add = [&](const QString& id, const QString& tip) {
        if (id.isEmpty() || seen.contains(id))
            return;
        seen << id;
        m_ui->accountCombo->addItem(id);
        m_ui->accountCombo->setItemData(m_ui->accountCombo->count() - 1, tip, Qt::ToolTipRole);
    };
    if (env.isSimulator() && m_simulator) {
        const QList<SimulatorProvider::DemoAccount> demos = m_simulator->demoAccounts();
        for (const auto& demo : demos)
            add(demo.accountId, demo.label);
    }
    add(env.accountId, tr("The account ID saved with the environment"));
    for (const QString& recent : recentAccounts(env.id))
        add(recent, tr("Used recently"));
    m_ui->accountCombo->setEditText(accountId);
    m_ui->accountCombo->lineEdit()->setPlaceholderText(tr("accountID"));
    m_restoring = restoring;
}

void ComposerWidget::setAccountId(const QString& accountId)
{
    m_ui->accountCombo->setEditText(accountId);
    m_accountTimer.stop();
    onAccountChanged();
}

void ComposerWidget::onAccountChanged()
{
    lookUpSecret(true);
    updatePreview();
    scheduleDraftSave();
    emit connectionChanged();
}

QString ComposerWidget::secretKeyId() const
{
    return SecretStore::keyFor(m_environmentId, accountId());
}

bool ComposerWidget::isDemoAccount(QString* secret) const
{
    if (!m_simulator || !environment().isSimulator())
        return false;
    const QList<SimulatorProvider::DemoAccount> demos = m_simulator->demoAccounts();
    for (const auto& demo : demos) {
        if (demo.accountId == accountId()) {
            if (secret)
                *secret = demo.secretKey;
            return true;
        }
    }
    return false;
}

void ComposerWidget::lookUpSecret(bool keepTyped)
{
    const QString key = secretKeyId();
    // A secret typed before the account ID was (re)entered belongs to the account being typed,
    // unless the stores know one for it: keep it rather than wipe what the user typed.
    const bool carryTyped = keepTyped && !m_secretEditedKey.isEmpty() && !m_ui->secretEdit->text().isEmpty();
    m_secretEditedKey.clear();
    m_pendingSecretKey.clear();
    QString demoSecret;
    const bool restoring = m_restoring;
    m_restoring = true;
    if (isDemoAccount(&demoSecret)) {
        // Public demo values: shown, never stored anywhere.
        m_ui->secretEdit->setText(demoSecret);
        m_ui->rememberSecret->setChecked(false);
    } else if (const auto secret = m_secrets.sessionSecret(key)) {
        m_ui->secretEdit->setText(*secret);
        m_ui->rememberSecret->setChecked(m_keychainKeys.contains(key));
    } else if (carryTyped) {
        m_secretEditedKey = key;
        m_ui->rememberSecret->setChecked(false);
    } else {
        m_ui->secretEdit->clear();
        m_ui->rememberSecret->setChecked(false);
        if (!accountId().isEmpty()) {
            m_pendingSecretKey = key;
            // One turn of the event loop later, and only if still wanted: the first keychain use
            // loads libsecret and opens D-Bus (milliseconds), and a lookup superseded while the
            // draft is restored (environment, then account) is never made.
            QTimer::singleShot(0, this, [this, key] {
                if (m_pendingSecretKey == key)
                    m_secrets.read(key);
            });
        }
    }
    if (!carryTyped)
        m_ui->revealSecret->setChecked(false);
    m_restoring = restoring;
    updateSecretUi();
}

void ComposerWidget::onSecretRead(const QString& key, const QString& secret, bool found)
{
    if (key != m_pendingSecretKey)
        return; // an older lookup, or one the user overtook by typing
    m_pendingSecretKey.clear();
    if (!found || key != secretKeyId() || m_secretEditedKey == key)
        return;
    // The session had nothing when the read started, so a hit comes from the keychain.
    m_keychainKeys.insert(key);
    const bool restoring = m_restoring;
    m_restoring = true;
    m_ui->secretEdit->setText(secret);
    m_ui->rememberSecret->setChecked(true);
    m_restoring = restoring;
    updateSecretUi();
    updatePreview();
}

void ComposerWidget::setSecretKey(const QString& secret)
{
    m_ui->secretEdit->setText(secret);
    onSecretEdited();
    storeSecret();
}

void ComposerWidget::onSecretEdited()
{
    m_secretEditedKey = secretKeyId();
    m_pendingSecretKey.clear();
    updateSecretUi();
    updatePreview();
}

void ComposerWidget::storeSecret()
{
    if (m_environmentId.isEmpty() || isDemoAccount() || accountId().isEmpty())
        return;
    const QString secret = m_ui->secretEdit->text();
    const QString key = secretKeyId();
    const bool remember = m_ui->rememberSecret->isChecked();
    if (secret.isEmpty()) {
        // An emptied field is how one sends without a secret (to see the API's answer); it does
        // not delete what the keychain holds unless Remember was unticked.
        if (!remember && m_keychainKeys.contains(key)) {
            m_secrets.remove(key);
            m_keychainKeys.remove(key);
        }
        return;
    }
    if (m_secrets.sessionSecret(key) == secret && m_keychainKeys.contains(key) == remember)
        return; // nothing changed: no keychain round trip
    m_secrets.write(key, secret, remember);
}

void ComposerWidget::updateSecretUi()
{
    const bool demo = isDemoAccount();
    m_ui->rememberSecret->setEnabled(!demo && !accountId().isEmpty());
    m_ui->revealSecret->setEnabled(!demo);
    if (demo)
        m_ui->secretEdit->setEchoMode(QLineEdit::Normal);
    else if (!m_ui->revealSecret->isChecked())
        m_ui->secretEdit->setEchoMode(QLineEdit::Password);

    const QString key = secretKeyId();
    QString text;
    Tone::Kind tone = Tone::Kind::Neutral;
    if (demo) {
        text = tr("Public demo credentials of the embedded simulator: shown on purpose, never stored.");
    } else if (m_secrets.backend() == SecretStore::Backend::SessionOnly) {
        text = m_secrets.unavailableReason();
        tone = Tone::Kind::Warning;
    } else if (m_ui->rememberSecret->isChecked() && m_keychainKeys.contains(key)) {
        text = tr("Kept in the system keychain for %1 / %2.").arg(environment().name, accountId());
    } else if (m_ui->rememberSecret->isChecked()) {
        text = tr("Saving to the system keychain…");
    } else if (!m_ui->secretEdit->text().isEmpty()) {
        text = tr("Kept for this session only. Tick Remember to keep it in the system keychain.");
    } else if (accountId().isEmpty()) {
        text = tr("Enter the account ID and the secret key of the account to call.");
    } else {
        text = tr("No secret key: the request goes out without secretKey.");
        tone = Tone::Kind::Warning;
    }
    m_ui->secretStatus->setText(tinted(text.toHtmlEscaped(), tone));
}

QStringList ComposerWidget::recentAccounts(const QString& environmentId) const
{
    return m_settings->value(kRecentAccountsGroup + QLatin1Char('/') + environmentId).toStringList();
}

void ComposerWidget::rememberAccount(const Environment& env, const QString& account)
{
    if (account.isEmpty())
        return;
    QStringList recent = recentAccounts(env.id);
    recent.removeAll(account);
    recent.prepend(account);
    while (recent.size() > kMaxRecentAccounts)
        recent.removeLast();
    m_settings->setValue(kRecentAccountsGroup + QLatin1Char('/') + env.id, recent);
}

// ----------------------------------------------------------------------------------------------
// Method and params

const MethodSpec* ComposerWidget::methodSpec() const
{
    if (const MethodSpec* spec = m_catalog.byName(m_method))
        return spec;
    return nullptr;
}

QString ComposerWidget::templateText(const MethodSpec& spec) const
{
    return MethodTemplates::text(spec);
}

void ComposerWidget::onMethodEdited()
{
    const QString typed = m_ui->methodEdit->text().trimmed();
    if (typed != m_method)
        setMethod(typed);
}

void ComposerWidget::setMethod(const QString& name)
{
    const QString trimmed = name.trimmed();
    const bool changed = trimmed != m_method;
    if (!m_restoredTemplateMethod.isEmpty()) {
        const MethodSpec* restored = m_catalog.byName(m_restoredTemplateMethod);
        if (restored && paramsText() == templateText(*restored))
            m_lastTemplate = paramsText();
        m_restoredTemplateMethod.clear();
    }
    m_method = trimmed;
    if (m_ui->methodEdit->text() != trimmed)
        m_ui->methodEdit->setText(trimmed);
    if (m_picker)
        m_picker->setCurrentMethod(trimmed);
    if (changed && !m_restoring) {
        // Replace the params with the new method's template only when they are untouched (empty
        // or the previous template); anything the user typed stays.
        const QString current = paramsText();
        const MethodSpec* spec = methodSpec();
        if (spec && (current.trimmed().isEmpty() || current == m_lastTemplate)) {
            const QString text = templateText(*spec);
            replaceParams(text);
            m_lastTemplate = text;
            m_restoredTemplateMethod.clear();
        }
    }
    showMethodInfo();
    updateActions();
    m_validateTimer.start();
    scheduleDraftSave();
}

void ComposerWidget::showMethodInfo()
{
    const MethodSpec* spec = methodSpec();
    const QPalette pal = palette();
    if (!spec) {
        m_ui->methodBadges->clear();
        QString text;
        if (m_method.isEmpty()) {
            text = tinted(tr("No method: the request goes out without \"method\"."), Tone::Kind::Warning);
        } else if (const MethodSpec* other = m_catalog.byNameCaseInsensitive(m_method)) {
            text =
                tinted(tr("“%1” is not a method: names are case-sensitive. Did you mean <a href=\"method:%2\">%2</a>?")
                           .arg(m_method.toHtmlEscaped(), other->name.toHtmlEscaped()),
                       Tone::Kind::Warning);
        } else {
            QStringList links;
            for (const QString& close : m_catalog.closestNames(m_method))
                links << QStringLiteral("<a href=\"method:%1\">%1</a>").arg(close.toHtmlEscaped());
            text =
                tinted(tr("“%1” is not in the method catalogue.").arg(m_method.toHtmlEscaped()), Tone::Kind::Warning);
            if (!links.isEmpty())
                text += QLatin1Char(' ') + tr("Closest: %1.").arg(links.join(QStringLiteral(", ")));
        }
        m_ui->methodSummary->setText(text);
        return;
    }

    QStringList badges;
    badges << Badge::html(MethodPicker::areaTitle(spec->area), Badge::colors(QStringLiteral("neutral"), pal));
    if (spec->mutating)
        badges << Badge::html(tr("changes data"), Badge::colors(QStringLiteral("rate_limit"), pal));
    if (!spec->documented)
        badges << Badge::html(tr("params not documented"), Badge::colors(QStringLiteral("inferred"), pal));
    if (spec->paginated)
        badges << Badge::html(tr("paginated"), Badge::colors(QStringLiteral("neutral"), pal));
    if (spec->batch && spec->maxObjects > 0)
        badges << Badge::html(tr("≤ %1 objects").arg(spec->maxObjects), Badge::colors(QStringLiteral("neutral"), pal));
    m_ui->methodBadges->setText(badges.join(QLatin1Char(' ')));

    QStringList params;
    for (const MethodParam& param : spec->params) {
        QString item = QStringLiteral("<b>%1</b> %2").arg(param.name.toHtmlEscaped(), param.type.toHtmlEscaped());
        if (param.required)
            item += QLatin1Char(' ') + tr("(required)");
        if (param.max)
            item += QStringLiteral(" ≤ %1").arg(*param.max);
        params << item;
    }
    QString text = spec->summary.toHtmlEscaped();
    if (!params.isEmpty())
        text += QStringLiteral("<br>") + tr("Params: %1").arg(params.join(QStringLiteral(", ")));
    else if (spec->documented)
        text += QStringLiteral("<br>") + tr("No params: send an empty object.");
    if (!spec->resultKey.isEmpty())
        text += QStringLiteral(" · ") + tr("Result under <b>%1</b>").arg(spec->resultKey.toHtmlEscaped());
    m_ui->methodSummary->setText(text);
}

void ComposerWidget::replaceParams(const QString& text)
{
    // One edit block on the document: a single Ctrl+Z brings the previous text back.
    QTextCursor cursor(m_ui->paramsEdit->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
}

void ComposerWidget::setParamsText(const QString& text)
{
    replaceParams(text);
}

void ComposerWidget::insertTemplate()
{
    const MethodSpec* spec = methodSpec();
    if (!spec) {
        showResult(tinted(tr("No template: choose a method from the catalogue first."), Tone::Kind::Warning),
                   QString());
        return;
    }
    const QString text = templateText(*spec);
    replaceParams(text);
    m_lastTemplate = text;
    m_restoredTemplateMethod.clear();
}

void ComposerWidget::formatParams()
{
    const QString text = paramsText();
    if (text.trimmed().isEmpty())
        return;
    const JsonText::Syntax syntax = JsonText::check(text);
    if (!syntax.ok) {
        updateValidation();
        showResult(tinted(tr("Cannot format: %1").arg(syntax.message().toHtmlEscaped()), Tone::Kind::Error), QString());
        return;
    }
    const QString formatted = JsonText::indented(text);
    if (formatted != text)
        replaceParams(formatted);
}

void ComposerWidget::onParamsChanged()
{
    if (!m_loadingScenario && !m_scenarioNotice.isEmpty()) {
        m_scenarioNotice.clear(); // edited: no longer the scenario as loaded
        updateNotice();
    }
    m_validateTimer.start();
    scheduleDraftSave();
}

void ComposerWidget::onHeadersChanged()
{
    if (!m_loadingScenario && !m_scenarioNotice.isEmpty()) {
        m_scenarioNotice.clear();
        updateNotice();
    }
    updateHeadersStatus();
    updateTabTitles();
    m_validateTimer.start();
    scheduleDraftSave();
}

void ComposerWidget::updateHeadersStatus()
{
    if (!m_headersUi)
        return;
    const QStringList problems = headerProblems();
    if (!problems.isEmpty()) {
        m_headersUi->headersStatus->setText(
            tinted(QStringLiteral("✖ ") + problems.join(QStringLiteral("<br>✖ ")).toHtmlEscaped(), Tone::Kind::Error));
    } else {
        m_headersUi->headersStatus->setText(tinted(
            tr("Also sent: Content-Type and Accept (application/json) and User-Agent; a line here replaces one."),
            Tone::Kind::Neutral));
    }
}

void ComposerWidget::onRawBodyChanged()
{
    if (!m_loadingScenario && !m_scenarioNotice.isEmpty())
        m_scenarioNotice.clear();
    updateNotice();
    updateTabTitles();
    m_validateTimer.start();
    scheduleDraftSave();
}

void ComposerWidget::updateTabTitles()
{
    const int headers = int(extraHeaders().size());
    const bool problems = !headerProblems().isEmpty();
    QString title = tr("&Headers");
    if (problems)
        title += QStringLiteral(" ⚠");
    else if (headers > 0)
        title += QStringLiteral(" (%1)").arg(headers);
    m_ui->requestTabs->setTabText(m_ui->requestTabs->indexOf(m_ui->headersTab), title);
    m_ui->requestTabs->setTabText(m_ui->requestTabs->indexOf(m_ui->paramsTab),
                                  isRawBodyEnabled() ? tr("&Params (not sent)") : tr("&Params"));
    m_ui->requestTabs->setTabText(m_ui->requestTabs->indexOf(m_ui->rawBodyTab),
                                  isRawBodyEnabled() ? tr("Ra&w body (sent)") : tr("Ra&w body"));
}

void ComposerWidget::updateNotice()
{
    QStringList parts;
    if (!m_scenarioNotice.isEmpty())
        parts << m_scenarioNotice;
    if (isRawBodyEnabled()) {
        parts << tinted(tr("<b>Raw body:</b> the text of the Raw body tab goes out byte for byte as the whole "
                           "request body. It is not a {\"method\", \"params\", \"id\"} envelope: method, params "
                           "and id are not sent."),
                        Tone::Kind::Warning);
    }
    m_ui->noticeLabel->setText(parts.join(QStringLiteral("<br>")));
    m_ui->noticeLabel->setVisible(!parts.isEmpty());
}

void ComposerWidget::updateValidation()
{
    const QString text = paramsText();
    m_syntax = text.trimmed().isEmpty() ? JsonText::Syntax() : JsonText::check(text);
    if (text.trimmed().isEmpty()) {
        m_ui->paramsStatus->setText(tinted(tr("Empty: the request goes out without \"params\"."), Tone::Kind::Warning));
    } else if (m_syntax.ok) {
        m_ui->paramsStatus->setText(tinted(tr("✓ Valid JSON"), Tone::Kind::Ok));
    } else {
        m_ui->paramsStatus->setText(tinted(
            QStringLiteral("✖ <a href=\"#error\">%1</a>").arg(m_syntax.message().toHtmlEscaped()), Tone::Kind::Error));
    }
    updateSelections();
    updateActions();
}

void ComposerWidget::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument* document = m_ui->paramsEdit->document();
    const int last = document->characterCount() - 1;
    const auto underline = [&](int start, int length, const QColor& color) {
        QTextEdit::ExtraSelection selection;
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(color);
        selection.cursor = QTextCursor(document);
        start = qBound(0, start, last);
        // A problem at the very end (something missing) marks the last character.
        if (start == last && start > 0)
            --start;
        selection.cursor.setPosition(start);
        selection.cursor.setPosition(qBound(start + 1, start + qMax(1, length), qMax(last, start + 1)),
                                     QTextCursor::KeepAnchor);
        selections << selection;
    };
    // Lint findings at the offending key or value, when they lie in the params (and the text
    // they were computed for is still the editor's).
    if (m_lintParamsOffset >= 0 && m_lintedText.mid(m_lintParamsOffset, paramsText().size()) == paramsText()) {
        for (const LintFinding& finding : std::as_const(m_findings)) {
            const int start = finding.offset - m_lintParamsOffset;
            if (finding.offset < 0 || start < 0 || start + finding.length > paramsText().size())
                continue;
            underline(start, finding.length,
                      Tone::color(finding.isError() ? Tone::Kind::Error : Tone::Kind::Warning, palette()));
        }
    }
    // The syntax error last, so it is drawn on top.
    if (!m_syntax.ok && !paramsText().trimmed().isEmpty())
        underline(m_syntax.position, 1, Tone::color(Tone::Kind::Error, palette()));
    m_ui->paramsEdit->setExtraSelections(selections);
}

void ComposerWidget::checkNow()
{
    m_validateTimer.stop();
    updateValidation();
    updatePreview();
    runLint();
}

void ComposerWidget::runLint()
{
    m_lintTimer.stop();
    int paramsOffset = -1;
    // A raw body is checked as it is sent (the linter predicts 101 for form data).
    const QString text = isRawBodyEnabled() ? rawBodyText() : envelopeText(true, &paramsOffset);
    if (text.size() > kMaxLiveLintChars) {
        m_findings.clear();
        m_lintedText.clear();
        m_lintParamsOffset = -1;
        m_lintPanel->setNote(tr("Live checks are paused for requests over %1; `leadgen-diag lint FILE` checks them.")
                                 .arg(sizeText(kMaxLiveLintChars)));
        updateSelections();
        return;
    }
    LintContext context = LintContext::forEnvironment(environment(), !m_ui->secretEdit->text().isEmpty());
    // The account used is the composer's, which may differ from the environment's default.
    context.hasAccountId = !accountId().isEmpty();
    m_findings = m_linter.lint(text, context);
    m_lintedText = text;
    m_lintParamsOffset = paramsOffset;

    // Positions as the user sees them: in the params editor when the finding is there.
    QStringList positions;
    const QString params = paramsText();
    for (const LintFinding& finding : std::as_const(m_findings)) {
        const int start = finding.offset - paramsOffset;
        if (paramsOffset >= 0 && finding.offset >= 0 && start >= 0 && start <= params.size()) {
            int line = 0;
            int column = 0;
            JsonSourceScanner::lineColumn(params, start, &line, &column);
            positions << tr("params line %1, column %2").arg(line).arg(column);
        } else {
            positions << finding.path;
        }
    }
    m_lintPanel->setFindings(m_findings, positions);
    updateSelections();
}

void ComposerWidget::goToFinding(int index)
{
    if (index < 0 || index >= m_findings.size())
        return;
    const LintFinding& finding = m_findings.at(index);
    const int start = finding.offset - m_lintParamsOffset;
    if (m_lintParamsOffset < 0 || finding.offset < 0 || start < 0 || start > paramsText().size())
        return;
    QTextCursor cursor(m_ui->paramsEdit->document());
    cursor.setPosition(start);
    cursor.setPosition(qMin(int(paramsText().size()), start + finding.length), QTextCursor::KeepAnchor);
    m_ui->paramsEdit->setTextCursor(cursor);
    m_ui->paramsEdit->setFocus(Qt::OtherFocusReason);
}

bool ComposerWidget::applyLintFix(int index)
{
    if (index < 0 || index >= m_findings.size() || !m_findings.at(index).quickFix)
        return false;
    int paramsOffset = -1;
    const QString text = isRawBodyEnabled() ? rawBodyText() : envelopeText(true, &paramsOffset);
    if (text != m_lintedText) {
        // The request changed since the findings were computed: their offsets are stale.
        runLint();
        return false;
    }
    const LintFinding finding = m_findings.at(index);
    const QString params = paramsText();
    QList<LintTextEdit> edits = finding.quickFix->edits;
    bool inParams = paramsOffset >= 0;
    for (const LintTextEdit& edit : std::as_const(edits)) {
        if (edit.offset < paramsOffset || edit.offset + edit.length > paramsOffset + params.size())
            inParams = false;
    }
    if (inParams) {
        // Edits inside the params go through the editor: one undo step, formatting kept.
        const bool wasFormatted = JsonText::check(params).ok && JsonText::indented(params) == params;
        std::sort(edits.begin(), edits.end(),
                  [](const LintTextEdit& a, const LintTextEdit& b) { return a.offset > b.offset; });
        QTextCursor cursor(m_ui->paramsEdit->document());
        cursor.beginEditBlock();
        for (const LintTextEdit& edit : std::as_const(edits)) {
            cursor.setPosition(edit.offset - paramsOffset);
            cursor.setPosition(edit.offset - paramsOffset + edit.length, QTextCursor::KeepAnchor);
            cursor.insertText(edit.text);
        }
        const QString fixed = paramsText();
        if (wasFormatted && JsonText::check(fixed).ok && JsonText::indented(fixed) != fixed) {
            cursor.select(QTextCursor::Document);
            cursor.insertText(JsonText::indented(fixed));
        }
        cursor.endEditBlock();
    } else {
        // A fix of the envelope itself (method name, id, a missing params member): apply it to
        // the whole text and take each part back into its field.
        const QString fixed = RequestLinter::applyFix(text, finding);
        const JsonSourceScanner::Result scanned = JsonSourceScanner::scan(fixed);
        if (fixed == text || !scanned.ok || !scanned.root.isObject())
            return false;
        if (const JsonSourceNode* method = scanned.root.member(QStringLiteral("method"));
            method && method->kind == JsonSourceNode::Kind::String && method->scalar.toString() != m_method) {
            const bool restoring = m_restoring;
            m_restoring = true; // a corrected name keeps the params
            setMethod(method->scalar.toString());
            m_restoring = restoring;
        }
        if (const JsonSourceNode* id = scanned.root.member(QStringLiteral("id"))) {
            const QString value = id->kind == JsonSourceNode::Kind::String ? id->scalar.toString()
                                                                           : fixed.mid(id->start, id->end - id->start);
            if (value != requestId())
                setRequestId(value);
        }
        if (const JsonSourceNode* node = scanned.root.member(QStringLiteral("params"))) {
            const QString slice = fixed.mid(node->start, node->end - node->start);
            if (JsonText::compact(slice) != JsonText::compact(params))
                replaceParams(JsonText::check(slice).ok ? JsonText::indented(slice) : slice);
        }
    }
    checkNow();
    return true;
}

void ComposerWidget::updatePreview()
{
    if (!m_constructed)
        return;
    const QByteArray bytes = body();
    // The body is shown as sent, except a secretKey the user put into it (legacy header).
    m_ui->envelopePreview->setPlainText(Redactor::redactText(QString::fromUtf8(bytes)));
    m_ui->previewTabs->setTabToolTip(0, tr("%1 bytes sent as the POST body").arg(bytes.size()));

    const Environment env = environment();
    const QString url = displayUrl();
    if (!url.isEmpty()) {
        m_ui->urlPreview->setText(QStringLiteral("POST ") + url);
    } else if (env.isSimulator()) {
        m_ui->urlPreview->setText(m_simulator ? tr("(the simulator starts on the first Send)")
                                              : tr("(no simulator in this build)"));
    } else {
        m_ui->urlPreview->setText(tr("(no endpoint URL: set one under Manage…)"));
    }
    m_ui->urlPreview->setCursorPosition(0);
    const QList<ApiRequest::Header> headers = extraHeaders();
    QStringList shown;
    for (const ApiRequest::Header& header : headers)
        shown << QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second);
    m_ui->headersPreview->setText(shown.join(QStringLiteral("   ")));
    m_ui->headersPreview->setCursorPosition(0);
    m_ui->headersPreview->setVisible(!shown.isEmpty());
    m_ui->headersPreviewLabel->setVisible(!shown.isEmpty());
    m_ui->previewTabs->setTabText(0, isRawBodyEnabled() ? tr("Request &body (raw)") : tr("Request &body"));
    updateActions();
    // Everything that changes the preview can change the prediction.
    m_lintTimer.start();
}

void ComposerWidget::updateActions()
{
    const bool running = isSending();
    m_sendAction->setEnabled(!running);
    m_ui->sendButton->setEnabled(!running);
    m_cancelAction->setEnabled(running);
    m_ui->cancelButton->setEnabled(running);
    m_insertTemplateAction->setEnabled(methodSpec() != nullptr);
    m_formatAction->setEnabled(!paramsText().trimmed().isEmpty());
}

void ComposerWidget::regenerateRequestId()
{
    m_ui->requestIdEdit->setText(RequestEnvelope::generateId());
    m_idEditedByUser = false;
    m_validateTimer.start();
    scheduleDraftSave();
}

void ComposerWidget::setRequestId(const QString& id)
{
    m_ui->requestIdEdit->setText(id);
    m_idEditedByUser = true;
    m_validateTimer.start();
    scheduleDraftSave();
}

// ----------------------------------------------------------------------------------------------
// Sending

bool ComposerWidget::prepareRequest(ApiRequest* request, QString* error)
{
    const Environment env = environment();
    if (env.isSimulator()) {
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
    }
    request->endpoint = m_environments.endpoint(env);
    if (request->endpoint.isEmpty()) {
        *error = tr("“%1” has no endpoint URL: set one under Manage….").arg(env.name);
        return false;
    }
    request->accountId = accountId();
    request->secretKey = m_ui->secretEdit->text();
    request->body = body();
    const HeaderLines::Result headers = HeaderLines::parse(headersText(), request->secretKey);
    if (!headers.ok()) {
        *error = tr("Fix the Headers tab first: %1").arg(headers.problems.constFirst().toString());
        return false;
    }
    request->headers = headers.headers;
    request->timeoutMs = m_ui->timeoutSpin->value() * 1000;
    request->trustedCertificates = env.trustedCertificates;
    return true;
}

bool ComposerWidget::currentRequest(ApiRequest* request, QString* error)
{
    return prepareRequest(request, error);
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
    m_loadingScenario = true;
    const QString account = scenario.query.value(QLatin1String("accountID")).toString();
    const QString secret = scenario.query.value(QLatin1String("secretKey")).toString();
    applyEnvironment(*simulator, account);
    // Exactly the scenario's credentials: an absent one stays absent (103, 104), a wrong one is
    // sent wrong (105). Demo accounts are never stored, so nothing here reaches the keychain.
    setAccountId(account);
    m_ui->secretEdit->setText(secret);
    onSecretEdited();

    QList<ApiRequest::Header> headers;
    for (auto it = scenario.headers.begin(); it != scenario.headers.end(); ++it) {
        const ApiRequest::Header header{it.key().toLatin1(), it.value().toString().toLatin1()};
        if (!HeaderLines::isDefault(header))
            headers << header;
    }
    setHeadersText(HeaderLines::format(headers));

    const std::optional<RequestEnvelope> envelope =
        scenario.body.isObject() ? std::optional<RequestEnvelope>(RequestEnvelope(scenario.body.toObject()))
                                 : std::nullopt;
    if (loadBody(envelope, scenario.bodyBytes()))
        m_ui->requestTabs->setCurrentWidget(headers.isEmpty() ? m_ui->paramsTab : m_ui->headersTab);
    m_ui->previewTabs->setCurrentWidget(m_ui->envelopeTab);

    QStringList facts;
    facts << (scenario.level == QLatin1String("object") ? tr("per-object error (result.*[i].error)")
                                                        : tr("API-level error"));
    if (!scenario.natural)
        facts << tr("injected with the simulator's X-Simulator-Fault header (no ordinary request produces it here)");
    if (scenario.repeat > 1)
        facts << tr("sent %1 times in a row; the last answer is shown").arg(scenario.repeat);
    if (!scenario.query.contains(QLatin1String("accountID")))
        facts << tr("no accountID in the URL");
    if (!scenario.query.contains(QLatin1String("secretKey")))
        facts << tr("no secretKey in the URL");
    QString html = tr("<b>Reproducing %1</b> · %2 · %3")
                       .arg(scenario.code)
                       .arg(scenario.title.toHtmlEscaped(), facts.join(QStringLiteral(" · ")).toHtmlEscaped());
    if (!scenario.note.isEmpty())
        html += QStringLiteral("<br>") + scenario.note.toHtmlEscaped();
    m_scenarioNotice = tinted(html, Tone::Kind::Neutral);
    updateNotice();
    updateTabTitles();
    checkNow();
    flushDraft();
    m_loadingScenario = false;
    return true;
}

bool ComposerWidget::confirmMutating()
{
    const Environment env = environment();
    if (env.isSimulator())
        return true;
    // Case-insensitive: "createleads" is not a method, but the user meant createLeads.
    const MethodSpec* spec = m_catalog.byNameCaseInsensitive(m_method);
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
        showResult(tinted(error.toHtmlEscaped(), Tone::Kind::Error), QString());
        return;
    }
    if (!confirmMutating()) {
        showResult(tr("Not sent: %1 changes data and was not confirmed for %2.").arg(m_method, environment().name),
                   QString());
        return;
    }
    storeSecret();
    rememberAccount(environment(), accountId());
    flushDraft();
    ApiClient* sender = client();
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->setFormat(tr("Sending…"));
    m_ui->progressBar->show();
    showResult(tr("Sending %1 to %2…").arg(m_method.isEmpty() ? tr("the request") : m_method, environment().name),
               QString());
    sender->send(request);
    updateActions();
}

void ComposerWidget::cancel()
{
    if (isSending())
        m_client->cancel();
}

void ComposerWidget::onUploadProgress(qint64 sent, qint64 total)
{
    if (total <= 0 || sent >= total)
        return;
    m_ui->progressBar->setRange(0, 1000);
    m_ui->progressBar->setValue(int(sent * 1000 / total));
    m_ui->progressBar->setFormat(tr("Sending %1 of %2").arg(sizeText(sent), sizeText(total)));
}

void ComposerWidget::onDownloadProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(int(qMin(received, total) * 1000 / total));
        m_ui->progressBar->setFormat(tr("Received %1 of %2").arg(sizeText(received), sizeText(total)));
    } else if (received > 0) {
        m_ui->progressBar->setRange(0, 0);
        m_ui->progressBar->setFormat(tr("Received %1").arg(sizeText(received)));
    }
}

void ComposerWidget::onFinished(const CallCapture& capture)
{
    m_ui->progressBar->hide();
    QString error;
    const bool small = capture.bodySize <= kMaxResponsePreview;
    const QByteArray responseBody =
        small ? capture.readBody(&error) : capture.readBody(&error).left(kMaxResponsePreview);

    QString line;
    Tone::Kind tone = Tone::Kind::Neutral;
    QString details = capture.explanation;
    if (capture.layer == FailureLayer::Cancelled) {
        line = tr("Cancelled after %1 ms.").arg(capture.totalMs).toHtmlEscaped();
        tone = Tone::Kind::Warning;
    } else if (capture.hasResponse) {
        line = tr("HTTP %1 %2 · %3 ms · %4")
                   .arg(capture.httpStatus)
                   .arg(capture.reasonPhrase, QString::number(capture.totalMs), sizeText(capture.bodySize))
                   .toHtmlEscaped();
        tone = capture.layer == FailureLayer::None ? Tone::Kind::Ok : Tone::Kind::Error;
        if (small && error.isEmpty()) {
            // The verdict at a glance; the inspector shows every finding.
            ResponseAnalyzer::Context context;
            context.httpStatus = capture.httpStatus;
            context.headers = capture.responseHeaders;
            if (const auto envelope = RequestEnvelope::parse(capture.requestBody))
                context.request = envelope->object();
            const Diagnosis diagnosis = ResponseAnalyzer().analyze(responseBody, context);
            QString verdict = tr("verdict: %1").arg(Diagnosis::verdictName(diagnosis.verdict));
            if (!diagnosis.batch.isEmpty())
                verdict += QStringLiteral(" · ") +
                           tr("%1 of %2 objects failed").arg(diagnosis.stats.failed).arg(diagnosis.stats.objects);
            else if (diagnosis.stats.objects > 0)
                verdict +=
                    QStringLiteral(" · ") +
                    (diagnosis.stats.objects == 1 ? tr("1 record") : tr("%1 records").arg(diagnosis.stats.objects));
            for (const Finding& finding : diagnosis.findings) {
                if (finding.severity == Finding::Severity::Error) {
                    verdict += QStringLiteral(" — ") + finding.message;
                    break;
                }
            }
            line += QStringLiteral(" · ") + verdict.toHtmlEscaped();
            if (diagnosis.verdict == Diagnosis::Verdict::PartialFailure)
                tone = Tone::Kind::Warning;
            else if (diagnosis.verdict != Diagnosis::Verdict::Ok)
                tone = Tone::Kind::Error;
            details = diagnosis.toText().trimmed();
        } else if (capture.layer != FailureLayer::None) {
            line += QStringLiteral(" · ") + failureLayerTitle(capture.layer).toHtmlEscaped() + QStringLiteral(": ") +
                    capture.facts.toHtmlEscaped();
        }
    } else {
        line = failureLayerTitle(capture.layer).toHtmlEscaped() + QStringLiteral(": ") + capture.facts.toHtmlEscaped();
        tone = Tone::Kind::Error;
    }
    // The inspector (main window) shows every finding of the call; a link takes the user there.
    if (capture.layer != FailureLayer::Cancelled &&
        isSignalConnected(QMetaMethod::fromSignal(&ComposerWidget::inspectRequested)))
        line += QStringLiteral(" · <a href=\"inspect\">%1</a>").arg(tr("Inspect"));
    showResult(tinted(line, tone), details);

    QString shown;
    if (!error.isEmpty()) {
        shown = error;
    } else {
        shown = QString::fromUtf8(responseBody);
        // Indented for reading when it is complete JSON; the raw bytes go to the inspector.
        if (small && JsonText::check(shown).ok)
            shown = JsonText::indented(shown);
        if (!small)
            shown += tr("\n\n… %1 in all; the inspector shows the whole response.").arg(sizeText(capture.bodySize));
    }
    if (!capture.hasResponse && shown.isEmpty())
        shown = capture.explanation;
    responsePage().responseView->setPlainText(shown);
    if (capture.layer != FailureLayer::Cancelled && m_responsePreview)
        m_ui->previewTabs->setCurrentWidget(m_ui->responseTab);

    // The next call gets a fresh id unless the user chose this one.
    if (!m_idEditedByUser)
        regenerateRequestId();
    updateActions();
    emit callFinished(capture);
}

QString ComposerWidget::tinted(const QString& html, Tone::Kind kind) const
{
    return Tone::html(html, kind, palette());
}

void ComposerWidget::showResult(const QString& html, const QString& toolTip)
{
    m_ui->resultLabel->setText(html);
    m_ui->resultLabel->setToolTip(toolTip);
}

// ----------------------------------------------------------------------------------------------
// Environments dialog

void ComposerWidget::manageEnvironments()
{
    EnvironmentDialog dialog(m_environments, prompter(), this);
    dialog.setObjectName(QStringLiteral("environmentDialog"));
    dialog.selectEnvironment(m_environmentId);
    dialog.exec();
    refreshEnvironments();
    applyEnvironment(environment(), accountId());
}

// ----------------------------------------------------------------------------------------------
// Files and cURL

bool ComposerWidget::loadBody(const std::optional<RequestEnvelope>& envelope, const QByteArray& body)
{
    if (!envelope) {
        setRawBody(QString::fromUtf8(body), true);
        m_ui->requestTabs->setCurrentWidget(m_ui->rawBodyTab);
        return false;
    }
    const bool restoring = m_restoring;
    m_restoring = true; // no template replacement: the loaded params win
    setMethod(envelope->method());
    m_restoring = restoring;
    setParamsText(envelope->hasParams() ? JsonText::valueText(envelope->params(), true) : QString());
    m_lastTemplate.clear();
    m_restoredTemplateMethod.clear();
    setRequestId(envelope->idText());
    m_extraMembers = envelope->object();
    for (const char* member : {"method", "params", "id"})
        m_extraMembers.remove(QLatin1String(member));
    setRawBody(rawBodyText(), false);
    return true;
}

bool ComposerWidget::openRequestFile(const QString& path, QString* error)
{
    QString why;
    QStringList warnings;
    const auto file = RequestFile::load(path, &why, &warnings);
    const auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        showResult(tinted(message.toHtmlEscaped(), Tone::Kind::Error), QString());
        return false;
    };
    if (!file)
        return fail(tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), why));
    // A body that is not an envelope (kept to reproduce 101) opens in the Raw body tab.
    const auto envelope = RequestEnvelope::parse(file->body);

    if (!file->environment.isEmpty()) {
        if (const auto env = m_environments.find(file->environment))
            applyEnvironment(*env, file->accountId);
        else
            warnings << tr("There is no environment named “%1” here; the request stays on %2.")
                            .arg(file->environment, environment().name);
    }
    if (!file->accountId.isEmpty())
        setAccountId(file->accountId);

    setHeadersText(HeaderLines::format(file->headers));
    loadBody(envelope, file->body);
    m_lastFile = path;
    updateValidation();
    updatePreview();
    flushDraft();

    QString message = tr("Opened %1.").arg(QFileInfo(path).fileName());
    if (!warnings.isEmpty())
        message += QLatin1Char(' ') + warnings.join(QLatin1Char(' '));
    showResult(tinted(message.toHtmlEscaped(), warnings.isEmpty() ? Tone::Kind::Neutral : Tone::Kind::Warning),
               QString());
    emit statusMessage(message, 5000);
    return true;
}

bool ComposerWidget::saveRequestFile(const QString& path, QString* error)
{
    RequestFile file;
    file.body = body();
    file.environment = environment().name;
    file.accountId = accountId();
    const HeaderLines::Result headers = HeaderLines::parse(headersText(), m_ui->secretEdit->text());
    file.headers = headers.headers;
    QString why;
    QStringList warnings;
    for (const HeaderLines::Problem& problem : headers.problems)
        warnings << tr("Headers %1 (not saved).").arg(problem.toString());
    if (!file.save(path, &why, &warnings)) {
        const QString message = tr("Cannot save %1: %2").arg(QFileInfo(path).fileName(), why);
        if (error)
            *error = message;
        showResult(tinted(message.toHtmlEscaped(), Tone::Kind::Error), QString());
        return false;
    }
    m_lastFile = path;
    QString message = tr("Saved %1 (without the secret key).").arg(QDir::toNativeSeparators(path));
    if (!warnings.isEmpty())
        message += QLatin1Char(' ') + warnings.join(QLatin1Char(' '));
    emit statusMessage(message, 5000);
    showResult(message.toHtmlEscaped(), QString());
    return true;
}

void ComposerWidget::openRequestInteractive()
{
    const QString directory = m_lastFile.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                                   : QFileInfo(m_lastFile).absolutePath();
    const QString path =
        prompter().openFileName(this, tr("Open request"), directory, tr("Request files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openRequestFile(path, &error))
        prompter().warn(this, tr("Open request"), error);
}

void ComposerWidget::saveRequestInteractive()
{
    const QString directory = m_lastFile.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                                   : QFileInfo(m_lastFile).absolutePath();
    const QString name = (m_method.isEmpty() ? QStringLiteral("request") : m_method) + QLatin1Char('-') +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
                         QStringLiteral(".json");
    QString path = prompter().saveFileName(this, tr("Save request"), QDir(directory).filePath(name),
                                           tr("Request files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    QString error;
    if (!saveRequestFile(path, &error))
        prompter().warn(this, tr("Save request"), error);
}

QString ComposerWidget::curlCommandLine(bool includeSecret) const
{
    ApiRequest request;
    QString error;
    if (!const_cast<ComposerWidget*>(this)->prepareRequest(&request, &error))
        return QString();
    return CurlCommand::fromRequest(request).toCommandLine(includeSecret ? CurlCommand::Secret::Included
                                                                         : CurlCommand::Secret::Redacted);
}

void ComposerWidget::copyCurl()
{
    const QString line = curlCommandLine(false);
    if (line.isEmpty()) {
        ApiRequest request;
        QString error;
        prepareRequest(&request, &error);
        showResult(tinted(tr("Nothing copied: %1").arg(error).toHtmlEscaped(), Tone::Kind::Error), QString());
        return;
    }
    QGuiApplication::clipboard()->setText(line);
    emit statusMessage(tr("Copied as cURL; the secret key is masked (•••)."), 4000);
}

void ComposerWidget::copyCurlWithSecret()
{
    const QString line = curlCommandLine(true);
    if (line.isEmpty()) {
        ApiRequest request;
        QString error;
        prepareRequest(&request, &error);
        showResult(tinted(tr("Nothing copied: %1").arg(error).toHtmlEscaped(), Tone::Kind::Error), QString());
        return;
    }
    QGuiApplication::clipboard()->setText(line);
    emit statusMessage(tr("Copied as cURL WITH the secret key: paste it only where it is safe."), 6000);
}

bool ComposerWidget::importCurl(const QString& commandLine, QString* error)
{
    const auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        showResult(tinted(message.toHtmlEscaped(), Tone::Kind::Error), QString());
        return false;
    };
    CurlCommand::ParseError parseError;
    CurlCommand::Options options;
    options.allowFiles = false; // a pasted command must not make the app read local files
    const auto command = CurlCommand::parse(commandLine, &parseError, options);
    if (!command)
        return fail(tr("Not a usable cURL command: %1").arg(parseError.toString()));
    QStringList notes = command->warnings;
    const ApiRequest request = command->toRequest(&notes);
    // A body that is not an envelope (form data, text) goes to the Raw body tab as is.
    auto envelope = RequestEnvelope::parse(request.body);
    // A secret in the body (legacy `header`) goes to the secret field, never into the params.
    const std::optional<QString> bodySecret = envelope ? envelope->takeSecrets() : std::nullopt;

    const QUrl endpoint = command->endpoint();
    bool matched = false;
    const QList<Environment> list = m_environments.environments();
    for (const Environment& env : list) {
        if (sameEndpoint(m_environments.endpoint(env), endpoint)) {
            applyEnvironment(env, request.accountId);
            matched = true;
            break;
        }
    }
    if (!matched) {
        notes << tr("No environment has the endpoint %1; the request stays on %2 (add it under Manage…).")
                     .arg(Redactor::redactUrl(endpoint), environment().name);
    }
    setAccountId(request.accountId);
    QString secret = request.secretKey;
    if (secret.isEmpty() && bodySecret)
        secret = *bodySecret;
    if (!secret.isEmpty()) {
        m_ui->secretEdit->setText(secret);
        onSecretEdited();
    }
    // Headers the client sends anyway are left out; the others go to the Headers tab, where a
    // problem (a credential, the secret in a value) is shown rather than silently dropped.
    QList<ApiRequest::Header> headers;
    for (const ApiRequest::Header& header : request.headers) {
        if (!HeaderLines::isDefault(header))
            headers << header;
    }
    setHeadersText(HeaderLines::format(headers));
    if (!headerProblems().isEmpty())
        notes << tr("Check the Headers tab: %1.").arg(headerProblems().join(QStringLiteral("; ")));

    if (!loadBody(envelope, request.body))
        notes << tr("The body is not a JSON-RPC envelope: it is in the Raw body tab and is sent as is.");
    updateValidation();
    updatePreview();

    QString message = tr("Imported the cURL command.");
    if (!notes.isEmpty())
        message += QLatin1Char(' ') + notes.join(QLatin1Char(' '));
    showResult(tinted(message.toHtmlEscaped(), notes.isEmpty() ? Tone::Kind::Neutral : Tone::Kind::Warning), QString());
    return true;
}

void ComposerWidget::importCurlInteractive()
{
    const QString text = prompter().curlCommand(this);
    if (text.isEmpty())
        return;
    QString error;
    if (!importCurl(text, &error))
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
    if (!compact) // back from hiding: the list at its usual width, not squeezed
        m_ui->composerSplitter->setSizes({250, std::max(0, width() - 250)});
}

void ComposerWidget::setMethodListShown(bool shown)
{
    if (shown && !m_picker) {
        m_picker = new MethodPicker(m_catalog, m_ui->methodPanel);
        m_picker->setObjectName(QStringLiteral("methodPicker"));
        m_ui->methodPanelLayout->addWidget(m_picker);
        m_picker->setCurrentMethod(m_method);
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

void ComposerWidget::restoreLayout()
{
    m_ui->composerSplitter->restoreState(m_settings->value(QStringLiteral("composer/layout/splitter")).toByteArray());
    m_ui->editorSplitter->restoreState(m_settings->value(QStringLiteral("composer/layout/editor")).toByteArray());
    const QVariant list = m_settings->value(QStringLiteral("composer/layout/methodList"));
    if (list.isValid()) {
        m_methodListChosen = true;
        setMethodListShown(list.toBool());
        m_methodListAction->setChecked(list.toBool());
    }
}

void ComposerWidget::saveLayout() const
{
    m_settings->setValue(QStringLiteral("composer/layout/splitter"), m_ui->composerSplitter->saveState());
    m_settings->setValue(QStringLiteral("composer/layout/editor"), m_ui->editorSplitter->saveState());
    if (m_methodListChosen)
        m_settings->setValue(QStringLiteral("composer/layout/methodList"), isMethodListVisible());
    else
        m_settings->remove(QStringLiteral("composer/layout/methodList"));
}

void ComposerWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (JsonHighlighter* highlighter : {m_paramsHighlighter, m_envelopeHighlighter, m_responseHighlighter}) {
            if (highlighter)
                highlighter->setPalette(palette());
        }
        if (m_picker)
            showMethodInfo();
    }
}
