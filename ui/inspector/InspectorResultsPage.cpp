#include "InspectorResultsPage.h"

#include "AppSettings.h"
#include "Badge.h"
#include "BatchRetry.h"
#include "BatchTableModel.h"
#include "BodyView.h"
#include "ByteSize.h"
#include "ExplainLinkDelegate.h"
#include "FindingsModel.h"
#include "JsonHighlighter.h"
#include "JsonTreeModel.h"
#include "LazyTreeFetcher.h"
#include "MethodCatalog.h"
#include "RequestEnvelope.h"
#include "ui_InspectorContent.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QPushButton>
#include <QResizeEvent>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QToolButton>

InspectorResultsPage::InspectorResultsPage(QWidget* page, const InspectorSession* session, FindingsModel* findings,
                                           JsonTreeModel* tree, BatchTableModel* batch, QObject* parent)
    : QObject(parent)
    , m_ui(std::make_unique<Ui::InspectorContent>())
    , m_page(page)
    , m_session(session)
    , m_findings(findings)
    , m_tree(tree)
    , m_batch(batch)
{
    m_ui->setupUi(page);
    page->setObjectName(QStringLiteral("contentPage")); // setupUi names it after the form
    m_ui->findingsView->setModel(findings);
    m_ui->treeView->setModel(tree);
    // Big arrays keep coming while scrolled, wherever they are in the document.
    auto* fetcher = new LazyTreeFetcher(m_ui->treeView);
    fetcher->setObjectName(QStringLiteral("treeFetcher"));
    m_ui->batchView->setModel(batch);

    QHeaderView* header = m_ui->findingsView->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FindingsModel::MessageColumn, QHeaderView::Stretch);
    header->resizeSection(FindingsModel::SeverityColumn, 96);
    header->resizeSection(FindingsModel::CodeColumn, 110);
    header->resizeSection(FindingsModel::LevelColumn, 84);
    header->resizeSection(FindingsModel::PathColumn, 230);
    header->resizeSection(FindingsModel::ExplainColumn, 84);
    m_ui->findingsView->setMouseTracking(true);

    m_ui->treeView->header()->resizeSection(JsonTreeModel::KeyColumn, 175);
    m_ui->treeView->header()->resizeSection(JsonTreeModel::ValueColumn, 130);
    m_ui->treeView->header()->resizeSection(JsonTreeModel::TypeColumn, 60);

    // Rows come in response order; sorting (by clicking a header) is on demand only.
    m_ui->batchView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_ui->batchView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Column widths from a sample of rows, not from all of a 100 000-row batch.
    m_ui->batchView->horizontalHeader()->setResizeContentsPrecision(200);
    m_ui->batchView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->batchView->verticalHeader()->setDefaultSectionSize(page->fontMetrics().height() + 8);

    m_ui->mainSplitter->setStretchFactor(0, 0);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->mainSplitter->setSizes({170, 500});
    m_ui->bodySplitter->setStretchFactor(0, 0);
    m_ui->bodySplitter->setStretchFactor(1, 1);
    m_ui->bodySplitter->setSizes({400, 800});
    // Where the user left the splitters (also in an earlier run) wins over the automatic fit.
    {
        const QSettings settings;
        m_splitterRestored = m_ui->mainSplitter->restoreState(
            AppSettings::value(settings, AppSettings::Key::InspectorSplitter).toByteArray());
        m_ui->bodySplitter->restoreState(
            AppSettings::value(settings, AppSettings::Key::InspectorBodySplitter).toByteArray());
    }
    connect(m_ui->mainSplitter, &QSplitter::splitterMoved, this, [this] {
        m_splitterRestored = true;
        QSettings settings;
        AppSettings::setValue(settings, AppSettings::Key::InspectorSplitter, m_ui->mainSplitter->saveState());
    });
    connect(m_ui->bodySplitter, &QSplitter::splitterMoved, this, [this] {
        QSettings settings;
        AppSettings::setValue(settings, AppSettings::Key::InspectorBodySplitter, m_ui->bodySplitter->saveState());
    });
    // The explanation under the findings folds away (a short window: room for rows and body).
    m_explanationToggle = new QToolButton(page);
    m_explanationToggle->setObjectName(QStringLiteral("explanationToggle"));
    m_explanationToggle->setText(tr("E&xplanation"));
    m_explanationToggle->setCheckable(true);
    m_explanationToggle->setAutoRaise(true);
    m_explanationToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_explanationToggle->setToolTip(tr("Show or hide the explanation of the selected finding"));
    m_ui->findingsHeaderLayout->insertWidget(1, m_explanationToggle);
    connect(m_explanationToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_explanationToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        m_ui->findingDetailArea->setVisible(shown);
        QSettings settings;
        AppSettings::setValue(settings, AppSettings::Key::InspectorExplanationShown, shown);
        fitFindingsPanel(m_findings->rowCount());
    });
    const bool explanationShown = AppSettings::value(QSettings(), AppSettings::Key::InspectorExplanationShown).toBool();
    m_explanationToggle->setChecked(explanationShown);
    m_explanationToggle->setArrowType(explanationShown ? Qt::DownArrow : Qt::RightArrow);
    m_ui->findingDetailArea->setVisible(explanationShown);

    m_requestHighlighter = new JsonHighlighter(m_ui->requestView->document());
    m_requestHighlighter->setPalette(m_ui->requestView->palette());
    m_ui->requestView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_ui->bodyNotice->hide();
    // The explanation wraps; its longest word (a path, a URL) must not set the window's width.
    m_ui->findingDetail->setMinimumWidth(60);
    m_ui->findingDetailArea->setMinimumWidth(60);
    m_ui->findingDetailArea->viewport()->setAutoFillBackground(false);
    m_ui->findingDetailArea->viewport()->installEventFilter(this);

    connect(m_ui->findingsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorResultsPage::onFindingChanged);
    m_ui->findingsView->setItemDelegateForColumn(FindingsModel::LevelColumn,
                                                 new BadgeDelegate(FindingsModel::LevelValueRole, this));
    m_ui->findingsView->setItemDelegateForColumn(FindingsModel::ExplainColumn, new ExplainLinkDelegate(
                                                                                   [this](const QModelIndex& index) {
                                                                                       selectFinding(index.row());
                                                                                       emit explainRequested();
                                                                                   },
                                                                                   this));
    connect(m_ui->findingsView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (index.column() == FindingsModel::ExplainColumn)
            emit explainRequested();
    });
    connect(m_ui->explainButton, &QPushButton::clicked, this, &InspectorResultsPage::explainRequested);
    connect(m_ui->failedOnlyCheck, &QCheckBox::toggled, m_batch, &BatchTableModel::setFailedOnly);
    m_copyPathAction = new QAction(tr("Copy &path"), this);
    m_copyPathAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyPathAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyPathAction, &QAction::triggered, this, &InspectorResultsPage::copyTreePath);
    m_copyValueAction = new QAction(tr("Copy &value"), this);
    m_copyValueAction->setShortcut(QKeySequence::Copy);
    m_copyValueAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyValueAction, &QAction::triggered, this, &InspectorResultsPage::copyTreeValue);
    m_ui->treeView->addActions({m_copyValueAction, m_copyPathAction});
    connect(m_ui->findingsView, &QWidget::customContextMenuRequested, this,
            &InspectorResultsPage::showFindingsContextMenu);
    connect(m_ui->treeView, &QWidget::customContextMenuRequested, this, &InspectorResultsPage::showTreeContextMenu);
    connect(m_ui->treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InspectorResultsPage::onTreeNodeChanged);
    connect(m_ui->batchView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorResultsPage::onBatchRowChanged);
    for (BodyView* view : {m_ui->bodyView, m_ui->rawView})
        connect(view, &BodyView::nodeClicked, this, &InspectorResultsPage::onBodyNodeClicked);
    setupBulkActions();
}

