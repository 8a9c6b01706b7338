#include "InspectorWidget.h"

#include "BatchTableModel.h"
#include "BodyFindBar.h"
#include "BodyView.h"
#include "ByteSize.h"
#include "CallCapture.h"
#include "EmptyStateWidget.h"
#include "ErrorCatalog.h"
#include "FindingsModel.h"
#include "FinishedCall.h"
#include "InspectorResultsPage.h"
#include "JsonTreeModel.h"
#include "RecentFiles.h"
#include "ui_InspectorContent.h"
#include "ui_InspectorWidget.h"
#include "VerdictBanner.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QtConcurrent>
#include <QTreeView>

namespace {

bool looksLikeJson(QByteArrayView bytes)
{
    for (qsizetype i = 0; i < bytes.size() && i < 4096; ++i) {
        const char c = bytes.at(i);
        if (c == '{' || c == '[')
            return true;
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\xef' && c != '\xbb' && c != '\xbf')
            return false;
    }
    return false;
}
} // namespace

InspectorWidget::InspectorWidget(const ErrorCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::InspectorWidget>())
    , m_catalog(catalog)
    , m_settings(InspectorSettings::load())
{
    m_ui->setupUi(this);
    setAcceptDrops(true);

    m_session = new InspectorSession(this);
    connect(m_session, &InspectorSession::started, this, &InspectorWidget::onStarted);
    connect(m_session, &InspectorSession::progress, m_ui->progressBar, &QProgressBar::setValue);
    connect(m_session, &InspectorSession::indexReady, this, &InspectorWidget::onTreeReady);
    connect(m_session, &InspectorSession::finished, this, &InspectorWidget::onFinished);
    connect(m_session, &InspectorSession::canceled, this, &InspectorWidget::onCanceled);
    connect(m_session, &InspectorSession::failed, this, &InspectorWidget::onFailed);
    connect(m_session, &InspectorSession::openFailed, this, &InspectorWidget::onOpenFailed);
    connect(m_session, &InspectorSession::noResponse, this, &InspectorWidget::onNoResponse);
    connect(m_session, &InspectorSession::requestChanged, this, &InspectorWidget::updateRequestTab);
    connect(m_session, &InspectorSession::warning, this,
            [this](const QString& message) { emit statusMessage(message, 8000); });
    connect(&m_layoutWatcher, &QFutureWatcher<Layouts>::finished, this, &InspectorWidget::onLayoutsReady);

    // The models exist from the start (the main window and tests read them); the results page
    // that shows them is built on first use: at startup only the empty state is visible.
    m_findings = new FindingsModel(m_catalog, this);
    m_tree = new JsonTreeModel(this);
    m_batch = new BatchTableModel(this);
    createActions();
    setupEmptyState();
    m_ui->progressBar->hide();
    m_ui->cancelButton->hide();
    m_ui->pages->setCurrentWidget(m_ui->emptyState);
    // The empty state says what to do; a "No response" banner above it would only repeat it.
    m_ui->verdictBanner->hide();
    m_ui->sourceLabel->clear();
    connect(m_ui->verdictBanner, &VerdictBanner::nextPageRequested, this, [this] {
        const auto& next = m_ui->verdictBanner->nextPage();
        const auto result = m_session->result();
        if (!next || !result)
            return;
        // A call just made is sent again at once; a file or paste may belong to another account
        // or environment, so its next page waits in the composer for Send.
        emit nextPageRequested(result->diagnosis.method, next->params,
                               m_session->source().kind == InspectorSession::Source::Kind::Received);
    });
}

Ui::InspectorContent* InspectorWidget::content() const
{
    if (!m_page)
        const_cast<InspectorWidget*>(this)->buildContent();
    return m_page->ui();
}

