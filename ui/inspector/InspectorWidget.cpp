#include "InspectorWidget.h"

#include "Badge.h"
#include "BatchTableModel.h"
#include "BodyView.h"
#include "CallCapture.h"
#include "EmptyStateWidget.h"
#include "ErrorCatalog.h"
#include "FindingsModel.h"
#include "FinishedCall.h"
#include "HttpResponseText.h"
#include "JsonHighlighter.h"
#include "JsonTreeModel.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"
#include "ui_InspectorContent.h"
#include "ui_InspectorWidget.h"
#include "VerdictBanner.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStyledItemDelegate>
#include <QtConcurrent>
#include <QTreeView>

namespace {
// The "Explain" column of the findings: a link that acts on a single click.
class ExplainLinkDelegate : public QStyledItemDelegate
{
public:
    using Callback = std::function<void(const QModelIndex&)>;
    ExplainLinkDelegate(Callback callback, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_callback(std::move(callback))
    {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget* widget = opt.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        if (text.isEmpty())
            return;
        painter->save();
        QFont font = opt.font;
        font.setUnderline(true);
        painter->setFont(font);
        const bool selected = opt.state & QStyle::State_Selected;
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::Link));
        painter->drawText(opt.rect.adjusted(6, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          text + QStringLiteral(" ›"));
        painter->restore();
    }

    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override
    {
        if (event->type() == QEvent::MouseButtonRelease && !index.data().toString().isEmpty()) {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            if (mouse->button() == Qt::LeftButton && option.rect.contains(mouse->position().toPoint())) {
                m_callback(index);
                return true;
            }
        }
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }

private:
    Callback m_callback;
};

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

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

    m_task = new AnalysisTask(this);
    connect(m_task, &AnalysisTask::progress, this, &InspectorWidget::onProgress);
    connect(m_task, &AnalysisTask::indexReady, this, &InspectorWidget::onTreeReady);
    connect(m_task, &AnalysisTask::finished, this, &InspectorWidget::onFinished);
    connect(m_task, &AnalysisTask::canceled, this, &InspectorWidget::onCanceled);
    connect(m_task, &AnalysisTask::failed, this, &InspectorWidget::onFailed);
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
}

Ui::InspectorContent* InspectorWidget::content() const
{
    if (!m_content)
        const_cast<InspectorWidget*>(this)->buildContent();
    return m_content.get();
}

void InspectorWidget::buildContent()
{
    m_content = std::make_unique<Ui::InspectorContent>();
    QWidget* page = m_ui->contentPage;
    m_content->setupUi(page);
    page->setObjectName(QStringLiteral("contentPage")); // setupUi names it after the form
    m_content->findingsView->addAction(m_explainAction);
    m_content->treeView->addActions({m_copyValueAction, m_copyPathAction});
    connect(m_content->explainButton, &QPushButton::clicked, this, &InspectorWidget::explainCurrentFinding);
    setupViews();
    m_content->findBar->hide();
    m_content->bodyNotice->hide();
    // The explanation wraps; its longest word (a path, a URL) must not set the window's width.
    m_content->findingDetail->setMinimumWidth(60);
    m_content->findingDetailArea->setMinimumWidth(60);
    m_content->findingDetailArea->viewport()->setAutoFillBackground(false);
    m_content->findingDetailArea->viewport()->installEventFilter(this);
}

void InspectorWidget::showContentPage()
{
    content();
    m_ui->pages->setCurrentWidget(m_ui->contentPage);
    m_ui->verdictBanner->show();
}

InspectorWidget::~InspectorWidget()
{
    // Written once, here: a settings write can take tens of milliseconds on a busy disk, which
    // opening a response must not spend on the GUI thread.
    if (!m_lastFile.first.isEmpty())
        InspectorSettings::setLastFile(m_lastFile.first, m_lastFile.second);
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

    m_copyPathAction = new QAction(tr("Copy &path"), this);
    m_copyPathAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyPathAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyPathAction, &QAction::triggered, this, &InspectorWidget::copyTreePath);
    m_copyValueAction = new QAction(tr("Copy &value"), this);
    m_copyValueAction->setShortcut(QKeySequence::Copy);
    m_copyValueAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyValueAction, &QAction::triggered, this, &InspectorWidget::copyTreeValue);

    addActions({m_openAction, m_pasteAction, m_correlateAction, m_findAction, m_findNextAction, m_findPreviousAction});

    m_ui->openButton->setDefaultAction(m_openAction);
    m_ui->pasteButton->setDefaultAction(m_pasteAction);
    m_ui->correlateButton->setDefaultAction(m_correlateAction);
    m_ui->findButton->setDefaultAction(m_findAction);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &InspectorWidget::cancel);
}

