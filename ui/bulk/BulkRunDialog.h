#pragma once

#include "ApiRequest.h"
#include "BatchRun.h"
#include "HistoryRecorder.h"
#include "PageRun.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class BulkCallRecorder;
class QComboBox;
class QFile;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class ObjectImportPlan;
class RecordSink;
class ThrottledCaller;
struct MethodSpec;

// Request → Fetch all pages / Send in batches (docs/design.md, Bulk work): the composer's request
// run by the same core classes as `send --all-pages` and `send --split` (PageRun, BatchRun,
// ThrottledCaller with the account's CallRateLimiter, RecordSink), on the GUI thread's event
// loop without blocking it. A progress bar and Cancel; records (pages) or per-object results
// (batches) stream to the chosen file as CSV, JSON Lines or Excel CSV (with a BOM); a batch's
// results are also listed in the table. A cancelled or failed run keeps what it wrote and says
// where it stopped.
class BulkRunDialog : public QDialog
{
    Q_OBJECT

public:
    // `request`: endpoint, credentials, headers and the envelope to run (its body).
    BulkRunDialog(const ApiRequest& request, const QString& environmentName, bool simulator, QWidget* parent = nullptr);
    ~BulkRunDialog() override;

    // Whether the method of `body` is paginated or a batch (else there is nothing to run).
    static bool canRun(const QByteArray& body);

    bool isRunning() const;
    QString statusText() const;

    // File → Import CSV: the request's objects are `plan`'s toSend(); the output is the results
    // CSV (each input row plus success, id, code, message, fix), written when the run ends.
    // Objects lint held back are listed in the table from the start.
    void setImport(std::shared_ptr<ObjectImportPlan> plan, const QString& resultsPath);
    void setOutputPath(const QString& path);
    // Every call of a run goes into this call history, a row each (docs/design.md, Call history).
    void setHistory(HistoryRecorder* recorder) { m_history = recorder; }

signals:
    void runFinished();

private:
    void start();
    void cancel();
    void finish(const QString& message);
    bool openOutput(QString* error);
    void addResultRow(int index, bool success, const QString& id, int code, const QString& message, const QString& fix);
    void writeImportResults(QString* text);

    ApiRequest m_request;
    QString m_environmentName;
    bool m_simulator = false;
    const MethodSpec* m_method = nullptr;
    QLabel* m_summary = nullptr;
    QLineEdit* m_path = nullptr;
    QComboBox* m_format = nullptr;
    QSpinBox* m_chunk = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QTableWidget* m_table = nullptr;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ThrottledCaller> m_caller;
    QPointer<HistoryRecorder> m_history;
    std::unique_ptr<BulkCallRecorder> m_calls;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<RecordSink> m_sink;
    std::unique_ptr<PageRun> m_pages;
    std::unique_ptr<BatchRun> m_batches;
    std::shared_ptr<ObjectImportPlan> m_import;
};