void InspectorWidget::buildContent()
{
    m_page = new InspectorResultsPage(m_ui->contentPage, m_session, m_findings, m_tree, m_batch, this);
    connect(m_page, &InspectorResultsPage::findingChanged, this, [this](int row) {
        m_explainAction->setEnabled(content()->explainButton->isEnabled());
        m_session->setSelectedFinding(row);
    });
    connect(m_page, &InspectorResultsPage::explainRequested, this, &InspectorWidget::explainCurrentFinding);
    connect(m_page, &InspectorResultsPage::copied, this,
            [this](const QString& what) { emit statusMessage(tr("Copied %1").arg(what), 3000); });
    connect(m_page, &InspectorResultsPage::exported, this,
            [this](const QString& message) { emit statusMessage(message, 6000); });
    connect(m_page, &InspectorResultsPage::retryRequested, this, &InspectorWidget::retryRequested);
    Ui::InspectorContent* ui = m_page->ui();
    ui->findingsView->addAction(m_explainAction);
    m_findBar = new BodyFindBar(
        ui, [this] { return m_busy; }, this);
    setupViews();
}

void InspectorWidget::showContentPage()
{
    content();
    m_ui->pages->setCurrentWidget(m_ui->contentPage);
    m_ui->verdictBanner->show();
}

InspectorWidget::~InspectorWidget()
{
    if (m_layoutCancel)
        *m_layoutCancel = true;
    m_layoutWatcher.waitForFinished();
}

BodyView* InspectorWidget::bodyView() const
{
    return content()->bodyView;
}

BodyView* InspectorWidget::rawView() const
{
    return content()->rawView;
}

void InspectorWidget::createActions()
{
    m_openAction = new QAction(tr("&Open response…"), this);
    m_openAction->setObjectName(QStringLiteral("openResponseAction"));
    m_openAction->setToolTip(tr("Open a saved response (any size) and, optionally, its request"));
    connect(m_openAction, &QAction::triggered, this, &InspectorWidget::openFileDialog);

    m_pasteAction = new QAction(tr("&Paste response"), this);
    m_pasteAction->setObjectName(QStringLiteral("pasteResponseAction"));
    m_pasteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_pasteAction->setToolTip(tr("Inspect the response on the clipboard: a body, or curl -i / curl -v output "
                                 "(Ctrl+Shift+V)"));
    connect(m_pasteAction, &QAction::triggered, this, &InspectorWidget::pasteFromClipboard);

    m_correlateAction = new QAction(tr("Correlate &request…"), this);
    m_correlateAction->setObjectName(QStringLiteral("correlateRequestAction"));
    m_correlateAction->setToolTip(
        tr("Pick the request this response answers: the id is checked and each batch row names its object"));
    connect(m_correlateAction, &QAction::triggered, this, &InspectorWidget::correlateDialog);
    // The request can come from a file (the button's own action), the clipboard or the composer.
    auto* correlateMenu = new QMenu(this);
    correlateMenu->setObjectName(QStringLiteral("correlateMenu"));
    QAction* fromFile = correlateMenu->addAction(tr("From a &file…"), this, &InspectorWidget::correlateDialog);
    fromFile->setObjectName(QStringLiteral("correlateFileAction"));
    QAction* fromClipboard =
        correlateMenu->addAction(tr("From the &clipboard"), this, &InspectorWidget::correlateFromClipboard);
    fromClipboard->setObjectName(QStringLiteral("correlatePasteAction"));
    m_correlateComposerAction =
        correlateMenu->addAction(tr("The c&omposer's request"), this, &InspectorWidget::correlateWithComposer);
    m_correlateComposerAction->setObjectName(QStringLiteral("correlateComposerAction"));
    m_correlateComposerAction->setVisible(false);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findAction->setToolTip(tr("Find in the body (Ctrl+F)"));
    connect(m_findAction, &QAction::triggered, this, &InspectorWidget::showFindBar);

    m_findNextAction = new QAction(tr("Find next"), this);
    m_findNextAction->setShortcut(QKeySequence::FindNext);
    m_findNextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findNextAction, &QAction::triggered, this, &InspectorWidget::findNext);
    m_findPreviousAction = new QAction(tr("Find previous"), this);
    m_findPreviousAction->setShortcut(QKeySequence::FindPrevious);
    m_findPreviousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findPreviousAction, &QAction::triggered, this, &InspectorWidget::findPrevious);

    m_explainAction = new QAction(tr("&Explain"), this);
    m_explainAction->setShortcut(QKeySequence::HelpContents);
    m_explainAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_explainAction, &QAction::triggered, this, &InspectorWidget::explainCurrentFinding);

    addActions({m_openAction, m_pasteAction, m_correlateAction, m_findAction, m_findNextAction, m_findPreviousAction});

    // The toolbar says it short (the menus and tooltips in full): with the progress bar and
    // Cancel beside them while a response is analysed, full texts would widen the window.
    m_openAction->setIconText(tr("Open…"));
    m_pasteAction->setIconText(tr("Paste"));
    m_correlateAction->setIconText(tr("Correlate…"));
    m_ui->openButton->setDefaultAction(m_openAction);
    m_ui->pasteButton->setDefaultAction(m_pasteAction);
    m_ui->correlateButton->setDefaultAction(m_correlateAction);
    m_ui->correlateButton->setMenu(correlateMenu);
    m_ui->correlateButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_ui->findButton->setDefaultAction(m_findAction);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &InspectorWidget::cancel);
}