InspectorResultsPage::~InspectorResultsPage() = default;

void InspectorResultsPage::setPalette(const QPalette& palette)
{
    m_requestHighlighter->setPalette(palette);
}

void InspectorResultsPage::resetViews(const QString& message)
{
    m_ui->bodyView->setMarks({});
    m_ui->rawView->setMarks({});
    m_ui->bodyView->setHighlightedRange(-1, 0, false);
    m_ui->rawView->setHighlightedRange(-1, 0, false);
    m_ui->bodyView->showMessage(message);
    m_ui->rawView->showMessage(message);
}

void InspectorResultsPage::highlightBody(qint64 offset, qint64 length, bool reveal)
{
    m_ui->bodyView->setHighlightedRange(offset, length, reveal);
    m_ui->rawView->setHighlightedRange(offset, length, reveal);
}

void InspectorResultsPage::applyMarks(const FindingsModel& findings, qint64 bodySize)
{
    QList<BodyView::Mark> marks;
    for (int row = 0; row < findings.rowCount(); ++row) {
        const Finding* f = findings.findingAt(row);
        // Findings about the whole body (an HTML page, a bare array) would tint everything.
        if (f->severity == Finding::Severity::Info || f->offset < 0 || (f->offset == 0 && f->length >= bodySize))
            continue;
        BodyView::Mark mark;
        mark.offset = f->offset;
        mark.length = f->length;
        mark.severity = f->severity;
        mark.toolTip = findings.explanationHtml(*f);
        mark.catalogKey = findings.index(row, 0).data(FindingsModel::CatalogKeyRole).toString();
        mark.findingRow = row;
        marks.append(mark);
    }
    m_ui->bodyView->setMarks(marks);
    m_ui->rawView->setMarks(marks);
}

