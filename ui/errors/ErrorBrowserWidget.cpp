#include "ErrorBrowserWidget.h"

#include "AppSettings.h"
#include "Badge.h"
#include "ErrorCatalog.h"
#include "ErrorCodeModel.h"
#include "ErrorEntryHtml.h"
#include "ErrorFilterProxyModel.h"
#include "ErrorGalleryWidget.h"
#include "ScenarioCatalog.h"
#include "ui_ErrorBrowserWidget.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

namespace {

bool isTextKey(const QKeyEvent* key)
{
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    if (key->key() == Qt::Key_Backspace)
        return true;
    const QString text = key->text();
    return !text.isEmpty() && text.at(0).isPrint();
}
} // namespace

ErrorBrowserWidget::ErrorBrowserWidget(const ErrorCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ErrorBrowserWidget>())
    , m_catalog(catalog)
{
    m_ui->setupUi(this);
    qRegisterMetaType<ErrorEntry>(); // openExampleRequested may cross threads or be spied on

    // Two pages: browse the catalogue, or try an error (the gallery). Pages of this widget, so
    // the gallery goes wherever the main window puts the browser.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("browserPages"));
    m_pages->setDocumentMode(true);
    m_ui->rootLayout->removeWidget(m_ui->splitter);
    m_pages->addTab(m_ui->splitter, tr("&Browse codes"));
    m_gallery = new ErrorGalleryWidget(m_catalog, ScenarioCatalog::builtin(), m_pages);
    m_gallery->setObjectName(QStringLiteral("errorGallery"));
    m_pages->addTab(m_gallery, tr("&Try an error"));
    m_pages->setTabToolTip(1, tr("Every error code as a one-click tile: reproduce it on the built-in simulator"));
    m_ui->rootLayout->addWidget(m_pages);
    connect(m_gallery, &ErrorGalleryWidget::reproduceRequested, this, [this](int code) {
        if (m_simulatorAvailable && m_reproducing == 0)
            emit reproduceRequested(code);
    });

    m_model = new ErrorCodeModel(m_catalog, this);
    m_proxy = new ErrorFilterProxyModel(m_model, this);

    QTableView* table = m_ui->codeTable;
    table->setModel(m_proxy);
    table->setItemDelegateForColumn(ErrorCodeModel::LevelColumn,
                                    new BadgeDelegate(ErrorCodeModel::RawValueRole, table));
    table->setItemDelegateForColumn(ErrorCodeModel::CategoryColumn,
                                    new BadgeDelegate(ErrorCodeModel::RawValueRole, table));
    // The title is long prose: it is in the tooltip and the detail pane, not a column.
    table->setColumnHidden(ErrorCodeModel::TitleColumn, true);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(ErrorCodeModel::CodeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ErrorCodeModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ErrorCodeModel::LevelColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ErrorCodeModel::CategoryColumn, QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    // Names read from the front (INVALID_…, RATE_LIMIT_…); in a narrow list the category column
    // steps aside for them (fitColumns; the entry shows the category).
    table->setTextElideMode(Qt::ElideRight);
    table->installEventFilter(this);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(searchDelayMs());
    connect(m_searchTimer, &QTimer::timeout, this, &ErrorBrowserWidget::applySearch);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    m_ui->searchEdit->installEventFilter(this);

    m_ui->emptyState->setTitle(tr("No matches"));
    connect(m_ui->emptyState->addButton(tr("Clear search and filters"), QStringLiteral("clearFiltersButton")),
            &QPushButton::clicked, this, &ErrorBrowserWidget::clearFilters);
    m_ui->detailEmptyState->setTitle(tr("No error code selected"));
    m_ui->detailEmptyState->setText(
        tr("Pick a code in the list to see what it means, its likely causes, how to fix it and an example "
           "response."));

    setupFilters();
    setupActions();

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ErrorBrowserWidget::onCurrentRowChanged);
    connect(m_ui->detailView, &QTextBrowser::anchorClicked, this, &ErrorBrowserWidget::onAnchorClicked);
    m_ui->detailView->installEventFilter(this);

    // Extra width goes to the detail pane; the list gets what its columns need.
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->detailView->document()->setDocumentMargin(12);
    // Until the user drags the splitter, the list is sized to its content (fitSplitter).
    m_autoSplit = !m_ui->splitter->restoreState(
        AppSettings::value(QSettings(), AppSettings::Key::ErrorBrowserSplitter).toByteArray());
    connect(m_ui->splitter, &QSplitter::splitterMoved, this, [this] { m_autoSplit = false; });
    // Stacked until the first resize finds room side by side (fitOrientation): the minimum a
    // window asks of a new panel before it has a size is then the narrow one.
    m_ui->splitter->setOrientation(Qt::Vertical);
    m_ui->listLayout->setContentsMargins(8, 8, 8, 8);
    m_ui->detailLayout->setContentsMargins(8, 8, 8, 8);
    resize(360, 300); // not the form's 1200 pixels: the first resize would pick the full toolbar
    // The list's "no match" page must not set the list's minimum height (the table's is smaller):
    // stacked under the inspector in a 700-pixel window every line counts.
    m_ui->emptyState->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    // Two rows of the list and a few lines of the entry are a usable least: below the inspector of
    // a 700-pixel window the scroll areas' own minimums (~70 pixels each) would make it taller.
    m_ui->codeTable->setMinimumHeight(40);
    m_ui->detailView->setMinimumHeight(40);

    updateCount();
    updateEmptyState();
    if (m_proxy->rowCount() > 0)
        moveSelection(0);
    else
        renderDetail();
    setFocusProxy(m_ui->searchEdit);
}