void InspectorWidget::setupViews()
{
    // Findings
    content()->findingsView->setModel(m_findings);
    content()->findingsView->setItemDelegateForColumn(FindingsModel::LevelColumn,
                                                      new BadgeDelegate(FindingsModel::LevelValueRole, this));
    content()->findingsView->setItemDelegateForColumn(FindingsModel::ExplainColumn,
                                                      new ExplainLinkDelegate(
                                                          [this](const QModelIndex& index) {
                                                              selectFinding(index.row());
                                                              explainCurrentFinding();
                                                          },
                                                          this));
    QHeaderView* header = content()->findingsView->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FindingsModel::MessageColumn, QHeaderView::Stretch);
    header->resizeSection(FindingsModel::SeverityColumn, 96);
    header->resizeSection(FindingsModel::CodeColumn, 110);
    header->resizeSection(FindingsModel::LevelColumn, 84);
    header->resizeSection(FindingsModel::PathColumn, 230);
    header->resizeSection(FindingsModel::ExplainColumn, 84);
    content()->findingsView->setMouseTracking(true);
    connect(content()->findingsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorWidget::onFindingChanged);
    connect(content()->findingsView, &QWidget::customContextMenuRequested, this,
            &InspectorWidget::showFindingsContextMenu);
    connect(content()->findingsView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (index.column() == FindingsModel::ExplainColumn)
            explainCurrentFinding();
    });

    // Tree
    content()->treeView->setModel(m_tree);
    content()->treeView->header()->resizeSection(JsonTreeModel::KeyColumn, 175);
    content()->treeView->header()->resizeSection(JsonTreeModel::ValueColumn, 130);
    content()->treeView->header()->resizeSection(JsonTreeModel::TypeColumn, 60);
    connect(content()->treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InspectorWidget::onTreeNodeChanged);
    connect(content()->treeView, &QWidget::customContextMenuRequested, this, &InspectorWidget::showTreeContextMenu);

    // Batch
    content()->batchView->setModel(m_batch);
    // Rows come in response order; sorting (by clicking a header) is on demand only.
    content()->batchView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    content()->batchView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Column widths from a sample of rows, not from all of a 100 000-row batch.
    content()->batchView->horizontalHeader()->setResizeContentsPrecision(200);
    content()->batchView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    content()->batchView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    connect(content()->batchView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorWidget::onBatchRowChanged);
    connect(content()->failedOnlyCheck, &QCheckBox::toggled, m_batch, &BatchTableModel::setFailedOnly);

    // Body and raw views
    for (BodyView* view : {content()->bodyView, content()->rawView}) {
        connect(view, &BodyView::nodeClicked, this, &InspectorWidget::onBodyNodeClicked);
        connect(view, &BodyView::explainRequested, this, &InspectorWidget::explainRequested);
        connect(view, &BodyView::markActivated, this, &InspectorWidget::selectFinding);
        connect(view, &BodyView::findFinished, this, [this, view] { onFindFinished(view); });
    }
    connect(content()->bodyNotice, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("pretty")) {
            m_forcePretty = true;
            buildLayouts();
        }
    });

    // Find bar
    content()->findEdit->installEventFilter(this);
    connect(content()->findEdit, &QLineEdit::textEdited, this, [this] { runFind(false, true); });
    connect(content()->findEdit, &QLineEdit::returnPressed, this, &InspectorWidget::findNext);
    connect(content()->findNextButton, &QToolButton::clicked, this, &InspectorWidget::findNext);
    connect(content()->findPreviousButton, &QToolButton::clicked, this, &InspectorWidget::findPrevious);
    connect(content()->matchCaseCheck, &QCheckBox::toggled, this, [this] { runFind(false, true); });
    connect(content()->findCloseButton, &QToolButton::clicked, this, [this] {
        content()->findBar->hide();
        content()->bodyView->clearFind();
        content()->rawView->clearFind();
        content()->bodyView->setFocus();
    });

    content()->mainSplitter->setStretchFactor(0, 0);
    content()->mainSplitter->setStretchFactor(1, 1);
    content()->mainSplitter->setSizes({170, 500});
    content()->bodySplitter->setStretchFactor(0, 0);
    content()->bodySplitter->setStretchFactor(1, 1);
    content()->bodySplitter->setSizes({400, 800});

    m_requestHighlighter = new JsonHighlighter(content()->requestView->document());
    m_requestHighlighter->setPalette(content()->requestView->palette());
    content()->requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        showFailure(tr("Cannot open %1").arg(info.fileName()),
                    info.exists() ? tr("The file is not readable (or not a regular file).")
                                  : tr("There is no file at %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    // A response comes with its own request or none: an earlier correlation would be wrong.
    clearRequestState();
    if (!requestPath.isEmpty() && !readRequestFile(requestPath))
        return false;
    Source source;
    source.kind = Source::Kind::File;
    source.title = QDir::toNativeSeparators(info.absoluteFilePath());
    source.path = info.absoluteFilePath();
    m_lastFile = {source.path, m_requestPath};
    start(std::move(source));
    return true;
}

void InspectorWidget::openText(const QByteArray& text, const QString& title)
{
    clearRequestState();
    const HttpResponseText parsed = HttpResponseText::parse(text);
    Source source;
    source.kind = Source::Kind::Text;
    source.title = title;
    source.body = parsed.body;
    if (parsed.hasHead()) {
        source.httpStatus = parsed.httpStatus;
        source.reasonPhrase = parsed.reasonPhrase;
        source.headers = parsed.headers;
        source.hasHead = true;
    }
    start(std::move(source));
}

void InspectorWidget::openExample(const ErrorEntry& entry)
{
    clearRequestState();
    Source source;
    source.kind = Source::Kind::Example;
    source.title = tr("Catalogue example for %1 · %2").arg(entry.displayId(), entry.title);
    source.body = entry.example.isString() ? entry.example.toString().toUtf8()
                                           : QJsonDocument(entry.example.toObject()).toJson(QJsonDocument::Indented);
    source.httpStatus = entry.exampleHttpStatus;
    start(std::move(source));
}

void InspectorWidget::openCapture(const CallCapture& capture)
{
    openAnalysedCall(FinishedCall{capture, nullptr, QString()});
}

void InspectorWidget::openAnalysedCall(const FinishedCall& call)
{
    const CallCapture& capture = call.capture;
    Source source;
    source.kind = Source::Kind::Received;
    const std::optional<RequestEnvelope> envelope = RequestEnvelope::parse(capture.requestBody);
    const QString method = envelope ? envelope->method() : QString();
    const QString when = (capture.startedAt.isValid() ? capture.startedAt : QDateTime::currentDateTime())
                             .toLocalTime()
                             .toString(QStringLiteral("HH:mm:ss"));
    source.title = tr("Received %1 · %2%3")
                       .arg(when, method.isEmpty() ? QString() : method + QStringLiteral(" · "), capture.displayUrl);
    if (capture.isSpilled())
        source.path = capture.spillPath;
    else
        source.body = capture.body;
    source.keepAlive = capture.spillGuard;
    if (capture.hasResponse) {
        source.httpStatus = capture.httpStatus;
        source.reasonPhrase = capture.reasonPhrase;
        source.headers = capture.responseHeaders;
        source.hasHead = true;
    }
    if (!capture.bodyComplete)
        source.note = tr("The connection broke while the body was arriving: only the first %1 arrived.")
                          .arg(sizeText(capture.bodySize));
    // The request the composer sent is the best correlation there is.
    clearRequestState();
    if (envelope) {
        m_request = envelope->object();
        m_requestDescription = tr("The request sent with this call");
    }

    if (!capture.hasResponse) {
        // Nothing arrived: there is nothing to analyse, only the failure to explain.
        m_source = std::move(source);
        m_hasSource = true;
        cancel();
        m_result.reset();
        showContentPage();
        m_ui->sourceLabel->setText(m_source.title);
        m_ui->verdictBanner->setMessage(tr("No response: %1").arg(failureLayerTitle(capture.layer)), capture.facts,
                                        VerdictBanner::Tone::Error);
        m_findings->setFindings({});
        m_batch->setRows({});
        m_tree->setDocument(nullptr);
        resetViews(capture.explanation.isEmpty() ? capture.facts : capture.explanation);
        updateHeaders();
        updateRequestTab();
        emit opened(m_source.title);
        emit loaded();
        return;
    }
    start(std::move(source), call.analysis);
}

void InspectorWidget::pasteFromClipboard()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile()) {
                openFile(url.toLocalFile());
                return;
            }
        }
    }
    const QString text = mime ? mime->text() : QString();
    if (text.trimmed().isEmpty()) {
        emit statusMessage(tr("Nothing to paste: the clipboard holds no text"), 5000);
        return;
    }
    openText(text.toUtf8(), tr("Pasted text"));
}