void InspectorResultsPage::showBodyNotice(const QString& note, const AnalysisTask::Result* result,
                                          const InspectorSettings& settings)
{
    QStringList notes;
    if (!note.isEmpty())
        notes.append(note.toHtmlEscaped());
    if (result) {
        const JsonIndex& index = *result->index;
        if (index.isValid() && !m_ui->bodyView->bodyLayout()) {
        } else if (index.isValid() && m_ui->bodyView->bodyLayout()->mode() == BodyLayout::Mode::Raw) {
            notes.append(tr("Shown as received: %1 is above the pretty-print limit of %2. "
                            "The tree and the findings cover all of it. <a href=\"pretty\">Pretty-print anyway</a>")
                             .arg(ByteSize::text(index.size()), ByteSize::text(settings.prettyPrintLimit)));
        } else if (index.size() > settings.highlightLimit) {
            notes.append(tr("No syntax colours: %1 is above the highlighting limit of %2.")
                             .arg(ByteSize::text(index.size()), ByteSize::text(settings.highlightLimit)));
        }
        if (!index.isValid() && index.size() > 0 && index.errorOffset() >= 0) {
            const JsonIndex::LineColumn at = index.lineColumn(index.errorOffset());
            notes.append(tr("Not valid JSON: %1 at line %2, column %3 (marked below).")
                             .arg(index.errorMessage().toHtmlEscaped())
                             .arg(at.line)
                             .arg(at.column));
        }
    }
    m_ui->bodyNotice->setText(notes.join(QStringLiteral("<br>")));
    m_ui->bodyNotice->setVisible(!notes.isEmpty());
}