ErrorBrowserWidget::~ErrorBrowserWidget()
{
    if (!m_autoSplit) {
        QSettings settings;
        AppSettings::setValue(settings, AppSettings::Key::ErrorBrowserSplitter, m_ui->splitter->saveState());
    }
}

void ErrorBrowserWidget::setupFilters()
{
    // Counts in the combos tell at a glance how the catalogue is spread.
    QHash<QString, int> categoryCounts;
    QHash<QString, int> levelCounts;
    QList<const ErrorEntry*> firstOfLevel; // one entry per level, for its plain-language label
    for (const ErrorEntry& e : m_catalog.entries()) {
        ++categoryCounts[e.category];
        if (!levelCounts.contains(e.level))
            firstOfLevel << &e;
        ++levelCounts[e.level];
    }
    m_ui->categoryCombo->addItem(tr("All categories"), QString());
    for (const QString& category : m_catalog.categories())
        m_ui->categoryCombo->addItem(
            QStringLiteral("%1 (%2)").arg(Badge::label(category)).arg(categoryCounts.value(category)), category);
    m_ui->levelCombo->addItem(tr("All levels"), QString());
    for (const ErrorEntry* e : firstOfLevel) {
        m_ui->levelCombo->addItem(
            QStringLiteral("%1 (%2)").arg(Badge::label(e->level)).arg(levelCounts.value(e->level)), e->level);
        m_ui->levelCombo->setItemData(m_ui->levelCombo->count() - 1, e->levelLabel(), Qt::ToolTipRole);
    }
    connect(m_ui->categoryCombo, &QComboBox::currentIndexChanged, this, &ErrorBrowserWidget::applyFilters);
    connect(m_ui->levelCombo, &QComboBox::currentIndexChanged, this, &ErrorBrowserWidget::applyFilters);
}