void InspectorWidget::setupViews()
{
    Ui::InspectorContent* ui = m_page->ui();
    for (BodyView* view : {ui->bodyView, ui->rawView}) {
        connect(view, &BodyView::explainRequested, this, &InspectorWidget::explainRequested);
        connect(view, &BodyView::markActivated, this, &InspectorWidget::selectFinding);
    }
    connect(ui->bodyNotice, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("pretty")) {
            m_forcePretty = true;
            buildLayouts();
        }
    });
}

void InspectorWidget::setupEmptyState()
{
    EmptyStateWidget* empty = m_ui->emptyState;
    empty->setTitle(tr("No response to inspect yet"));
    empty->setText(tr("Press <b>Send</b> in the composer: the response opens here with its verdict, each finding "
                      "explained and the error objects marked.<br><br>"
                      "To look at a response someone sent you: <b>open</b> the saved file, <b>paste</b> it "
                      "(Ctrl+Shift+V; a bare body or <code>curl -i</code> / <code>curl -v</code> output with its "
                      "headers), or <b>drop</b> a file or text here. Add the request it answers with "
                      "<b>Correlate request…</b> to see which submitted objects failed."));
    QPushButton* open = empty->addButton(tr("Open response…"), QStringLiteral("emptyOpenButton"));
    connect(open, &QPushButton::clicked, this, &InspectorWidget::openFileDialog);
    QPushButton* paste = empty->addButton(tr("Paste response"), QStringLiteral("emptyPasteButton"));
    connect(paste, &QPushButton::clicked, this, &InspectorWidget::pasteFromClipboard);
    // A ready-made partial failure from the catalogue shows what the inspector does.
    if (const ErrorEntry* example = m_catalog.byCode(301); example && example->example.isObject()) {
        QPushButton* tryIt = empty->addButton(tr("Try an example"), QStringLiteral("emptyExampleButton"));
        connect(tryIt, &QPushButton::clicked, this, [this, example] { openExample(*example); });
    }
}

// --- inputs ---------------------------------------------------------------------------------

bool InspectorWidget::openFile(const QString& path, const QString& requestPath)
{
    return m_session->openFile(path, requestPath);
}

void InspectorWidget::openText(const QByteArray& text, const QString& title)
{
    m_session->openText(text, title);
}

void InspectorWidget::openExample(const ErrorEntry& entry)
{
    m_session->openExample(entry);
}

void InspectorWidget::openCapture(const CallCapture& capture)
{
    m_session->openCapture(capture);
}

void InspectorWidget::openAnalysedCall(const FinishedCall& call)
{
    m_session->openCapture(call.capture, call.analysis);
}

void InspectorWidget::pasteFromClipboard()
{
    if (!openMime(QApplication::clipboard()->mimeData(), tr("Pasted text")))
        emit statusMessage(tr("Nothing to paste: the clipboard holds no text"), 5000);
}

void InspectorWidget::setComposerRequestSource(std::function<QByteArray()> source)
{
    m_composerRequest = std::move(source);
    m_correlateComposerAction->setVisible(bool(m_composerRequest));
}

