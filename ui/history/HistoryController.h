#pragma once

#include "HistoryRecord.h"

#include <QObject>
#include <QPointer>

class ComposerWidget;
class HistoryPanel;
class HistoryRecorder;
class HistoryStatsWidget;
class InspectorWidget;
class QTabWidget;
class QWidget;
struct FinishedCall;

// The call history in the main window: records every call the composer finishes (off the GUI
// thread, HistoryRecorder) and, once the History dock is first shown, its two tabs, Calls
// (HistoryPanel) and Analytics (HistoryStatsWidget), wired to the inspector (open a call), the
// composer (re-send) and the compare dialog.
class HistoryController : public QObject
{
    Q_OBJECT

public:
    HistoryController(ComposerWidget& composer, InspectorWidget& inspector, QObject* parent = nullptr);
    ~HistoryController() override;

    // Queues the call for the history, as the settings say (on, body limit, retention).
    void record(const FinishedCall& call);
    // The recorder calls go to, as the settings say now (made on first use); null when recording
    // is off. It is replaced when the database changes: hold it in a QPointer.
    HistoryRecorder* recorderForCalls();
    // The dock's content, made on the first call.
    QTabWidget* view(QWidget* parent);
    HistoryPanel* panel() const { return m_panel; }
    HistoryStatsWidget* stats() const { return m_stats; }
    // The recorder of the current database (null before the first call is recorded).
    HistoryRecorder* recorder() const { return m_recorder; }
    // The settings changed (Preferences): recording and the views follow.
    void reloadSettings();
    void compare(const HistoryRecord& before, const HistoryRecord& after);

signals:
    void statusMessage(const QString& text, int timeoutMs);

private:
    void onRecorded();

    ComposerWidget& m_composer;
    InspectorWidget& m_inspector;
    HistoryRecorder* m_recorder = nullptr;
    QPointer<QTabWidget> m_view;
    HistoryPanel* m_panel = nullptr;
    HistoryStatsWidget* m_stats = nullptr;
    QString m_viewPath; // the database the views show
};