void InspectorResultsPage::showHeaders(const InspectorSession::Source& source)
{
    using Kind = InspectorSession::Source::Kind;
    m_ui->headersView->clear();
    if (!source.hasHead) {
        QString why;
        switch (source.kind) {
        case Kind::File:
            why = tr("Opened from a file: no status line or headers.");
            break;
        case Kind::Text:
            why = tr("Pasted without status line or headers. Paste curl -i or curl -v output to include them.");
            break;
        case Kind::Example:
            why = source.httpStatus ? tr("Catalogue example, as sent with HTTP %1.").arg(*source.httpStatus)
                                    : tr("Catalogue example.");
            break;
        case Kind::Received:
            why = tr("No response arrived.");
            break;
        }
        m_ui->statusLine->setText(why);
        return;
    }
    const int count = int(source.headers.size());
    m_ui->statusLine->setText(tr("HTTP %1 %2 · %3")
                                  .arg(source.httpStatus.value_or(0))
                                  .arg(source.reasonPhrase, count == 1 ? tr("1 header") : tr("%1 headers").arg(count)));
    QList<QTreeWidgetItem*> items;
    for (const auto& [name, value] : std::as_const(source.headers))
        items.append(new QTreeWidgetItem({QString::fromLatin1(name), QString::fromUtf8(value)}));
    m_ui->headersView->addTopLevelItems(items);
    m_ui->headersView->resizeColumnToContents(0);
}

void InspectorResultsPage::showRequest(const QJsonObject& request, const QString& description,
                                       const AnalysisTask::Result* result)
{
    const bool has = !request.isEmpty();
    m_ui->requestView->setVisible(has);
    if (!has) {
        m_ui->requestSummary->setText(
            tr("No request. Use “Correlate request…” to pick the request this response answers: its id is "
               "checked against the response, and each batch row names the object it was about."));
        m_ui->requestView->clear();
        return;
    }
    const RequestEnvelope envelope(request);
    const QJsonValue objects = envelope.params().toObject().value(QLatin1String("objects"));
    QStringList facts;
    if (!description.isEmpty())
        facts.append(description);
    if (!envelope.method().isEmpty())
        facts.append(envelope.method());
    if (objects.isArray())
        facts.append(objects.toArray().size() == 1 ? tr("1 object") : tr("%1 objects").arg(objects.toArray().size()));
    if (result && result->diagnosis.idMatches)
        facts.append(*result->diagnosis.idMatches ? tr("id matches the response") : tr("id differs from the response"));
    m_ui->requestSummary->setText(facts.join(QStringLiteral(" · ")));
    const QString text = QString::fromUtf8(envelope.toJson(QJsonDocument::Indented));
    if (m_ui->requestView->toPlainText() != text)
        m_ui->requestView->setPlainText(text);
    updateBulkActions();
}

void InspectorResultsPage::showDiagnosis(const Diagnosis& d, bool batchKeysKnown)
{
    m_ui->findingsLabel->setText(d.findings.isEmpty() ? tr("No findings: nothing wrong was found in this response")
                                                      : tr("Findings (%1)").arg(d.findings.size()));
    m_ui->explainButton->setEnabled(false);

    const int batchIndex = m_ui->detailTabs->indexOf(m_ui->batchTab);
    m_ui->detailTabs->setTabEnabled(batchIndex, !d.batch.isEmpty());
    m_ui->detailTabs->setTabText(batchIndex, d.batch.isEmpty()    ? tr("B&atch")
                                             : d.stats.failed > 0 ? tr("B&atch (%1 failed)").arg(d.stats.failed)
                                                                  : tr("B&atch (%1)").arg(d.batch.size()));
    m_ui->detailTabs->setTabToolTip(batchIndex, d.batch.isEmpty() ? tr("Not a batch response") : QString());
    m_ui->batchSummary->setText(
        d.batch.isEmpty()
            ? QString()
            : tr("%1 of %2 objects failed%3")
                  .arg(d.stats.failed)
                  .arg(d.stats.objects)
                  .arg(batchKeysKnown ? QString() : tr(" · correlate the request to see which objects they were")));
    if (d.batch.isEmpty() && m_ui->detailTabs->currentWidget() == m_ui->batchTab)
        m_ui->detailTabs->setCurrentWidget(m_ui->bodyTab);
    m_ui->batchView->resizeColumnsToContents();
    updateBulkActions();
}