void ErrorBrowserWidget::setupActions()
{
    auto makeAction = [this](const QString& text, const QString& objectName) {
        auto* action = new QAction(text, this);
        action->setObjectName(objectName);
        return action;
    };
    m_copyTextAction = makeAction(tr("Copy as text"), QStringLiteral("actionCopyText"));
    m_copyTextAction->setToolTip(tr("Copy the whole entry as plain text (Ctrl+C in the list)"));
    m_copyMarkdownAction = makeAction(tr("Copy as Markdown"), QStringLiteral("actionCopyMarkdown"));
    m_copyMarkdownAction->setToolTip(
        tr("Copy the whole entry as Markdown, ready for a ticket or a chat (Ctrl+Shift+C in the list)"));
    m_copyCodeAction = makeAction(tr("Copy code"), QStringLiteral("actionCopyCode"));
    m_openExampleAction = makeAction(tr("Open example in inspector"), QStringLiteral("actionOpenExample"));
    m_reproduceAction = makeAction(tr("Reproduce on simulator"), QStringLiteral("actionReproduce"));
    // Buttons carry the short form (the tooltip and the context menu say it in full), so the
    // detail pane still fits next to the list on a 1024 px screen.
    m_openExampleAction->setIconText(tr("Open in inspector"));
    m_reproduceAction->setIconText(tr("Reproduce"));
    m_backAction = makeAction(tr("Back"), QStringLiteral("actionBack"));
    // Desktop theme icons where there is a theme; arrows as text otherwise (Qt's built-in
    // fallback icons look out of place next to text buttons).
    m_backAction->setIcon(QIcon::fromTheme(QStringLiteral("go-previous")));
    m_backAction->setToolTip(tr("Back to the previously shown entry (Alt+Left)"));
    m_backAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_forwardAction = makeAction(tr("Forward"), QStringLiteral("actionForward"));
    m_forwardAction->setIcon(QIcon::fromTheme(QStringLiteral("go-next")));
    m_forwardAction->setToolTip(tr("Forward (Alt+Right)"));
    m_forwardAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    for (QAction* action : {m_backAction, m_forwardAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }

    m_ui->copyTextButton->setDefaultAction(m_copyTextAction);
    m_ui->copyMarkdownButton->setDefaultAction(m_copyMarkdownAction);
    m_ui->openExampleButton->setDefaultAction(m_openExampleAction);
    m_ui->reproduceButton->setDefaultAction(m_reproduceAction);
    // Before setDefaultAction, which copies the icon text.
    for (QAction* action : {m_backAction, m_forwardAction}) {
        if (action->icon().isNull())
            action->setIconText(action == m_backAction ? QStringLiteral("←") : QStringLiteral("→"));
    }
    m_ui->backButton->setDefaultAction(m_backAction);
    m_ui->forwardButton->setDefaultAction(m_forwardAction);
    // Narrow (under the inspector on a 1366-pixel screen): "Copy: Text Markdown", "Inspect".
    m_copyLabel = new QLabel(tr("Copy:"), m_ui->detailPanel);
    m_copyLabel->setObjectName(QStringLiteral("copyLabel"));
    m_copyLabel->hide();
    m_ui->detailToolbarLayout->insertWidget(m_ui->detailToolbarLayout->indexOf(m_ui->copyTextButton), m_copyLabel);
    m_fullToolbarWidth = m_ui->detailToolbarLayout->sizeHint().width();
    for (QToolButton* button : {m_ui->backButton, m_ui->forwardButton}) {
        const QAction* action = button->defaultAction();
        button->setToolButtonStyle(action->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
    }
    // Short texts until a resize finds room for the full ones: the browser's first minimum (asked
    // before it has a size) is then the narrow one, and showing it never widens the window.
    m_compactToolbar = false;
    m_copyLabel->setVisible(true);
    m_copyTextAction->setIconText(tr("Text"));
    m_copyMarkdownAction->setIconText(tr("Markdown"));
    m_openExampleAction->setIconText(tr("Inspect"));
    m_compactToolbar = true;

    // Tab goes through the entry's toolbar in the order it is shown, then into its text.
    const QList<QWidget*> order{m_ui->codeTable,       m_ui->backButton,         m_ui->forwardButton,
                                m_ui->copyTextButton,  m_ui->copyMarkdownButton, m_ui->openExampleButton,
                                m_ui->reproduceButton, m_ui->detailView};
    for (int i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));

    // The list's context menu and keyboard shortcuts act on the selected entry.
    QTableView* table = m_ui->codeTable;
    m_copyTextAction->setShortcut(QKeySequence::Copy);
    m_copyMarkdownAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    for (QAction* action : {m_copyTextAction, m_copyMarkdownAction})
        action->setShortcutContext(Qt::WidgetShortcut);
    auto* separator = new QAction(this);
    separator->setSeparator(true);
    table->addActions(
        {m_copyCodeAction, m_copyTextAction, m_copyMarkdownAction, separator, m_openExampleAction, m_reproduceAction});
    table->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_copyTextAction, &QAction::triggered, this, [this] {
        if (m_shown)
            copyToClipboard(m_shown->toPlainText(), tr("as text"));
    });
    connect(m_copyMarkdownAction, &QAction::triggered, this, [this] {
        if (m_shown)
            copyToClipboard(m_shown->toMarkdown(), tr("as Markdown"));
    });
    connect(m_copyCodeAction, &QAction::triggered, this, [this] {
        if (m_shown)
            copyToClipboard(m_shown->displayId(), QString());
    });
    connect(m_openExampleAction, &QAction::triggered, this, [this] {
        if (m_shown && m_inspectorAvailable)
            emit openExampleRequested(*m_shown);
    });
    connect(m_reproduceAction, &QAction::triggered, this, [this] {
        if (m_shown && m_shown->isNumeric() && m_simulatorAvailable && m_reproducing == 0)
            emit reproduceRequested(m_shown->code);
    });
    connect(m_backAction, &QAction::triggered, this, [this] { navigateHistory(-1); });
    connect(m_forwardAction, &QAction::triggered, this, [this] { navigateHistory(+1); });
    updateActions();
}