void InspectorWidget::correlateFromClipboard()
{
    const QByteArray text = QApplication::clipboard()->text().toUtf8();
    QString why;
    if (text.trimmed().isEmpty())
        emit statusMessage(tr("Nothing to correlate: the clipboard holds no text"), 5000);
    else if (!m_session->setRequestText(text, tr("the request pasted from the clipboard"), &why))
        emit statusMessage(tr("The clipboard holds no request: %1").arg(why), 8000);
}

void InspectorWidget::correlateWithComposer()
{
    QString why;
    if (!m_composerRequest)
        return;
    if (!m_session->setRequestText(m_composerRequest(), tr("the composer's request"), &why))
        emit statusMessage(tr("The composer's request cannot be correlated: %1").arg(why), 8000);
}

bool InspectorWidget::openMime(const QMimeData* mime, const QString& textTitle)
{
    if (mime && mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile()) {
                openFile(url.toLocalFile());
                return true;
            }
        }
    }
    const QString text = mime ? mime->text() : QString();
    if (text.trimmed().isEmpty())
        return false;
    openText(text.toUtf8(), textTitle);
    return true;
}

bool InspectorWidget::setRequestFile(const QString& path)
{
    return m_session->setRequestFile(path);
}

void InspectorWidget::setRequestEnvelope(const QJsonObject& envelope, const QString& description)
{
    m_session->setRequestEnvelope(envelope, description);
}

void InspectorWidget::clearRequest()
{
    m_session->clearRequest();
}

void InspectorWidget::restoreLastResponse()
{
    const QString path = InspectorSettings::lastFile();
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    if (!info.isFile())
        return;
    if (info.size() > m_settings.reopenLimit) {
        // Never at startup: a huge file would keep the machine busy before the user asked.
        m_reopenPath = path;
        EmptyStateWidget* empty = m_ui->emptyState;
        empty->setText(empty->text() +
                       tr("<br><br>The last response, <b>%1</b> (%2), was not reopened because it is larger "
                          "than %3.")
                           .arg(info.fileName().toHtmlEscaped(), ByteSize::text(info.size()),
                                ByteSize::text(m_settings.reopenLimit)));
        QPushButton* reopen = empty->addButton(tr("Open %1").arg(info.fileName()), QStringLiteral("reopenButton"));
        connect(reopen, &QPushButton::clicked, this, [this, reopen] {
            reopen->hide();
            openFile(m_reopenPath, InspectorSettings::lastRequestFile());
        });
        return;
    }
    const QString request = InspectorSettings::lastRequestFile();
    openFile(path, QFileInfo::exists(request) ? request : QString());
}

void InspectorWidget::setSettings(const InspectorSettings& settings)
{
    m_settings = settings;
    if (m_session->result() && !m_busy)
        buildLayouts();
}

// --- analysis ---------------------------------------------------------------------------------

void InspectorWidget::clearResults(const QString& message)
{
    m_findings->setFindings({});
    m_batch->setRows({});
    m_tree->setDocument(nullptr);
    content(); // a failure can come before anything was shown
    m_page->resetViews(message);
}

void InspectorWidget::onStarted()
{
    if (m_layoutCancel)
        *m_layoutCancel = true;
    ++m_generation;
    m_forcePretty = false;

    const InspectorSession::Source& source = m_session->source();
    showContentPage();
    m_ui->sourceLabel->setText(source.title);
    m_ui->sourceLabel->setToolTip(source.title);
    const qint64 size = source.size();
    m_ui->verdictBanner->setMessage(tr("Analysing…"), tr("%1 to index and check").arg(ByteSize::text(size)));
    content()->findingDetail->clear();
    content()->findingsLabel->setText(tr("Findings"));
    clearResults(tr("Analysing %1…").arg(ByteSize::text(size)));
    m_page->showHeaders(source);
    updateRequestTab();
    content()->bodyNotice->setVisible(!source.note.isEmpty());
    content()->bodyNotice->setText(source.note.toHtmlEscaped());
    setBusy(true);
    emit opened(source.title);
}

