#pragma once

#include "FinishedCall.h"
#include "Tone.h"

#include <QWidget>

#include <memory>

namespace Ui {
class SendBar;
}
class CallAnalysis;
class InspectorSession;
class ApiClient;
struct ApiRequest;

// Send, Cancel, the progress bar and the result line (SendBar.ui). It makes the network client
// on the first call, and has each finished call analysed once (CallAnalysis) before it reports
// it: the result line and every other view show that one diagnosis.
class SendBar : public QWidget
{
    Q_OBJECT

public:
    explicit SendBar(QWidget* parent = nullptr);
    ~SendBar() override;

    // Starts the call; finished() follows.
    void send(const ApiRequest& request, const QString& what);
    void cancel();
    // From Send until the call is analysed.
    bool isRunning() const;
    void setSendEnabled(bool enabled);

    // The result line: HTML (tinted by the caller) and a tooltip.
    void showResult(const QString& html, const QString& toolTip = QString());
    void showMessage(const QString& text, Tone::Kind kind);
    // The line for a finished call; inspectLink: offer "Inspect" (the main window shows it).
    void showCall(const FinishedCall& call, bool inspectLink);
    // Big bodies are analysed in this session (CallAnalysis::setSession).
    void setInspectorSession(InspectorSession* session);

signals:
    void sendClicked();
    void cancelClicked();
    void inspectClicked();
    void started(const QString& displayUrl);
    void finished(const FinishedCall& call);
    void runningChanged();

private:
    // The one place the network client is made (on the first call).
    ApiClient* client();
    void onUploadProgress(qint64 sent, qint64 total);
    void onDownloadProgress(qint64 received, qint64 total);
    void onCaptured(const CallCapture& capture);
    void updateButtons();

    std::unique_ptr<Ui::SendBar> m_ui;
    ApiClient* m_client = nullptr;
    CallAnalysis* m_analysis = nullptr;
};