void ErrorBrowserWidget::focusSearch()
{
    m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->searchEdit->selectAll();
}

QKeySequence ErrorBrowserWidget::focusSearchShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::Key_K);
}

bool ErrorBrowserWidget::showEntry(int code)
{
    const ErrorEntry* entry = m_catalog.byCode(code);
    if (!entry)
        return false;
    selectEntry(entry);
    return true;
}

bool ErrorBrowserWidget::showEntry(const QString& codeOrKey)
{
    const QString trimmed = codeOrKey.trimmed();
    bool numeric = false;
    const int code = trimmed.toInt(&numeric);
    const ErrorEntry* entry = numeric ? m_catalog.byCode(code) : m_catalog.byKey(trimmed);
    if (!entry)
        return false;
    selectEntry(entry);
    return true;
}

void ErrorBrowserWidget::setQuery(const QString& query)
{
    m_ui->searchEdit->setText(query);
    applySearch();
}

const ErrorEntry* ErrorBrowserWidget::currentEntry() const
{
    return m_shown;
}

void ErrorBrowserWidget::setInspectorAvailable(bool available)
{
    m_inspectorAvailable = available;
    updateActions();
}

void ErrorBrowserWidget::setSimulatorAvailable(bool available)
{
    m_simulatorAvailable = available;
    m_gallery->setSimulatorAvailable(available);
    updateActions();
}

void ErrorBrowserWidget::setReproducing(int code)
{
    m_reproducing = code;
    m_gallery->setReproducing(code);
    updateActions();
}

void ErrorBrowserWidget::showGallery()
{
    m_pages->setCurrentWidget(m_gallery);
}

void ErrorBrowserWidget::showBrowse()
{
    m_pages->setCurrentWidget(m_ui->splitter);
}

bool ErrorBrowserWidget::isGalleryShown() const
{
    return m_pages->currentWidget() == m_gallery;
}

void ErrorBrowserWidget::applySearch()
{
    m_searchTimer->stop();
    m_proxy->setQuery(m_ui->searchEdit->text());
    // A new query re-ranks: its best match is what the user is looking for.
    afterFilterChange(m_proxy->hasQuery());
}

void ErrorBrowserWidget::applyFilters()
{
    m_proxy->setCategory(m_ui->categoryCombo->currentData().toString());
    m_proxy->setLevel(m_ui->levelCombo->currentData().toString());
    afterFilterChange(false);
}