void InspectorResultsPage::showNotAnalysed(const QString& why)
{
    m_ui->findingsLabel->setText(why);
    m_ui->findingDetail->clear();
    m_ui->explainButton->setEnabled(false);
    const int batchIndex = m_ui->detailTabs->indexOf(m_ui->batchTab);
    m_ui->detailTabs->setTabEnabled(batchIndex, false);
    m_ui->detailTabs->setTabText(batchIndex, tr("B&atch"));
    m_ui->batchSummary->clear();
    if (m_ui->detailTabs->currentWidget() == m_ui->batchTab)
        m_ui->detailTabs->setCurrentWidget(m_ui->bodyTab);
    updateBulkActions();
}

void InspectorResultsPage::fitFindingsPanel(int findings)
{
    const int rows = std::clamp(findings, 1, 5);
    QTreeView* view = m_ui->findingsView;
    const int rowHeight = std::max(view->sizeHintForRow(0), m_page->fontMetrics().height() + 6);
    const int viewHeight = view->header()->sizeHint().height() + rows * rowHeight + 2 * view->frameWidth() + 2;
    view->setMinimumHeight(view->header()->sizeHint().height() + rowHeight + 2 * view->frameWidth());
    // No taller than its rows: the room left goes to the explanation under it.
    view->setMaximumHeight(viewHeight);
    const int detail = m_ui->findingDetailArea->isVisibleTo(m_page) ? m_ui->findingDetailArea->maximumHeight() : 0;
    const int panel = m_ui->explainButton->sizeHint().height() + viewHeight + std::max(0, detail) +
                      2 * m_ui->findingsLayout->spacing() + 4;
    const int total = m_ui->mainSplitter->height();
    if (!m_splitterRestored && total > panel * 2)
        m_ui->mainSplitter->setSizes({panel, total - panel - m_ui->mainSplitter->handleWidth()});
}

void InspectorResultsPage::fitFindingDetail()
{
    // As tall as the explanation at the pane's width, so it takes no room it does not need; when
    // the pane is shorter, at least three lines and a scroll bar rather than clipped lines.
    QScrollArea* area = m_ui->findingDetailArea;
    const int width = area->viewport()->width() > 1 ? area->viewport()->width() : m_ui->findingsPanel->width();
    const int needed =
        m_ui->findingDetail->text().isEmpty() ? 0 : m_ui->findingDetail->heightForWidth(std::max(200, width));
    area->setMaximumHeight(std::max(0, needed));
    area->setMinimumHeight(std::min(std::max(0, needed), 3 * m_page->fontMetrics().lineSpacing()));
}

// --- selection sync: finding, tree, batch row and body show the same place -----------------