bool InspectorWidget::setRequestFile(const QString& path)
{
    if (!readRequestFile(path))
        return false;
    if (m_hasSource && m_source.kind == Source::Kind::File)
        m_lastFile = {m_source.path, m_requestPath};
    // Correlation changes the analysis (id check, batch labels): run it again.
    if (m_hasSource)
        start(m_source);
    return true;
}

void InspectorWidget::clearRequestState()
{
    m_request = QJsonObject();
    m_requestDescription.clear();
    m_requestPath.clear();
}

void InspectorWidget::showFailure(const QString& title, const QString& details)
{
    cancel();
    m_hasSource = false;
    m_result.reset();
    m_findings->setFindings({});
    m_batch->setRows({});
    m_tree->setDocument(nullptr);
    resetViews(details);
    showContentPage();
    m_ui->sourceLabel->clear();
    m_ui->verdictBanner->setMessage(title, details, VerdictBanner::Tone::Error);
    emit statusMessage(title + QStringLiteral(": ") + details, 8000);
}

bool InspectorWidget::readRequestFile(const QString& path)
{
    QString error;
    QStringList warnings;
    const std::optional<RequestFile> file = RequestFile::load(path, &error, &warnings);
    const std::optional<RequestEnvelope> envelope = file ? file->envelope() : std::nullopt;
    if (!envelope) {
        const QString why = file ? tr("It is not a request envelope {method, params, id}.") : error;
        showFailure(tr("Cannot use %1 as the request").arg(QFileInfo(path).fileName()), why);
        return false;
    }
    for (const QString& warning : std::as_const(warnings))
        emit statusMessage(warning, 8000);
    m_requestPath = QFileInfo(path).absoluteFilePath();
    m_request = envelope->object();
    m_requestDescription = QDir::toNativeSeparators(m_requestPath);
    updateRequestTab();
    return true;
}

