#pragma once

#include "AnalysisTask.h"
#include "BodyLayout.h"
#include "InspectorSettings.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class InspectorContent;
class InspectorWidget;
} // namespace Ui
class BatchTableModel;
class BodyView;
class ErrorCatalog;
class FindingsModel;
class JsonHighlighter;
class JsonTreeModel;
class QAction;
struct CallCapture;
struct FinishedCall;
struct ErrorEntry;

// The response inspector (issue 5): the verdict, every finding with its explanation, the
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
    void clearRequest();
    // Reopens the response file opened last time, unless it is bigger than the reopen limit
    // (then the empty state offers to open it). Call once at startup.
    void restoreLastResponse();

    InspectorSettings settings() const { return m_settings; }
    // Takes effect for the next response opened (and re-lays the current one out).
    void setSettings(const InspectorSettings& settings);

    // --- state, for the main window and tests -----------------------------------------------
    bool isBusy() const { return m_busy; }
    std::shared_ptr<const AnalysisTask::Result> result() const { return m_result; }
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

public slots:
    // A call the composer finished: status, headers, body (in memory or spilled to a file)
    // and the request envelope it sent, for correlation. Opens at once.
    void openCapture(const CallCapture& capture);
    // The same for a call already analysed (CallAnalysis): its diagnosis is shown, not redone.
    void openAnalysedCall(const FinishedCall& call);
    void pasteFromClipboard();
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
    // A response started opening (the main window brings the inspector to the front).
    void opened(const QString& title);
    // The index is built: the tree is browsable (findings may still be computed).
    void treeReady();
    // Analysis done and the body views laid out.
    void loaded();
    void busyChanged(bool busy);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Source
    {
        enum class Kind
        {
            Received,
            File,
            Text,
            Example
        };
        Kind kind = Kind::Text;
        QString title;
        QString path;    // file to map (saved response or spilled body)
        QByteArray body; // in memory otherwise
        std::optional<int> httpStatus;
        QString reasonPhrase;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool hasHead = false;            // status line and headers are known
        QString note;                    // shown above the body (incomplete body, ...)
        std::shared_ptr<void> keepAlive; // keeps a spilled body's file until we are done
    };
    struct Layouts
    {
        std::shared_ptr<const BodyLayout> pretty;
        std::shared_ptr<const BodyLayout> raw;
    };

    bool readRequestFile(const QString& path);
    void clearRequestState();
    void showFailure(const QString& title, const QString& details);
    void createActions();
    // The results page (findings, body, tree, batch, headers, raw, request, find bar): built
    // by content() on first use, so startup pays only for the empty state.
    Ui::InspectorContent* content() const;
    void buildContent();
    void showContentPage();
    void setupViews();
    void setupEmptyState();
    // analysis: the response's, when it is already known (nothing is analysed again).
    void start(Source source, std::shared_ptr<const AnalysisTask::Result> analysis = nullptr);
    void setBusy(bool busy);
    void onProgress(int permille);
    void onTreeReady(std::shared_ptr<const JsonIndex> index);
    void onFinished(std::shared_ptr<const AnalysisTask::Result> result);
    void onCanceled();
    void onFailed(const QString& message);
    void buildLayouts();
    void onLayoutsReady();
    void applyMarks();
    void updateHeaders();
    void updateRequestTab();
    void updateBodyNotice();
    void resetViews(const QString& message);
    void fitFindingsPanel();
    void fitFindingDetail();
    void onFindingChanged();
    void onTreeNodeChanged();
    void onBatchRowChanged();
    void onBodyNodeClicked(JsonIndex::NodeId node);
    void selectTreeNode(JsonIndex::NodeId node);
    void highlightBody(qint64 offset, qint64 length, bool reveal);
    void showFindingsContextMenu(const QPoint& pos);
    void showTreeContextMenu(const QPoint& pos);
    void copyTreePath();
    void copyTreeValue();
    void runFind(bool backward, bool restart);
    void onFindFinished(BodyView* view);
    BodyView* findTarget();
    void openFileDialog();
    void correlateDialog();
    void copyText(const QString& text, const QString& what);

    std::unique_ptr<Ui::InspectorWidget> m_ui;
    std::unique_ptr<Ui::InspectorContent> m_content;
    const ErrorCatalog& m_catalog;
    InspectorSettings m_settings;
    AnalysisTask* m_task = nullptr;
    FindingsModel* m_findings = nullptr;
    BatchTableModel* m_batch = nullptr;
    JsonTreeModel* m_tree = nullptr;

    Source m_source;
    bool m_hasSource = false;
    QJsonObject m_request;
    QString m_requestDescription;
    QString m_requestPath;
    std::shared_ptr<const AnalysisTask::Result> m_result;
    bool m_busy = false;
    bool m_forcePretty = false;
    bool m_syncing = false;
    bool m_bodyClick = false; // the tree selection comes from a click in the body

    QFutureWatcher<Layouts> m_layoutWatcher;
    std::shared_ptr<std::atomic<bool>> m_layoutCancel;
    quint64 m_generation = 0;

    QAction* m_openAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_correlateAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_findNextAction = nullptr;
    QAction* m_findPreviousAction = nullptr;
    QAction* m_explainAction = nullptr;
    QAction* m_copyPathAction = nullptr;
    QAction* m_copyValueAction = nullptr;
    QString m_reopenPath;
    QPair<QString, QString> m_lastFile; // response and request file, saved on destruction
    JsonHighlighter* m_requestHighlighter = nullptr;
};
