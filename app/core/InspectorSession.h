#pragma once

#include "AnalysisTask.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <optional>

struct CallCapture;
struct ErrorEntry;

// What the response inspector has open, without any widget: the response (a received call, a
// file, pasted text or a catalogue example), the request correlated with it, the analysis
// running on it (AnalysisTask) and its result, and the finding the user selected. The
// InspectorWidget shows it; tests drive it directly.
//
// Opening anything starts a new analysis (started, then progress / indexReady, then finished,
// canceled or failed); a response and a request that cannot be used emit openFailed instead.
class InspectorSession : public QObject
{
    Q_OBJECT

public:
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

        // Body bytes: the file's size for a file.
        qint64 size() const;
    };

    explicit InspectorSession(QObject* parent = nullptr);
    // Remembers the last response file (and its request) for the next start.
    ~InspectorSession() override;

    // --- inputs (see InspectorWidget) ------------------------------------------------------
    bool openFile(const QString& path, const QString& requestPath = QString());
    void openText(const QByteArray& text, const QString& title);
    void openExample(const ErrorEntry& entry);
    // Without a response (the call failed below HTTP) nothing is analysed: noResponse.
    // analysis: the response's, when it is known already (nothing is analysed again).
    void openCapture(const CallCapture& capture, std::shared_ptr<const AnalysisTask::Result> analysis = nullptr);
    bool setRequestFile(const QString& path);
    void setRequestEnvelope(const QJsonObject& envelope, const QString& description);
    // Pasted text (or the composer's body) as the request: a saved request or a bare envelope.
    // Not one: false with why, and the response and its current request stay as they were.
    bool setRequestText(const QByteArray& text, const QString& description, QString* why = nullptr);
    void clearRequest();
    // Stops a running analysis (canceled).
    void cancel();
    // Forgets the result (the view gave up on showing it).
    void clearResult();

    // --- state ------------------------------------------------------------------------------
    bool hasSource() const { return m_hasSource; }
    const Source& source() const { return m_source; }
    bool isAnalysing() const { return m_task->isRunning(); }
    std::shared_ptr<const AnalysisTask::Result> result() const { return m_result; }
    const QJsonObject& request() const { return m_request; }
    const QString& requestDescription() const { return m_requestDescription; }
    QString requestPath() const { return m_requestPath; }
    // The finding the user looks at: an index into result()->diagnosis.findings, or -1.
    int selectedFinding() const { return m_selectedFinding; }
    void setSelectedFinding(int index);
    // The response and request files saved for the next start (empty: nothing to save).
    QPair<QString, QString> lastFile() const { return m_lastFile; }

signals:
    // A new analysis of source() started (the previous result is gone).
    void started();
    void progress(int permille);
    void indexReady(std::shared_ptr<const JsonIndex> index);
    void finished(std::shared_ptr<const AnalysisTask::Result> result);
    void canceled();
    void failed(const QString& message);
    // A response or request file cannot be used: nothing is open any more.
    void openFailed(const QString& title, const QString& details);
    // A call without a response is open: source() describes it, there is no result.
    void noResponse(const CallCapture& capture);
    void requestChanged();
    // Something worth a word in the status bar (a request file loaded with warnings).
    void warning(const QString& message);
    void selectedFindingChanged(int index);

private:
    void start(Source source, std::shared_ptr<const AnalysisTask::Result> analysis = nullptr);
    bool readRequestFile(const QString& path);
    void clearRequestState();
    void fail(const QString& title, const QString& details);

    AnalysisTask* m_task = nullptr;
    Source m_source;
    bool m_hasSource = false;
    QJsonObject m_request;
    QString m_requestDescription;
    QString m_requestPath;
    std::shared_ptr<const AnalysisTask::Result> m_result;
    int m_selectedFinding = -1;
    QPair<QString, QString> m_lastFile;
};