void ErrorBrowserWidget::afterFilterChange(bool selectFirst)
{
    updateCount();
    updateEmptyState();
    if (m_proxy->rowCount() == 0)
        return;
    const int shownRow = m_shown ? m_proxy->rowOf(m_shown) : -1;
    if (selectFirst || shownRow < 0) {
        m_ui->codeTable->selectionModel()->setCurrentIndex(m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect |
                                                                                     QItemSelectionModel::Rows);
        m_ui->codeTable->scrollToTop();
    } else {
        // Keep the entry the user was reading, now at its new position.
        m_ui->codeTable->scrollTo(m_proxy->index(shownRow, 0));
    }
}

void ErrorBrowserWidget::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_proxy->hasFilter())
        m_ui->resultCountLabel->setText(tr("%1 of %2").arg(shown).arg(total));
    else
        m_ui->resultCountLabel->setText(tr("%n entries", nullptr, total));
}

void ErrorBrowserWidget::updateEmptyState()
{
    if (m_proxy->rowCount() > 0) {
        m_ui->resultsStack->setCurrentWidget(m_ui->codeTable);
        return;
    }
    QStringList scope;
    if (!m_proxy->category().isEmpty())
        scope << tr("in category <b>%1</b>").arg(Badge::label(m_proxy->category()).toHtmlEscaped());
    if (!m_proxy->level().isEmpty())
        scope << tr("at level <b>%1</b>").arg(Badge::label(m_proxy->level()).toHtmlEscaped());
    const QString where = scope.isEmpty() ? QString() : QLatin1Char(' ') + scope.join(QLatin1Char(' '));
    QString text;
    if (m_proxy->hasQuery()) {
        text = tr("No error code matches '<b>%1</b>'%2.<br>Try a number like 105, a word like 'duplicate', or a "
                  "method name like getLeads.")
                   .arg(m_proxy->query().toHtmlEscaped(), where);
    } else {
        text = tr("No error code is%1.<br>Choose another category or level.").arg(where);
    }
    m_ui->emptyState->setText(text);
    m_ui->resultsStack->setCurrentWidget(m_ui->emptyState);
}

void ErrorBrowserWidget::onCurrentRowChanged()
{
    const QModelIndex current = m_ui->codeTable->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    displayEntry(m_proxy->entryAt(current.row()), !m_syncingSelection);
}

void ErrorBrowserWidget::displayEntry(const ErrorEntry* entry, bool recordHistory)
{
    if (!entry || entry == m_shown)
        return;
    m_shown = entry;
    if (recordHistory) {
        m_history.erase(m_history.begin() + (m_historyIndex + 1), m_history.end());
        m_history.append(entry);
        m_historyIndex = int(m_history.size()) - 1;
    }
    renderDetail();
    updateActions();
}

void ErrorBrowserWidget::renderDetail()
{
    if (!m_shown) {
        m_ui->detailStack->setCurrentWidget(m_ui->detailEmptyState);
        return;
    }
    m_ui->detailView->setHtml(
        ErrorEntryHtml::render(*m_shown, m_catalog, m_ui->detailView->palette(), m_ui->detailView->font()));
    m_ui->detailView->verticalScrollBar()->setValue(0);
    m_ui->detailStack->setCurrentWidget(m_ui->detailView);
}

void ErrorBrowserWidget::limitDetailLineLength()
{
    // Prose is hard to follow past ~130 characters a line: on a wide pane the text keeps that
    // measure and leaves the rest blank instead of running across the screen.
    QTextBrowser* view = m_ui->detailView;
    const int measure = view->fontMetrics().averageCharWidth() * 130;
    if (view->viewport()->width() > measure + 40) {
        view->setLineWrapMode(QTextEdit::FixedPixelWidth);
        view->setLineWrapColumnOrWidth(measure);
    } else {
        view->setLineWrapMode(QTextEdit::WidgetWidth);
    }
}