void InspectorWidget::setRequestEnvelope(const QJsonObject& envelope, const QString& description)
{
    m_request = envelope;
    m_requestDescription = description;
    m_requestPath.clear();
    updateRequestTab();
    if (m_hasSource)
        start(m_source);
}

void InspectorWidget::clearRequest()
{
    setRequestEnvelope(QJsonObject(), QString());
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
        empty->setText(
            empty->text() +
            tr("<br><br>The last response, <b>%1</b> (%2), was not reopened because it is larger "
               "than %3.")
                .arg(info.fileName().toHtmlEscaped(), sizeText(info.size()), sizeText(m_settings.reopenLimit)));
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
    if (m_result && !m_busy)
        buildLayouts();
}

// --- analysis ---------------------------------------------------------------------------------

void InspectorWidget::start(Source source, std::shared_ptr<const AnalysisTask::Result> analysis)
{
    if (m_layoutCancel)
        *m_layoutCancel = true;
    ++m_generation;
    m_source = std::move(source);
    m_hasSource = true;
    // Big analyses free themselves on a pool thread (AnalysisTask): dropping them is cheap.
    m_result.reset();
    m_forcePretty = false;

    showContentPage();
    m_ui->sourceLabel->setText(m_source.title);
    m_ui->sourceLabel->setToolTip(m_source.title);
    const qint64 size = m_source.path.isEmpty() ? m_source.body.size() : QFileInfo(m_source.path).size();
    m_ui->verdictBanner->setMessage(tr("Analysing…"), tr("%1 to index and check").arg(sizeText(size)));
    m_findings->setFindings({});
    m_batch->setRows({});
    m_tree->setDocument(nullptr);
    content()->findingDetail->clear();
    content()->findingsLabel->setText(tr("Findings"));
    resetViews(tr("Analysing %1…").arg(sizeText(size)));
    updateHeaders();
    updateRequestTab();
    content()->bodyNotice->setVisible(!m_source.note.isEmpty());
    content()->bodyNotice->setText(m_source.note.toHtmlEscaped());

    ResponseAnalyzer::Context context;
    context.httpStatus = m_source.httpStatus;
    context.headers = m_source.headers;
    context.request = m_request;
    setBusy(true);
    emit opened(m_source.title);
    if (analysis) {
        // Analysed already (CallAnalysis). A run still going for the previous source is dropped
        // quietly, as starting a new one would drop it: nothing was canceled by the user.
        if (m_task->isRunning()) {
            const QSignalBlocker blocker(m_task);
            m_task->cancel();
        }
        onFinished(std::move(analysis));
    } else if (!m_source.path.isEmpty())
        m_task->startFile(m_source.path, context);
    else
        m_task->startBytes(m_source.body, context);
}