int InspectorResultsPage::currentFindingRow() const
{
    const QModelIndex current = m_ui->findingsView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void InspectorResultsPage::selectFinding(int row)
{
    if (row < 0 || row >= m_findings->rowCount())
        return;
    const QModelIndex index = m_findings->index(row, 0);
    m_ui->findingsView->setCurrentIndex(index);
    m_ui->findingsView->scrollTo(index);
    if (m_ui->findingsView->currentIndex().row() == row)
        onFindingChanged(); // also when it was already current: reveal it again
}

void InspectorResultsPage::onFindingChanged()
{
    const Finding* f = m_findings->findingAt(currentFindingRow());
    m_ui->explainButton->setEnabled(f && m_findings->entryFor(*f));
    emit findingChanged(f ? currentFindingRow() : -1);
    if (!f) {
        m_ui->findingDetail->clear();
        fitFindingDetail();
        return;
    }
    m_ui->findingDetail->setText(m_findings->explanationHtml(*f));
    fitFindingDetail();
    if (m_syncing)
        return;
    m_syncing = true;
    if (f->node != JsonIndex::npos)
        selectTreeNode(f->node);
    if (f->index >= 0 && m_session->result() && f->node != JsonIndex::npos) {
        // The finding is about a batch element or its error object.
        const JsonIndex::NodeId up = m_session->result()->index->parent(f->node);
        const QList<BatchRow>& rows = m_batch->rows();
        for (int r = 0; r < rows.size(); ++r) {
            if (rows.at(r).node == f->node || rows.at(r).node == up) {
                const int row = m_batch->modelRow(r);
                if (row >= 0) {
                    m_ui->batchView->setCurrentIndex(m_batch->index(row, 0));
                    m_ui->batchView->scrollTo(m_batch->index(row, 0));
                }
                break;
            }
        }
    }
    QWidget* tab = m_ui->detailTabs->currentWidget();
    if (tab != m_ui->bodyTab && tab != m_ui->rawTab && tab != m_ui->batchTab)
        m_ui->detailTabs->setCurrentWidget(m_ui->bodyTab);
    if (f->offset >= 0) {
        const qint64 size = m_session->result() ? m_session->result()->index->size() : 0;
        // A finding about the whole body is not worth a highlight covering all of it.
        if (f->offset == 0 && f->length >= size)
            highlightBody(0, 0, false);
        else
            highlightBody(f->offset, std::max<qint64>(1, f->length), true);
    }
    m_syncing = false;
}

void InspectorResultsPage::selectTreeNode(JsonIndex::NodeId node)
{
    const QModelIndex index = m_tree->indexForNode(node);
    if (!index.isValid())
        return;
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        m_ui->treeView->expand(up);
    m_ui->treeView->setCurrentIndex(index);
    m_ui->treeView->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void InspectorResultsPage::onTreeNodeChanged()
{
    const QModelIndex current = m_ui->treeView->currentIndex();
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

void InspectorResultsPage::onBatchRowChanged()
{
    const QModelIndex current = m_ui->batchView->currentIndex();
    if (m_syncing || !current.isValid())
        return;
    const JsonIndex::NodeId node = current.data(BatchTableModel::NodeRole).toUInt();
    if (node == JsonIndex::npos || !m_session->result())
        return;
    m_syncing = true;
    selectTreeNode(node);
    highlightBody(m_session->result()->index->offset(node), m_session->result()->index->length(node), true);
    m_syncing = false;
}

void InspectorResultsPage::onBodyNodeClicked(JsonIndex::NodeId node)
{
    // The node's first line may be far above the line clicked (a closing bracket): select it
    // in the tree and highlight it, without scrolling the body away from the click.
    m_bodyClick = true;
    selectTreeNode(node);
    m_bodyClick = false;
}

// --- context menus and copying ----------------------------------------------------------------

void InspectorResultsPage::copyText(const QString& text, const QString& what)
{
    QApplication::clipboard()->setText(text);
    emit copied(what);
}

void InspectorResultsPage::showFindingsContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_ui->findingsView->indexAt(pos);
    const Finding* f = index.isValid() ? m_findings->findingAt(index.row()) : nullptr;
    QMenu menu(m_page);
    if (f) {
        selectFinding(index.row());
        QAction* explain = menu.addAction(tr("&Explain"), this, &InspectorResultsPage::explainRequested);
        explain->setEnabled(m_findings->entryFor(*f));
        menu.addSeparator();
        const Finding finding = *f;
        menu.addAction(tr("Copy &message"), this, [this, finding] { copyText(finding.message, tr("the message")); });
        menu.addAction(tr("Copy &path"), this, [this, finding] { copyText(finding.path, finding.path); });
        menu.addAction(tr("Copy &finding"), this,
                       [this, finding] { copyText(finding.toTextLine(), tr("the finding")); });
    }
    if (const auto result = m_session->result()) {
        menu.addAction(tr("Copy &all findings"), this,
                       [this, result] { copyText(result->diagnosis.toText(), tr("the verdict and all findings")); });
    }
    if (!menu.isEmpty())
        menu.exec(m_ui->findingsView->viewport()->mapToGlobal(pos));
}

void InspectorResultsPage::showTreeContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_ui->treeView->indexAt(pos);
    if (!index.isValid())
        return;
    m_ui->treeView->setCurrentIndex(index);
    QMenu menu(m_page);
    menu.addAction(m_copyValueAction);
    menu.addAction(m_copyPathAction);
    menu.exec(m_ui->treeView->viewport()->mapToGlobal(pos));
}

void InspectorResultsPage::copyTreePath()
{
    const QString path = m_ui->treeView->currentIndex().data(JsonTreeModel::PathRole).toString();
    if (!path.isEmpty())
        copyText(path, path);
}

void InspectorResultsPage::copyTreeValue()
{
    const JsonIndex::NodeId node = m_tree->nodeForIndex(m_ui->treeView->currentIndex().siblingAtColumn(0));
    if (node == JsonIndex::npos || !m_tree->document())
        return;
    const JsonIndex& index = *m_tree->document();
    // Strings as their text (an email address, not a JSON literal); anything else as JSON.
    const QString value = index.type(node) == JsonIndex::Type::String
                              ? index.string(node)
                              : QString::fromUtf8(index.raw(node).toByteArray());
    copyText(value, tr("the value of %1").arg(index.path(node)));
}

bool InspectorResultsPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_ui->findingDetailArea->viewport() && event->type() == QEvent::Resize &&
        static_cast<QResizeEvent*>(event)->size().width() != static_cast<QResizeEvent*>(event)->oldSize().width())
        fitFindingDetail();
    return QObject::eventFilter(watched, event);
}