void ErrorBrowserWidget::updateActions()
{
    const bool has = m_shown != nullptr;
    for (QAction* action : {m_copyTextAction, m_copyMarkdownAction, m_copyCodeAction})
        action->setEnabled(has);

    const bool hasExample = has && !m_shown->exampleText().isEmpty();
    m_openExampleAction->setEnabled(hasExample && m_inspectorAvailable);
    if (!m_inspectorAvailable)
        m_openExampleAction->setToolTip(tr("Not available yet: the response inspector is not part of this build"));
    else if (!hasExample)
        m_openExampleAction->setToolTip(tr("This entry has no example response"));
    else
        m_openExampleAction->setToolTip(
            tr("Open the example response in the inspector, where each error is explained"));

    const bool numeric = has && m_shown->isNumeric();
    m_reproduceAction->setEnabled(numeric && m_simulatorAvailable && m_reproducing == 0);
    if (m_reproducing != 0)
        m_reproduceAction->setToolTip(tr("Reproducing %1 on the simulator…").arg(m_reproducing));
    else if (!m_simulatorAvailable)
        m_reproduceAction->setToolTip(
            tr("Not available yet: sending reproduction requests to the simulator is not wired into this build"));
    else if (!numeric)
        m_reproduceAction->setToolTip(tr("Only numeric error codes have a simulator scenario"));
    else
        m_reproduceAction->setToolTip(tr("Send the built-in simulator a request that produces this error"));

    m_backAction->setEnabled(m_historyIndex > 0);
    m_forwardAction->setEnabled(m_historyIndex >= 0 && m_historyIndex < m_history.size() - 1);
}

void ErrorBrowserWidget::onAnchorClicked(const QUrl& url)
{
    const ErrorEntryHtml::Link link = ErrorEntryHtml::parseLink(url);
    switch (link.kind) {
    case ErrorEntryHtml::LinkKind::Entry:
        showEntry(link.value);
        break;
    case ErrorEntryHtml::LinkKind::Search:
        setQuery(link.value);
        break;
    case ErrorEntryHtml::LinkKind::CopyExample:
        if (m_shown)
            copyToClipboard(m_shown->exampleText(), tr("example response"));
        break;
    case ErrorEntryHtml::LinkKind::External:
        QDesktopServices::openUrl(QUrl(link.value));
        break;
    case ErrorEntryHtml::LinkKind::None:
        break;
    }
}

void ErrorBrowserWidget::moveSelection(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_ui->codeTable->selectionModel()->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    const QModelIndex target = m_proxy->index(row, 0);
    m_ui->codeTable->selectionModel()->setCurrentIndex(target,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_ui->codeTable->scrollTo(target);
}

void ErrorBrowserWidget::selectEntry(const ErrorEntry* entry)
{
    if (m_proxy->rowOf(entry) < 0)
        clearFilters(); // the user asked for this entry: show it in the list, not hidden
    const int row = m_proxy->rowOf(entry);
    if (row >= 0) {
        const QModelIndex target = m_proxy->index(row, 0);
        m_ui->codeTable->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect |
                                                                       QItemSelectionModel::Rows);
        // Jumping from a link: centre the row so its neighbours give context.
        m_ui->codeTable->scrollTo(target, QAbstractItemView::PositionAtCenter);
    }
    displayEntry(entry, !m_syncingSelection);
}

void ErrorBrowserWidget::navigateHistory(int delta)
{
    const int target = m_historyIndex + delta;
    if (target < 0 || target >= m_history.size())
        return;
    m_historyIndex = target;
    m_syncingSelection = true;
    selectEntry(m_history.at(target));
    m_syncingSelection = false;
    updateActions();
}

void ErrorBrowserWidget::clearFilters()
{
    const QSignalBlocker blockSearch(m_ui->searchEdit);
    const QSignalBlocker blockCategory(m_ui->categoryCombo);
    const QSignalBlocker blockLevel(m_ui->levelCombo);
    m_searchTimer->stop();
    m_ui->searchEdit->clear();
    m_ui->categoryCombo->setCurrentIndex(0);
    m_ui->levelCombo->setCurrentIndex(0);
    m_proxy->setQuery(QString());
    m_proxy->setCategory(QString());
    m_proxy->setLevel(QString());
    afterFilterChange(false);
}