void InspectorWidget::onOpenFailed(const QString& title, const QString& details)
{
    cancelLayouts();
    showContentPage();
    clearResults(details);
    m_page->showNotAnalysed(tr("Not analysed: %1").arg(title));
    m_ui->sourceLabel->clear();
    m_ui->verdictBanner->setMessage(title, details, VerdictBanner::Tone::Error);
    emit statusMessage(title + QStringLiteral(": ") + details, 8000);
}

void InspectorWidget::onNoResponse(const CallCapture& capture)
{
    cancelLayouts();
    showContentPage();
    m_ui->sourceLabel->setText(m_session->source().title);
    m_ui->verdictBanner->setMessage(tr("No response: %1").arg(failureLayerTitle(capture.layer)), capture.facts,
                                    VerdictBanner::Tone::Error);
    clearResults(capture.explanation.isEmpty() ? capture.facts : capture.explanation);
    // A failed call is never "nothing wrong": there was no response to check.
    m_page->showNotAnalysed(tr("Not analysed: no response arrived (%1)").arg(failureLayerTitle(capture.layer)));
    m_page->showHeaders(m_session->source());
    updateRequestTab();
    emit opened(m_session->source().title);
    emit loaded();
}

void InspectorWidget::cancel()
{
    m_session->cancel(); // emits canceled when an analysis was running
    cancelLayouts();
}

void InspectorWidget::cancelLayouts()
{
    if (m_layoutWatcher.isRunning()) {
        *m_layoutCancel = true;
        ++m_generation;
        m_session->clearResult();
        onCanceled();
    }
}

void InspectorWidget::setBusy(bool busy)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->cancelButton->setVisible(busy);
    if (busy)
        m_ui->progressBar->setValue(0);
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
}

void InspectorWidget::onTreeReady(const std::shared_ptr<const JsonIndex>& index)
{
    m_tree->setDocument(index);
    if (index && index->isValid()) {
        const QModelIndex root = m_tree->index(0, 0);
        content()->treeView->expand(root);
        // The envelope's result is what people open first.
        for (int row = 0; row < m_tree->rowCount(root); ++row) {
            const QModelIndex child = m_tree->index(row, 0, root);
            if (child.data(JsonTreeModel::KeyRole).toString() == QLatin1String("result"))
                content()->treeView->expand(child);
        }
    }
    m_page->resetViews(tr("Preparing the view…"));
    emit treeReady();
}

void InspectorWidget::onFinished(const std::shared_ptr<const AnalysisTask::Result>& result)
{
    if (m_tree->document() != result->index)
        onTreeReady(result->index);
    const Diagnosis& d = result->diagnosis;
    m_ui->verdictBanner->setDiagnosis(d);
    m_findings->setFindings(d.findings);
    m_batch->setRows(d.batch);
    m_page->showDiagnosis(d, !m_batch->keyFields().isEmpty());
    updateRequestTab();
    m_ui->progressBar->setValue(1000);
    buildLayouts();
}

void InspectorWidget::buildLayouts()
{
    const auto result = m_session->result();
    if (!result)
        return;
    if (m_layoutCancel)
        *m_layoutCancel = true;
    m_layoutCancel = std::make_shared<std::atomic<bool>>(false);
    const std::shared_ptr<const JsonIndex> index = result->index;
    const bool pretty = index->isValid() && (index->size() <= m_settings.prettyPrintLimit || m_forcePretty);
    const quint64 generation = ++m_generation;
    setBusy(true);
    m_layoutWatcher.setFuture(QtConcurrent::run([index, pretty, cancel = m_layoutCancel] {
        Layouts layouts;
        if (pretty)
            layouts.pretty = BodyLayout::pretty(index, cancel.get());
        if (!*cancel)
            layouts.raw = BodyLayout::raw(index, cancel.get());
        return layouts;
    }));
    m_layoutWatcher.setProperty("generation", generation);
}