// --- bulk: export and retry --------------------------------------------------------------------

void InspectorResultsPage::setupBulkActions()
{
    setObjectName(QStringLiteral("inspectorResultsPage"));
    m_exportRecordsAction = new QAction(tr("Result &records…"), this);
    m_exportRecordsAction->setObjectName(QStringLiteral("exportRecordsAction"));
    m_exportRecordsAction->setToolTip(tr("Write the answer's list of records (result.lead, …) as CSV or JSON Lines"));
    connect(m_exportRecordsAction, &QAction::triggered, this, [this] { exportInteractive(false); });
    m_exportBatchAction = new QAction(tr("&Batch table…"), this);
    m_exportBatchAction->setObjectName(QStringLiteral("exportBatchAction"));
    m_exportBatchAction->setToolTip(tr("Write every row of the batch table (not only the ones shown)"));
    connect(m_exportBatchAction, &QAction::triggered, this, [this] { exportInteractive(true); });
    auto* menu = new QMenu(m_page);
    menu->setObjectName(QStringLiteral("exportMenu"));
    menu->addAction(m_exportRecordsAction);
    menu->addAction(m_exportBatchAction);
    m_exportButton = new QToolButton(m_page);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setText(tr("Ex&port…"));
    m_exportButton->setAutoRaise(true);
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setMenu(menu);
    m_exportButton->setToolTip(tr("Write the result records or the batch table to a CSV or JSON Lines file"));
    // No taller than the tabs: a corner widget that is would add its excess to the inspector's
    // minimum height, and the window must fit 1024x700.
    m_exportButton->setMaximumHeight(m_ui->detailTabs->tabBar()->sizeHint().height());
    m_ui->detailTabs->setCornerWidget(m_exportButton, Qt::TopRightCorner);

    // On the batch tab itself, next to "Failed only".
    // Tool buttons: no taller than the row's other controls, so the tab keeps the inspector's
    // minimum height (the window must fit 1024x700).
    m_retryButton = new QToolButton(m_page);
    m_retryButton->setText(tr("Retr&y failed objects"));
    m_retryButton->setObjectName(QStringLiteral("retryFailedButton"));
    connect(m_retryButton, &QToolButton::clicked, this, [this] {
        const QJsonObject envelope = retryRequest();
        if (!envelope.isEmpty())
            emit retryRequested(
                envelope, int(envelope.value(QStringLiteral("params"))[QLatin1String("objects")].toArray().size()));
    });
    m_exportBatchButton = new QToolButton(m_page);
    m_exportBatchButton->setText(tr("Export…"));
    m_exportBatchButton->setObjectName(QStringLiteral("exportBatchButton"));
    connect(m_exportBatchButton, &QToolButton::clicked, m_exportBatchAction, &QAction::trigger);
    // The buttons make the header row a little taller than the check box alone; the table gives
    // that back, so the batch tab does not raise the inspector's minimum height.
    m_ui->batchView->setMinimumHeight(60);
    m_ui->batchHeaderLayout->addWidget(m_retryButton);
    m_ui->batchHeaderLayout->addWidget(m_exportBatchButton);
    connect(m_batch, &QAbstractItemModel::modelReset, this, &InspectorResultsPage::updateBulkActions);
    updateBulkActions();
}