void ErrorBrowserWidget::copyToClipboard(const QString& text, const QString& what)
{
    QGuiApplication::clipboard()->setText(text);
    const QString id = m_shown ? m_shown->displayId() : QString();
    emit statusMessage(what.isEmpty() ? tr("Copied %1").arg(id) : tr("Copied %1 %2").arg(id, what), 4000);
}

QSize ErrorBrowserWidget::minimumSizeHint() const
{
    QSize size = QWidget::minimumSizeHint();
    if (m_ui->splitter->orientation() == Qt::Vertical)
        return size;
    // The width the splitter asks side by side, replaced by what it asks stacked (the height
    // stays this arrangement's: stacking happens only when the width is short).
    const int splitter = m_ui->splitter->minimumSizeHint().width();
    const int stacked =
        std::max(m_ui->listPanel->minimumSizeHint().width(), m_ui->detailPanel->minimumSizeHint().width());
    size.setWidth(size.width() - splitter + stacked);
    return size;
}

void ErrorBrowserWidget::fitOrientation()
{
    const int sideBySide = m_ui->listPanel->minimumSizeHint().width() + m_ui->detailPanel->minimumSizeHint().width() +
                           m_ui->splitter->handleWidth();
    // The splitter's room: the browser's width less the tab page's frame (the splitter's own
    // width is stale while the gallery page is shown).
    const int room = width() - 8;
    const Qt::Orientation orientation = room >= sideBySide + 40 ? Qt::Horizontal : Qt::Vertical;
    if (orientation == m_ui->splitter->orientation())
        return;
    m_ui->splitter->setOrientation(orientation);
    // Stacked, the list's margins match the entry's below it.
    m_ui->listLayout->setContentsMargins(8, 8, orientation == Qt::Vertical ? 8 : 0, 8);
    m_ui->detailLayout->setContentsMargins(orientation == Qt::Vertical ? 8 : 0, 8, 8, 8);
    if (m_autoSplit)
        fitSplitter();
}

void ErrorBrowserWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitOrientation();
    updateToolbarTexts();
    if (m_autoSplit)
        fitSplitter();
}

void ErrorBrowserWidget::updateToolbarTexts()
{
    // The detail pane gets at least half the width (fitSplitter): the full button texts only
    // where they fit there, short ones (tooltips keep the full text) otherwise.
    const QMargins margins = m_ui->detailLayout->contentsMargins();
    const bool stacked = m_ui->splitter->orientation() == Qt::Vertical;
    const int room = (stacked ? width() : width() / 2) - margins.left() - margins.right();
    // With a margin: the full texts widen the pane's minimum, which must stay within its width.
    const bool compact = room < m_fullToolbarWidth + 48;
    if (compact == m_compactToolbar)
        return;
    m_compactToolbar = compact;
    m_copyLabel->setVisible(compact);
    m_copyTextAction->setIconText(compact ? tr("Text") : m_copyTextAction->text());
    m_copyMarkdownAction->setIconText(compact ? tr("Markdown") : m_copyMarkdownAction->text());
    m_openExampleAction->setIconText(compact ? tr("Inspect") : tr("Open in inspector"));
}

void ErrorBrowserWidget::fitSplitter()
{
    // The list as wide as its columns need (longest name, widest badges), within a third to a
    // half of the width; the detail pane takes the rest.
    QTableView* table = m_ui->codeTable;
    const QAbstractItemView* view = table; // sizeHintForColumn is public there
    int content = 2 * table->frameWidth() + table->verticalScrollBar()->sizeHint().width();
    for (int column = 0; column < m_proxy->columnCount(); ++column) {
        if (!table->isColumnHidden(column))
            content += std::max(view->sizeHintForColumn(column), table->horizontalHeader()->sectionSizeHint(column));
    }
    const QMargins margins = m_ui->listLayout->contentsMargins();
    content += margins.left() + margins.right();
    if (m_ui->splitter->orientation() == Qt::Vertical) {
        // Stacked: the list gets two fifths of the height, the entry the rest.
        const int total = m_ui->splitter->height() - m_ui->splitter->handleWidth();
        const int list = std::max(m_ui->listPanel->minimumSizeHint().height(), total * 2 / 5);
        m_ui->splitter->setSizes({list, std::max(0, total - list)});
        return;
    }
    const int total = m_ui->splitter->width() - m_ui->splitter->handleWidth();
    const int list = std::clamp(content, total / 3, total / 2);
    m_ui->splitter->setSizes({list, total - list});
}

