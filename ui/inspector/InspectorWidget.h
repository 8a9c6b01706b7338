#pragma once

#include "AnalysisTask.h"
#include "BodyLayout.h"
#include "InspectorSession.h"
#include "InspectorSettings.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class InspectorContent;
class InspectorWidget;
} // namespace Ui
class BatchTableModel;
class BodyFindBar;
class BodyView;
class ErrorCatalog;
class FindingsModel;
class InspectorResultsPage;
class JsonTreeModel;
class QAction;
struct FinishedCall;
class QMimeData;
struct CallCapture;
struct ErrorEntry;

// The response inspector: the verdict, every finding with its explanation, the
// body with each error object marked, a lazy tree, the batch table, headers, raw bytes and the
// request. Works the same for a response just received, a saved file, pasted text, a dropped
// file and a catalogue example. Indexing and analysis run on a worker (AnalysisTask), the
// body view's line tables on the thread pool: the GUI thread only ever handles finished,
// shared results, so a 100 MB body does not freeze the window, and the tree is browsable as
// soon as the index is built.
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorWidget(const ErrorCatalog& catalog, QWidget* parent = nullptr);
    ~InspectorWidget() override;

    // --- inputs ---------------------------------------------------------------------------
    // A saved response (any size: the file is mapped, never read into memory), with an
    // optional request file (saved request or bare envelope) to correlate. Returns false, with
    // the reason in the banner, when a file cannot be read.
    bool openFile(const QString& path, const QString& requestPath = QString());
    // Pasted or dropped text: a body, or `curl -i` / `curl -v` output with status and headers.
    void openText(const QByteArray& text, const QString& title);
    // A catalogue entry's example response, with the status it comes with.
    void openExample(const ErrorEntry& entry);
    // Correlates a request with the response shown: the analysis runs again with it. Opening
    // another response forgets it. Returns false, with the reason in the banner, if unreadable.
    bool setRequestFile(const QString& path);
    void setRequestEnvelope(const QJsonObject& envelope, const QString& description);
    // Where "Correlate → The composer's request" takes its body from (MainWindow: the composer);
    // without one that choice is hidden.
    void setComposerRequestSource(std::function<QByteArray()> source);
    void clearRequest();
    // Reopens the response file opened last time, unless it is bigger than the reopen limit
    // (then the empty state offers to open it). Call once at startup.
    void restoreLastResponse();

    InspectorSettings settings() const { return m_settings; }
    // Takes effect for the next response opened (and re-lays the current one out).
    void setSettings(const InspectorSettings& settings);

    // --- state, for the main window and tests -----------------------------------------------
    bool isBusy() const { return m_busy; }
    std::shared_ptr<const AnalysisTask::Result> result() const { return m_session->result(); }
    FindingsModel* findingsModel() const { return m_findings; }
    BatchTableModel* batchModel() const { return m_batch; }
    JsonTreeModel* treeModel() const { return m_tree; }
    BodyView* bodyView() const;
    BodyView* rawView() const;
    int currentFindingRow() const;

    QAction* openAction() const { return m_openAction; }
    QAction* pasteAction() const { return m_pasteAction; }
    QAction* correlateAction() const { return m_correlateAction; }
    QAction* findAction() const { return m_findAction; }
    InspectorSession* session() const { return m_session; }

public slots:
    // A call the composer finished: status, headers, body (in memory or spilled to a file)
    // and the request envelope it sent, for correlation. Opens at once.
    void openCapture(const CallCapture& capture);
    // The same for a call whose response is analysed already (the composer's FinishedCall): its
    // analysis is shown, nothing is analysed again.
    void openAnalysedCall(const FinishedCall& call);
    void pasteFromClipboard();
    // Correlate with the request on the clipboard (a saved request or an envelope), or the
    // composer's; a clipboard without one says so and changes nothing.
    void correlateFromClipboard();
    void correlateWithComposer();
    void cancel();
    void selectFinding(int row);
    void explainCurrentFinding();
    void showFindBar();
    void findNext();
    void findPrevious();

signals:
    // "Explain": the catalogue entry to show ("301", "html_page").
    void explainRequested(const QString& codeOrKey);
    void statusMessage(const QString& message, int timeoutMs);
    // "Retry failed objects" on the batch tab: a request with those objects, for the composer.
    void retryRequested(const QJsonObject& envelope, int objects);
    // A response started opening (the main window brings the inspector to the front).
    void opened(const QString& title);
    // The index is built: the tree is browsable (findings may still be computed).
    void treeReady();
    // Analysis done and the body views laid out.
    void loaded();
    void busyChanged(bool busy);
    // The verdict's "Next page": the same method with these params (offset + limit); `send`
    // when the page came from a call the composer just made, else it only fills the composer.
    void nextPageRequested(const QString& method, const QJsonObject& params, bool send);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layouts
    {
        std::shared_ptr<const BodyLayout> pretty;
        std::shared_ptr<const BodyLayout> raw;
    };

    void createActions();
    // The results page (findings, body, tree, batch, headers, raw, request, find bar): built
    // by content() on first use, so startup pays only for the empty state.
    Ui::InspectorContent* content() const;
    void buildContent();
    void showContentPage();
    void setupViews();
    void setupEmptyState();
    // Session events
    void onStarted();
    void onOpenFailed(const QString& title, const QString& details);
    void onNoResponse(const CallCapture& capture);
    void setBusy(bool busy);
    void onTreeReady(const std::shared_ptr<const JsonIndex>& index);
    void onFinished(const std::shared_ptr<const AnalysisTask::Result>& result);
    void onCanceled();
    void onFailed(const QString& message);
    void cancelLayouts();
    void buildLayouts();
    void onLayoutsReady();
    void updateRequestTab();
    void updateBodyNotice();
    void clearResults(const QString& message);
    void openFileDialog();
    // The first local file of a paste or drop, else its text; false when it holds neither.
    bool openMime(const QMimeData* mime, const QString& textTitle);
    void correlateDialog();

    std::unique_ptr<Ui::InspectorWidget> m_ui;
    InspectorResultsPage* m_page = nullptr;
    BodyFindBar* m_findBar = nullptr;
    const ErrorCatalog& m_catalog;
    InspectorSettings m_settings;
    InspectorSession* m_session = nullptr;
    FindingsModel* m_findings = nullptr;
    BatchTableModel* m_batch = nullptr;
    JsonTreeModel* m_tree = nullptr;

    bool m_busy = false;
    bool m_forcePretty = false;

    QFutureWatcher<Layouts> m_layoutWatcher;
    std::shared_ptr<std::atomic<bool>> m_layoutCancel;
    quint64 m_generation = 0;

    QAction* m_openAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_correlateAction = nullptr;
    QAction* m_correlateComposerAction = nullptr;
    std::function<QByteArray()> m_composerRequest;
    QAction* m_findAction = nullptr;
    QAction* m_findNextAction = nullptr;
    QAction* m_findPreviousAction = nullptr;
    QAction* m_explainAction = nullptr;
    QString m_reopenPath;
};