void InspectorWidget::cancel()
{
    if (m_task->isRunning())
        m_task->cancel(); // emits canceled
    if (m_layoutWatcher.isRunning()) {
        *m_layoutCancel = true;
        ++m_generation;
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

void InspectorWidget::onProgress(int permille)
{
    m_ui->progressBar->setValue(permille);
}

void InspectorWidget::onTreeReady(std::shared_ptr<const JsonIndex> index)
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
    resetViews(tr("Preparing the view…"));
    emit treeReady();
}

void InspectorWidget::onFinished(std::shared_ptr<const AnalysisTask::Result> result)
{
    m_result = result;
    if (m_tree->document() != result->index)
        onTreeReady(result->index);
    const Diagnosis& d = result->diagnosis;
    m_ui->verdictBanner->setDiagnosis(d);
    m_findings->setFindings(d.findings);
    m_batch->setRows(d.batch);
    content()->findingsLabel->setText(d.findings.isEmpty() ? tr("No findings: nothing wrong was found in this response")
                                                           : tr("Findings (%1)").arg(d.findings.size()));
    content()->explainButton->setEnabled(false);

    const int batchIndex = content()->detailTabs->indexOf(content()->batchTab);
    content()->detailTabs->setTabEnabled(batchIndex, !d.batch.isEmpty());
    content()->detailTabs->setTabText(batchIndex, d.batch.isEmpty()    ? tr("B&atch")
                                                  : d.stats.failed > 0 ? tr("B&atch (%1 failed)").arg(d.stats.failed)
                                                                       : tr("B&atch (%1)").arg(d.batch.size()));
    content()->detailTabs->setTabToolTip(batchIndex, d.batch.isEmpty() ? tr("Not a batch response") : QString());
    content()->batchSummary->setText(d.batch.isEmpty()
                                         ? QString()
                                         : tr("%1 of %2 objects failed%3")
                                               .arg(d.stats.failed)
                                               .arg(d.stats.objects)
                                               .arg(m_batch->keyFields().isEmpty()
                                                        ? tr(" · correlate the request to see which objects they were")
                                                        : QString()));
    if (d.batch.isEmpty() && content()->detailTabs->currentWidget() == content()->batchTab)
        content()->detailTabs->setCurrentWidget(content()->bodyTab);
    content()->batchView->resizeColumnsToContents();
    updateRequestTab();
    m_ui->progressBar->setValue(1000);
    buildLayouts();
}

void InspectorWidget::buildLayouts()
{
    if (!m_result)
        return;
    if (m_layoutCancel)
        *m_layoutCancel = true;
    m_layoutCancel = std::make_shared<std::atomic<bool>>(false);
    const std::shared_ptr<const JsonIndex> index = m_result->index;
    const bool pretty = index->isValid() && (index->size() <= m_settings.prettyPrintLimit || m_forcePretty);
    const quint64 generation = ++m_generation;
    setBusy(true);
    m_layoutWatcher.setFuture(QtConcurrent::run([index, pretty, cancel = m_layoutCancel, generation] {
        Layouts layouts;
        Q_UNUSED(generation)
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
    if (m_layoutWatcher.property("generation").toULongLong() != m_generation || !m_result)
        return; // superseded or canceled
    const Layouts layouts = m_layoutWatcher.result();
    if (!layouts.raw)
        return;
    const JsonIndex& index = *m_result->index;
    const bool highlight = index.size() <= m_settings.highlightLimit && looksLikeJson(index.bytes());
    if (index.size() == 0) {
        resetViews(tr("The body is empty (0 bytes)."));
    } else {
        content()->bodyView->setBodyLayout(layouts.pretty ? layouts.pretty : layouts.raw, highlight);
        content()->rawView->setBodyLayout(layouts.raw, highlight);
    }
    applyMarks();
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
    fitFindingsPanel();
    if (content()->findBar->isVisible() && !content()->findEdit->text().isEmpty())
        runFind(false, true);
    emit loaded();
}

void InspectorWidget::onCanceled()
{
    setBusy(false);
    m_result.reset();
    m_tree->setDocument(nullptr);
    m_findings->setFindings({});
    m_batch->setRows({});
    m_ui->verdictBanner->setMessage(tr("Analysis canceled"), tr("Open the response again to inspect it."));
    resetViews(tr("Canceled."));
    emit statusMessage(tr("Analysis canceled"), 4000);
}

void InspectorWidget::onFailed(const QString& message)
{
    setBusy(false);
    m_result.reset();
    m_tree->setDocument(nullptr);
    m_ui->verdictBanner->setMessage(tr("Cannot read the response"), message, VerdictBanner::Tone::Error);
    resetViews(message);
    emit statusMessage(message, 8000);
}

void InspectorWidget::fitFindingsPanel()
{
    // Up to five findings without scrolling; the body gets the rest.
    const int rows = std::clamp(m_findings->rowCount(), 1, 5);
    QTreeView* view = content()->findingsView;
    const int rowHeight = std::max(view->sizeHintForRow(0), fontMetrics().height() + 6);
    const int viewHeight = view->header()->sizeHint().height() + rows * rowHeight + 2 * view->frameWidth() + 2;
    view->setMinimumHeight(view->header()->sizeHint().height() + rowHeight + 2 * view->frameWidth());
    // No taller than its rows: the room left goes to the explanation under it.
    view->setMaximumHeight(viewHeight);
    const int detail = content()->findingDetailArea->maximumHeight();
    const int panel = content()->explainButton->sizeHint().height() + viewHeight + std::max(0, detail) +
                      2 * content()->findingsLayout->spacing() + 4;
    const int total = content()->mainSplitter->height();
    if (total > panel * 2)
        content()->mainSplitter->setSizes({panel, total - panel - content()->mainSplitter->handleWidth()});
}

void InspectorWidget::resetViews(const QString& message)
{
    content()->bodyView->setMarks({});
    content()->rawView->setMarks({});
    content()->bodyView->setHighlightedRange(-1, 0, false);
    content()->rawView->setHighlightedRange(-1, 0, false);
    content()->bodyView->showMessage(message);
    content()->rawView->showMessage(message);
}

void InspectorWidget::applyMarks()
{
    const qint64 size = m_result ? m_result->index->size() : 0;
    QList<BodyView::Mark> marks;
    for (int row = 0; row < m_findings->rowCount(); ++row) {
        const Finding* f = m_findings->findingAt(row);
        // Findings about the whole body (an HTML page, a bare array) would tint everything.
        if (f->severity == Finding::Severity::Info || f->offset < 0 || (f->offset == 0 && f->length >= size))
            continue;
        BodyView::Mark mark;
        mark.offset = f->offset;
        mark.length = f->length;
        mark.severity = f->severity;
        mark.toolTip = m_findings->explanationHtml(*f);
        mark.catalogKey = m_findings->index(row, 0).data(FindingsModel::CatalogKeyRole).toString();
        mark.findingRow = row;
        marks.append(mark);
    }
    content()->bodyView->setMarks(marks);
    content()->rawView->setMarks(marks);
}

void InspectorWidget::updateBodyNotice()
{
    QStringList notes;
    if (!m_source.note.isEmpty())
        notes.append(m_source.note.toHtmlEscaped());
    if (m_result) {
        const JsonIndex& index = *m_result->index;
        if (index.isValid() && !content()->bodyView->bodyLayout()) {
        } else if (index.isValid() && content()->bodyView->bodyLayout()->mode() == BodyLayout::Mode::Raw) {
            notes.append(tr("Shown as received: %1 is above the pretty-print limit of %2. "
                            "The tree and the findings cover all of it. <a href=\"pretty\">Pretty-print anyway</a>")
                             .arg(sizeText(index.size()), sizeText(m_settings.prettyPrintLimit)));
        } else if (index.size() > m_settings.highlightLimit) {
            notes.append(tr("No syntax colours: %1 is above the highlighting limit of %2.")
                             .arg(sizeText(index.size()), sizeText(m_settings.highlightLimit)));
        }
        if (!index.isValid() && index.size() > 0 && index.errorOffset() >= 0) {
            const JsonIndex::LineColumn at = index.lineColumn(index.errorOffset());
            notes.append(tr("Not valid JSON: %1 at line %2, column %3 (marked below).")
                             .arg(index.errorMessage().toHtmlEscaped())
                             .arg(at.line)
                             .arg(at.column));
        }
    }
    content()->bodyNotice->setText(notes.join(QStringLiteral("<br>")));
    content()->bodyNotice->setVisible(!notes.isEmpty());
}

void InspectorWidget::updateHeaders()
{
    content()->headersView->clear();
    if (!m_source.hasHead) {
        QString why;
        switch (m_source.kind) {
        case Source::Kind::File:
            why = tr("Opened from a file: no status line or headers.");
            break;
        case Source::Kind::Text:
            why = tr("Pasted without status line or headers. Paste curl -i or curl -v output to include them.");
            break;
        case Source::Kind::Example:
            why = m_source.httpStatus ? tr("Catalogue example, as sent with HTTP %1.").arg(*m_source.httpStatus)
                                      : tr("Catalogue example.");
            break;
        case Source::Kind::Received:
            why = tr("No response arrived.");
            break;
        }
        content()->statusLine->setText(why);
        return;
    }
    const int count = int(m_source.headers.size());
    content()->statusLine->setText(
        tr("HTTP %1 %2 · %3")
            .arg(m_source.httpStatus.value_or(0))
            .arg(m_source.reasonPhrase, count == 1 ? tr("1 header") : tr("%1 headers").arg(count)));
    QList<QTreeWidgetItem*> items;
    for (const auto& [name, value] : std::as_const(m_source.headers))
        items.append(new QTreeWidgetItem({QString::fromLatin1(name), QString::fromUtf8(value)}));
    content()->headersView->addTopLevelItems(items);
    content()->headersView->resizeColumnToContents(0);
}

void InspectorWidget::updateRequestTab()
{
    const bool has = !m_request.isEmpty();
    content()->requestView->setVisible(has);
    m_correlateAction->setText(has ? tr("Change &request…") : tr("Correlate &request…"));
    if (!has) {
        content()->requestSummary->setText(
            tr("No request. Use “Correlate request…” to pick the request this response answers: its id is "
               "checked against the response, and each batch row names the object it was about."));
        content()->requestView->clear();
        return;
    }
    const RequestEnvelope envelope(m_request);
    const QJsonValue objects = envelope.params().toObject().value(QLatin1String("objects"));
    QStringList facts;
    if (!m_requestDescription.isEmpty())
        facts.append(m_requestDescription);
    if (!envelope.method().isEmpty())
        facts.append(envelope.method());
    if (objects.isArray())
        facts.append(objects.toArray().size() == 1 ? tr("1 object") : tr("%1 objects").arg(objects.toArray().size()));
    if (m_result && m_result->diagnosis.idMatches)
        facts.append(*m_result->diagnosis.idMatches ? tr("id matches the response")
                                                    : tr("id differs from the response"));
    content()->requestSummary->setText(facts.join(QStringLiteral(" · ")));
    const QString text = QString::fromUtf8(envelope.toJson(QJsonDocument::Indented));
    if (content()->requestView->toPlainText() != text)
        content()->requestView->setPlainText(text);
}

// --- selection sync ---------------------------------------------------------------------------

int InspectorWidget::currentFindingRow() const
{
    const QModelIndex current = content()->findingsView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void InspectorWidget::selectFinding(int row)
{
    if (row < 0 || row >= m_findings->rowCount())
        return;
    const QModelIndex index = m_findings->index(row, 0);
    content()->findingsView->setCurrentIndex(index);
    content()->findingsView->scrollTo(index);
    if (content()->findingsView->currentIndex().row() == row)
        onFindingChanged(); // also when it was already current: reveal it again
}

void InspectorWidget::onFindingChanged()
{
    const Finding* f = m_findings->findingAt(currentFindingRow());
    content()->explainButton->setEnabled(f && m_findings->entryFor(*f));
    m_explainAction->setEnabled(content()->explainButton->isEnabled());
    if (!f) {
        content()->findingDetail->clear();
        fitFindingDetail();
        return;
    }
    content()->findingDetail->setText(m_findings->explanationHtml(*f));
    fitFindingDetail();
    if (m_syncing)
        return;
    m_syncing = true;
    if (f->node != JsonIndex::npos)
        selectTreeNode(f->node);
    if (f->index >= 0 && m_result && f->node != JsonIndex::npos) {
        // The finding is about a batch element or its error object.
        const JsonIndex::NodeId up = m_result->index->parent(f->node);
        const QList<BatchRow>& rows = m_batch->rows();
        for (int r = 0; r < rows.size(); ++r) {
            if (rows.at(r).node == f->node || rows.at(r).node == up) {
                const int row = m_batch->modelRow(r);
                if (row >= 0) {
                    content()->batchView->setCurrentIndex(m_batch->index(row, 0));
                    content()->batchView->scrollTo(m_batch->index(row, 0));
                }
                break;
            }
        }
    }
    QWidget* tab = content()->detailTabs->currentWidget();
    if (tab != content()->bodyTab && tab != content()->rawTab && tab != content()->batchTab)
        content()->detailTabs->setCurrentWidget(content()->bodyTab);
    if (f->offset >= 0) {
        const qint64 size = m_result ? m_result->index->size() : 0;
        // A finding about the whole body is not worth a highlight covering all of it.
        if (f->offset == 0 && f->length >= size)
            highlightBody(0, 0, false);
        else
            highlightBody(f->offset, std::max<qint64>(1, f->length), true);
    }
    m_syncing = false;
}

void InspectorWidget::selectTreeNode(JsonIndex::NodeId node)
{
    const QModelIndex index = m_tree->indexForNode(node);
    if (!index.isValid())
        return;
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        content()->treeView->expand(up);
    content()->treeView->setCurrentIndex(index);
    content()->treeView->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void InspectorWidget::highlightBody(qint64 offset, qint64 length, bool reveal)
{
    content()->bodyView->setHighlightedRange(offset, length, reveal);
    content()->rawView->setHighlightedRange(offset, length, reveal);
}

void InspectorWidget::onTreeNodeChanged()
{
    const QModelIndex current = content()->treeView->currentIndex();
    const bool has = current.isValid();
    m_copyPathAction->setEnabled(has);
    m_copyValueAction->setEnabled(has);
    if (m_syncing || !has)
        return;
    m_syncing = true;
    highlightBody(current.data(JsonTreeModel::OffsetRole).toLongLong(),
                  current.data(JsonTreeModel::LengthRole).toLongLong(), !m_bodyClick);
    m_syncing = false;
}

void InspectorWidget::onBatchRowChanged()
{
    const QModelIndex current = content()->batchView->currentIndex();
    if (m_syncing || !current.isValid())
        return;
    const JsonIndex::NodeId node = current.data(BatchTableModel::NodeRole).toUInt();
    if (node == JsonIndex::npos || !m_result)
        return;
    m_syncing = true;
    selectTreeNode(node);
    highlightBody(m_result->index->offset(node), m_result->index->length(node), true);
    m_syncing = false;
}

void InspectorWidget::onBodyNodeClicked(JsonIndex::NodeId node)
{
    // The node's first line may be far above the line clicked (a closing bracket): select it
    // in the tree and highlight it, without scrolling the body away from the click.
    m_bodyClick = true;
    selectTreeNode(node);
    m_bodyClick = false;
}

void InspectorWidget::explainCurrentFinding()
{
    const QString key = m_findings->index(currentFindingRow(), 0).data(FindingsModel::CatalogKeyRole).toString();
    if (!key.isEmpty())
        emit explainRequested(key);
}

// --- context menus and copying --------------------------------------------------------------

void InspectorWidget::copyText(const QString& text, const QString& what)
{
    QApplication::clipboard()->setText(text);
    emit statusMessage(tr("Copied %1").arg(what), 3000);
}

void InspectorWidget::showFindingsContextMenu(const QPoint& pos)
{
    const QModelIndex index = content()->findingsView->indexAt(pos);
    const Finding* f = index.isValid() ? m_findings->findingAt(index.row()) : nullptr;
    QMenu menu(this);
    if (f) {
        selectFinding(index.row());
        QAction* explain = menu.addAction(tr("&Explain"), this, &InspectorWidget::explainCurrentFinding);
        explain->setEnabled(m_findings->entryFor(*f));
        menu.addSeparator();
        const Finding finding = *f;
        menu.addAction(tr("Copy &message"), this, [this, finding] { copyText(finding.message, tr("the message")); });
        menu.addAction(tr("Copy &path"), this, [this, finding] { copyText(finding.path, finding.path); });
        menu.addAction(tr("Copy &finding"), this,
                       [this, finding] { copyText(finding.toTextLine(), tr("the finding")); });
    }
    if (m_result) {
        menu.addAction(tr("Copy &all findings"), this,
                       [this] { copyText(m_result->diagnosis.toText(), tr("the verdict and all findings")); });
    }
    if (!menu.isEmpty())
        menu.exec(content()->findingsView->viewport()->mapToGlobal(pos));
}

void InspectorWidget::showTreeContextMenu(const QPoint& pos)
{
    const QModelIndex index = content()->treeView->indexAt(pos);
    if (!index.isValid())
        return;
    content()->treeView->setCurrentIndex(index);
    QMenu menu(this);
    menu.addAction(m_copyValueAction);
    menu.addAction(m_copyPathAction);
    menu.exec(content()->treeView->viewport()->mapToGlobal(pos));
}

void InspectorWidget::copyTreePath()
{
    const QString path = content()->treeView->currentIndex().data(JsonTreeModel::PathRole).toString();
    if (!path.isEmpty())
        copyText(path, path);
}

void InspectorWidget::copyTreeValue()
{
    const JsonIndex::NodeId node = m_tree->nodeForIndex(content()->treeView->currentIndex().siblingAtColumn(0));
    if (node == JsonIndex::npos || !m_tree->document())
        return;
    const JsonIndex& index = *m_tree->document();
    // Strings as their text (an email address, not a JSON literal); anything else as JSON.
    const QString value = index.type(node) == JsonIndex::Type::String
                              ? index.string(node)
                              : QString::fromUtf8(index.raw(node).toByteArray());
    copyText(value, tr("the value of %1").arg(index.path(node)));
}

// --- find -------------------------------------------------------------------------------------

BodyView* InspectorWidget::findTarget()
{
    if (content()->detailTabs->currentWidget() == content()->rawTab)
        return content()->rawView;
    content()->detailTabs->setCurrentWidget(content()->bodyTab);
    return content()->bodyView;
}

void InspectorWidget::showFindBar()
{
    content()->findBar->show();
    content()->findEdit->setFocus(Qt::ShortcutFocusReason);
    content()->findEdit->selectAll();
}

void InspectorWidget::findNext()
{
    runFind(false, false);
}

void InspectorWidget::findPrevious()
{
    runFind(true, false);
}

void InspectorWidget::runFind(bool backward, bool restart)
{
    if (!content()->findBar->isVisible())
        showFindBar();
    BodyView* view = findTarget();
    const QString text = content()->findEdit->text();
    if (restart)
        view->clearFind();
    if (text.trimmed().isEmpty()) {
        view->clearFind();
        content()->findStatus->clear();
        return;
    }
    if (!view->bodyLayout()) {
        content()->findStatus->setText(m_busy ? tr("Still analysing…") : tr("Nothing to search"));
        return;
    }
    content()->findStatus->setText(tr("Searching…"));
    view->find(text, content()->matchCaseCheck->isChecked(), backward);
}

void InspectorWidget::onFindFinished(BodyView* view)
{
    const BodyView::FindResult result = view->currentMatch();
    if (!result.found) {
        content()->findStatus->setText(content()->findEdit->text().trimmed().isEmpty() ? QString() : tr("No matches"));
        return;
    }
    // The line as the view numbers it (counting lines of the body up to a match 90 MB in would
    // cost the GUI thread a scan).
    const BodyLayout* layout = view->bodyLayout();
    const qint64 line = layout->sourceLine(layout->positionOf(result.offset).line);
    content()->findStatus->setText(result.wrapped ? tr("Line %1 (wrapped around)").arg(line) : tr("Line %1").arg(line));
}

// --- dialogs, drag and drop -------------------------------------------------------------------

void InspectorWidget::openFileDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open response"), QString(),
                                                      tr("Responses (*.json *.txt *.html *.log);;All files (*)"));
    if (path.isEmpty())
        return;
    openFile(path);
}

void InspectorWidget::correlateDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Request this response answers"), QString(),
                                                      tr("Requests (*.json);;All files (*)"));
    if (!path.isEmpty())
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
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls()) {
        for (const QUrl& url : mime->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                openFile(url.toLocalFile());
                return;
            }
        }
    }
    if (mime->hasText() && !mime->text().trimmed().isEmpty()) {
        event->acceptProposedAction();
        openText(mime->text().toUtf8(), tr("Dropped text"));
    }
}

void InspectorWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_requestHighlighter)
        m_requestHighlighter->setPalette(palette());
    QWidget::changeEvent(event);
}

void InspectorWidget::fitFindingDetail()
{
    // As tall as the explanation at the pane's width, so it takes no room it does not need; when
    // the pane is shorter, at least three lines and a scroll bar rather than clipped lines.
    QScrollArea* area = content()->findingDetailArea;
    const int width = area->viewport()->width() > 1 ? area->viewport()->width() : content()->findingsPanel->width();
    const int needed =
        content()->findingDetail->text().isEmpty() ? 0 : content()->findingDetail->heightForWidth(std::max(200, width));
    area->setMaximumHeight(std::max(0, needed));
    area->setMinimumHeight(std::min(std::max(0, needed), 3 * fontMetrics().lineSpacing()));
}

bool InspectorWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (m_content && watched == m_content->findingDetailArea->viewport() && event->type() == QEvent::Resize &&
        static_cast<QResizeEvent*>(event)->size().width() != static_cast<QResizeEvent*>(event)->oldSize().width())
        fitFindingDetail();
    if (m_content && watched == m_content->findEdit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            content()->findCloseButton->click();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