void ErrorBrowserWidget::fitColumns()
{
    // Below the width of the longest name the category column goes rather than names being cut.
    QTableView* table = m_ui->codeTable;
    QHeaderView* header = table->horizontalHeader();
    const bool categoryShown = !table->isColumnHidden(ErrorCodeModel::CategoryColumn);
    const int others = header->sectionSize(ErrorCodeModel::CodeColumn) +
                       header->sectionSize(ErrorCodeModel::LevelColumn) +
                       (categoryShown ? header->sectionSize(ErrorCodeModel::CategoryColumn) : 0);
    const int nameRoom = table->viewport()->width() - others;
    int longestName = 0; // measured each time: 60 names, and the font may have changed
    for (int row = 0; row < m_model->rowCount(); ++row) {
        longestName = std::max(longestName, table->fontMetrics().horizontalAdvance(
                                                m_model->index(row, ErrorCodeModel::NameColumn).data().toString()));
    }
    const int wanted = longestName + 2 * table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 8;
    if (categoryShown && nameRoom < wanted)
        table->setColumnHidden(ErrorCodeModel::CategoryColumn, true);
    else if (!categoryShown && nameRoom - header->sectionSizeHint(ErrorCodeModel::CategoryColumn) >= wanted)
        table->setColumnHidden(ErrorCodeModel::CategoryColumn, false);
}

bool ErrorBrowserWidget::eventFilter(QObject* watched, QEvent* event)
{
    // The detail HTML carries colours derived from the view's palette: redo it when that changes
    // (the view's own event, as the parent's may arrive before the palette reaches the child).
    if (watched == m_ui->detailView && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        renderDetail();
    if (watched == m_ui->detailView && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange))
        limitDetailLineLength();
    if (watched == m_ui->codeTable && event->type() == QEvent::Resize)
        fitColumns();
    if (watched == m_ui->searchEdit && event->type() == QEvent::ShortcutOverride &&
        QKeySequence(static_cast<QKeyEvent*>(event)->keyCombination()) == focusSearchShortcut()) {
        event->ignore();
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);

    if (watched == m_ui->searchEdit) {
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up:
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: {
            if (m_searchTimer->isActive())
                applySearch(); // move through the results of what is typed, not of the last run
            const int page = std::max(1, m_ui->codeTable->viewport()->height() /
                                                 std::max(1, m_ui->codeTable->verticalHeader()->defaultSectionSize()) -
                                             1);
            const int step = (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) ? 1 : page;
            const bool down = key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown;
            moveSelection(down ? step : -step);
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            applySearch();
            if (m_proxy->rowCount() > 0)
                m_ui->codeTable->setFocus(Qt::OtherFocusReason);
            return true;
        case Qt::Key_Escape:
            if (!m_ui->searchEdit->text().isEmpty()) {
                m_ui->searchEdit->clear();
                applySearch();
                return true;
            }
            break;
        default:
            break;
        }
    } else if (watched == m_ui->codeTable) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_ui->detailView->setFocus(Qt::OtherFocusReason);
            return true;
        }
        // Typing in the list refines the search instead of the view's first-letter jump.
        if (isTextKey(key)) {
            m_ui->searchEdit->setFocus(Qt::OtherFocusReason);
            m_ui->searchEdit->deselect();
            QCoreApplication::sendEvent(m_ui->searchEdit, event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