void InspectorWidget::onLayoutsReady()
{
    const auto result = m_session->result();
    if (m_layoutWatcher.property("generation").toULongLong() != m_generation || !result)
        return; // superseded or canceled
    const Layouts layouts = m_layoutWatcher.result();
    if (!layouts.raw)
        return;
    const JsonIndex& index = *result->index;
    const bool highlight = index.size() <= m_settings.highlightLimit && looksLikeJson(index.bytes());
    if (index.size() == 0) {
        m_page->resetViews(tr("The body is empty (0 bytes)."));
    } else {
        content()->bodyView->setBodyLayout(layouts.pretty ? layouts.pretty : layouts.raw, highlight);
        content()->rawView->setBodyLayout(layouts.raw, highlight);
    }
    m_page->applyMarks(*m_findings, index.size());
    updateBodyNotice();
    setBusy(false);
    // Start where the trouble is: the first error (or warning) tied to a place in the body.
    int first = -1;
    for (int row = 0; row < m_findings->rowCount() && first < 0; ++row) {
        const Finding* f = m_findings->findingAt(row);
        if (f->severity != Finding::Severity::Info && f->offset >= 0)
            first = row;
    }
    if (first >= 0)
        selectFinding(first);
    m_page->fitFindingsPanel(m_findings->rowCount());
    m_findBar->refresh();
    emit loaded();
}

void InspectorWidget::onCanceled()
{
    setBusy(false);
    clearResults(tr("Canceled."));
    m_ui->verdictBanner->setMessage(tr("Analysis canceled"), tr("Open the response again to inspect it."));
    emit statusMessage(tr("Analysis canceled"), 4000);
}

void InspectorWidget::onFailed(const QString& message)
{
    setBusy(false);
    m_tree->setDocument(nullptr);
    m_ui->verdictBanner->setMessage(tr("Cannot read the response"), message, VerdictBanner::Tone::Error);
    m_page->resetViews(message);
    emit statusMessage(message, 8000);
}

void InspectorWidget::updateBodyNotice()
{
    m_page->showBodyNotice(m_session->source().note, m_session->result().get(), m_settings);
}

void InspectorWidget::updateRequestTab()
{
    const bool has = !m_session->request().isEmpty();
    m_correlateAction->setText(has ? tr("Change &request…") : tr("Correlate &request…"));
    content();
    m_page->showRequest(m_session->request(), m_session->requestDescription(), m_session->result().get());
}

// --- selection sync ---------------------------------------------------------------------------

int InspectorWidget::currentFindingRow() const
{
    content();
    return m_page->currentFindingRow();
}

void InspectorWidget::selectFinding(int row)
{
    content();
    m_page->selectFinding(row);
}

void InspectorWidget::explainCurrentFinding()
{
    const QString key = m_findings->index(currentFindingRow(), 0).data(FindingsModel::CatalogKeyRole).toString();
    if (!key.isEmpty())
        emit explainRequested(key);
}

// --- find -------------------------------------------------------------------------------------

void InspectorWidget::showFindBar()
{
    content();
    m_findBar->show();
}

void InspectorWidget::findNext()
{
    content();
    m_findBar->next();
}

void InspectorWidget::findPrevious()
{
    content();
    m_findBar->previous();
}

// --- dialogs, drag and drop -------------------------------------------------------------------

void InspectorWidget::openFileDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open response"), RecentFiles::lastFolder(settings),
                                                      tr("Responses (*.json *.txt *.html *.log);;All files (*)"));
    if (path.isEmpty())
        return;
    RecentFiles::add(settings, path);
    openFile(path);
}

void InspectorWidget::correlateDialog()
{
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Request this response answers"), RecentFiles::lastFolder(settings),
                                     tr("Requests (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    RecentFiles::setLastFolder(settings, path);
    setRequestFile(path);
}

void InspectorWidget::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if ((mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().constFirst().isLocalFile()) || mime->hasText())
        event->acceptProposedAction();
}

void InspectorWidget::dragMoveEvent(QDragMoveEvent* event)
{
    event->acceptProposedAction();
}

void InspectorWidget::dropEvent(QDropEvent* event)
{
    if (openMime(event->mimeData(), tr("Dropped text")))
        event->acceptProposedAction();
}

void InspectorWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_page)
        m_page->setPalette(palette());
    QWidget::changeEvent(event);
}
