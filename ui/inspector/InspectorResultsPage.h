#pragma once

#include "AnalysisTask.h"
#include "InspectorSession.h"
#include "InspectorSettings.h"
#include "RecordExport.h"

#include <QObject>

#include <functional>

namespace Ui {
class InspectorContent;
}
class BatchTableModel;
class FindingsModel;
class JsonHighlighter;
class JsonTreeModel;
class QAction;
class QMenu;
class QPushButton;
class QToolButton;
class QWidget;

// The inspector's results page (InspectorContent.ui: findings pane, body / raw / tree / batch /
// headers / request tabs): lays it out and fills its texts from the session's source and
// result. Selection and actions stay with InspectorWidget, which owns the models.
class InspectorResultsPage : public QObject
{
    Q_OBJECT

public:
    // Sets the form up into page (built on first use: startup pays only for the empty state),
    // showing the models.
    InspectorResultsPage(QWidget* page, const InspectorSession* session, FindingsModel* findings, JsonTreeModel* tree,
                         BatchTableModel* batch, QObject* parent = nullptr);
    ~InspectorResultsPage() override;

    Ui::InspectorContent* ui() const { return m_ui.get(); }

    // The body and raw views show message instead of a body, without marks or highlight.
    void resetViews(const QString& message);
    void highlightBody(qint64 offset, qint64 length, bool reveal);
    // Error objects of the findings (except those about the whole body) as marks.
    void applyMarks(const FindingsModel& findings, qint64 bodySize);
    void showHeaders(const InspectorSession::Source& source);
    void showRequest(const QJsonObject& request, const QString& description, const AnalysisTask::Result* result);
    void showBodyNotice(const QString& note, const AnalysisTask::Result* result, const InspectorSettings& settings);
    // The findings heading and the batch tab's title and summary.
    void showDiagnosis(const Diagnosis& diagnosis, bool batchKeysKnown);
    // Nothing was analysed (no response arrived, the file could not be read): the findings
    // header says so, never "nothing wrong", and the batch tab is off.
    void showNotAnalysed(const QString& why);
    // Up to five findings without scrolling; the body gets the rest.
    void fitFindingsPanel(int findings);
    // The explanation as tall as it needs at the pane's width (at least three lines).
    void fitFindingDetail();
    void setPalette(const QPalette& palette);

    // Selecting a finding selects its node in the tree, its batch row and its bytes in the
    // body; a tree node or batch row highlights its bytes; a click in the body selects its node.
    int currentFindingRow() const;
    void selectFinding(int row);
    void selectTreeNode(JsonIndex::NodeId node);

    // Export… (docs/design.md, Bulk work): the answer's result records (result.lead, …) or the
    // batch table's rows, all of them whatever the filter, as CSV, Excel CSV or JSON Lines.
    // Returns the records written, -1 with *error.
    qint64 exportRecords(const QString& path, RecordExport::Format format, QString* error) const;
    qint64 exportBatch(const QString& path, RecordExport::Format format, QString* error) const;
    // Asks for the file and the format (a file dialog by default; tests set their own): the
    // path, empty when cancelled.
    using SaveChooser = std::function<QString(const QString& title, RecordExport::Format* format)>;
    void setSaveChooser(SaveChooser chooser) { m_saveChooser = std::move(chooser); }
    // The request "Retry failed objects" builds: only the failed objects the catalogue calls
    // retryable; empty when there are none (or the request is not known).
    QJsonObject retryRequest() const;
    // The Export and Retry controls follow what is open.
    void updateBulkActions();

signals:
    // The current finding (-1: none); the explain button follows it.
    void findingChanged(int row);
    // Explain the current finding (button, link, context menu).
    void explainRequested();
    // Something was copied to the clipboard ("the message", a path, ...).
    void copied(const QString& what);
    // "Retry failed objects": the request for the composer.
    void retryRequested(const QJsonObject& envelope, int objects);
    // An export was written (or failed): a line for the status bar.
    void exported(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::unique_ptr<Ui::InspectorContent> m_ui;
    void onFindingChanged();
    void onTreeNodeChanged();
    void onBatchRowChanged();
    void onBodyNodeClicked(JsonIndex::NodeId node);
    void showFindingsContextMenu(const QPoint& pos);
    void showTreeContextMenu(const QPoint& pos);
    void copyTreePath();
    void copyTreeValue();
    void copyText(const QString& text, const QString& what);
    void setupBulkActions();
    void exportInteractive(bool batch);

    QWidget* m_page;
    const InspectorSession* m_session;
    FindingsModel* m_findings;
    JsonTreeModel* m_tree;
    BatchTableModel* m_batch;
    bool m_syncing = false;
    QAction* m_copyPathAction = nullptr;
    QAction* m_copyValueAction = nullptr;
    bool m_bodyClick = false; // the tree selection comes from a click in the body
    JsonHighlighter* m_requestHighlighter = nullptr;
    QToolButton* m_explanationToggle = nullptr;
    bool m_splitterRestored = false; // the user placed the findings/body splitter
    QToolButton* m_exportButton = nullptr;
    QAction* m_exportRecordsAction = nullptr;
    QAction* m_exportBatchAction = nullptr;
    QToolButton* m_exportBatchButton = nullptr;
    QToolButton* m_retryButton = nullptr;
    SaveChooser m_saveChooser;
};
