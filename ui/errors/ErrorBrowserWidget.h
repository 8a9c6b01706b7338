#pragma once

#include <QKeySequence>
#include <QWidget>

#include <memory>

namespace Ui {
class ErrorBrowserWidget;
}
class ErrorCatalog;
class ErrorCodeModel;
class ErrorGalleryWidget;
class ErrorFilterProxyModel;
class QAction;
class QLabel;
class QTabWidget;
class QTimer;
class QUrl;
struct ErrorEntry;

// Searchable error-code browser: search field, category and level filters, the list
// of matching codes and a detail pane with the whole entry. Filtering and ranking are
// ErrorCatalog::search's; this widget only presents them.
class ErrorBrowserWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ErrorBrowserWidget(const ErrorCatalog& catalog, QWidget* parent = nullptr);
    ~ErrorBrowserWidget() override;

    // Focuses the search field and selects its text, so typing replaces the last query.
    void focusSearch();
    // Shows the entry in the detail pane and selects it in the list, clearing the search and
    // filters if they hide it. Returns false (and changes nothing) for an unknown code or key.
    bool showEntry(int code);
    bool showEntry(const QString& codeOrKey);
    // Runs a search as if typed (no debounce).
    void setQuery(const QString& query);

    const ErrorEntry* currentEntry() const;
    const ErrorFilterProxyModel* proxyModel() const { return m_proxy; }

    // The inspector and the simulator wiring are built by other parts of the application; until
    // they connect, the corresponding actions stay disabled and say why.
    void setInspectorAvailable(bool available);
    void setSimulatorAvailable(bool available);

    // "Try an error": the gallery page of the browser (every code with a scenario, one click
    // each); its clicks arrive as reproduceRequested like the Reproduce action's.
    ErrorGalleryWidget* gallery() const { return m_gallery; }
    void showGallery();
    void showBrowse();
    bool isGalleryShown() const;
    QAction* reproduceAction() const { return m_reproduceAction; }

public slots:
    // The code being reproduced (0 = none): Reproduce and the gallery wait for it.
    void setReproducing(int code);

public:
    // The application-wide "focus the search" shortcut (Ctrl+K). The search field lets it through
    // instead of using it as "delete to end of line" (the X11 key binding of QLineEdit).
    static QKeySequence focusSearchShortcut();

    // Debounce between a keystroke and the filter run.
    static constexpr int searchDelayMs() { return 150; }

signals:
    void openExampleRequested(const ErrorEntry& entry);
    void reproduceRequested(int code);
    // Short feedback for a status bar ("Copied 301 as Markdown").
    void statusMessage(const QString& message, int timeoutMs);

public:
    // The minimum with the list above the entry: narrower than side by side, which is what the
    // browser switches to when it gets less width (under the inspector beside the composer in a
    // 1024-pixel window), so opening it never widens the window.
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void setupFilters();
    void fitSplitter();
    // Side by side where both panes' minimums fit the width, else the list above the entry.
    void fitOrientation();
    void updateToolbarTexts();
    void setupActions();
    void applySearch();
    void applyFilters();
    void afterFilterChange(bool selectFirst);
    void updateCount();
    void updateEmptyState();
    void onCurrentRowChanged();
    void displayEntry(const ErrorEntry* entry, bool recordHistory);
    void renderDetail();
    void limitDetailLineLength();
    // Hides the category column while the list is too narrow for the error names.
    void fitColumns();
    void updateActions();
    void onAnchorClicked(const QUrl& url);
    void moveSelection(int delta);
    void selectEntry(const ErrorEntry* entry);
    void navigateHistory(int delta);
    void clearFilters();
    void copyToClipboard(const QString& text, const QString& what);

    std::unique_ptr<Ui::ErrorBrowserWidget> m_ui;
    const ErrorCatalog& m_catalog;
    ErrorCodeModel* m_model = nullptr;
    ErrorFilterProxyModel* m_proxy = nullptr;
    QTimer* m_searchTimer = nullptr;
    const ErrorEntry* m_shown = nullptr;
    QList<const ErrorEntry*> m_history;
    int m_historyIndex = -1;
    bool m_inspectorAvailable = false;
    bool m_simulatorAvailable = false;
    bool m_syncingSelection = false;
    bool m_autoSplit = true;
    QLabel* m_copyLabel = nullptr;
    int m_fullToolbarWidth = 0;
    bool m_compactToolbar = false;

    QAction* m_copyTextAction = nullptr;
    QAction* m_copyMarkdownAction = nullptr;
    QAction* m_copyCodeAction = nullptr;
    QAction* m_openExampleAction = nullptr;
    QAction* m_reproduceAction = nullptr;
    QTabWidget* m_pages = nullptr;
    ErrorGalleryWidget* m_gallery = nullptr;
    int m_reproducing = 0;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
};