void InspectorResultsPage::updateBulkActions()
{
    const auto result = m_session->result();
    const bool records = result && RecordExport::resultRecords(*result->index) != JsonIndex::npos;
    const bool batch = !m_batch->rows().isEmpty();
    m_exportRecordsAction->setEnabled(records);
    m_exportBatchAction->setEnabled(batch);
    m_exportButton->setEnabled(records || batch);
    m_exportBatchButton->setEnabled(batch);
    const int retryable = BatchRetry::retryableCount(m_batch->rows());
    m_retryButton->setEnabled(retryable > 0 && !m_session->request().isEmpty());
    if (m_batch->failedCount() == 0) {
        m_retryButton->setToolTip(tr("No object failed"));
    } else if (m_session->request().isEmpty()) {
        m_retryButton->setToolTip(tr("Correlate the request first: the retry is built from its objects"));
    } else {
        m_retryButton->setToolTip(
            tr("Put the failed objects worth retrying (%1: rate limits, server errors, retryable in the error "
               "catalogue) into the composer as a new request; %2 other failures would fail again as they are")
                .arg(retryable)
                .arg(m_batch->failedCount() - retryable));
    }
}

QJsonObject InspectorResultsPage::retryRequest() const
{
    return BatchRetry::envelope(m_session->request(), m_batch->rows()).value_or(QJsonObject());
}

qint64 InspectorResultsPage::exportRecords(const QString& path, RecordExport::Format format, QString* error) const
{
    const auto result = m_session->result();
    if (!result) {
        *error = tr("Nothing is open");
        return -1;
    }
    const MethodSpec* method =
        MethodCatalog::builtin().byName(m_session->request().value(QStringLiteral("method")).toString());
    const JsonIndex::NodeId array = RecordExport::resultRecords(*result->index, method ? method->resultKey : QString());
    if (array == JsonIndex::npos) {
        *error = tr("The answer has no list of records under result");
        return -1;
    }
    return RecordExport::writeRecords(path, format, *result->index, array, error);
}

qint64 InspectorResultsPage::exportBatch(const QString& path, RecordExport::Format format, QString* error) const
{
    return RecordExport::writeBatchRows(path, format, m_batch->rows(), m_batch->keyFields(), error);
}

void InspectorResultsPage::exportInteractive(bool batch)
{
    const QString title = batch ? tr("Export the batch table") : tr("Export the result records");
    RecordExport::Format format = RecordExport::Format::Csv;
    QString path;
    if (m_saveChooser) {
        path = m_saveChooser(title, &format);
    } else {
        const QString csv = tr("CSV (*.csv)");
        const QString excel = tr("Excel CSV, UTF-8 with byte order mark (*.csv)");
        const QString jsonl = tr("JSON Lines (*.jsonl)");
        QString filter = csv;
        path = QFileDialog::getSaveFileName(m_page, title, QString(),
                                            QStringList{csv, excel, jsonl}.join(QStringLiteral(";;")), &filter);
        format = filter == excel   ? RecordExport::Format::ExcelCsv
                 : filter == jsonl ? RecordExport::Format::Jsonl
                                   : RecordExport::Format::Csv;
    }
    if (path.isEmpty())
        return;
    QString error;
    const qint64 written = batch ? exportBatch(path, format, &error) : exportRecords(path, format, &error);
    emit exported(written < 0 ? tr("Export failed: %1").arg(error)
                              : (written == 1 ? tr("Exported 1 record to %1").arg(path)
                                              : tr("Exported %1 records to %2").arg(written).arg(path)));
}
