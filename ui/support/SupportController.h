#pragma once

#include "HistoryRecord.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class InspectorWidget;
class QAction;
class QWidget;
class SupportCallsDialog;
class TriageDialog;

// The support workflow in the main window: HAR files and support bundles opened (File → Open,
// a drop on the inspector, `leadgen-diag FILE`) as a list of calls, File → Triage…, "Save for
// support…" (the selected history rows, else the call in the inspector) and "Copy explanation
// for the customer" (the call in the inspector and its selected finding).
class SupportController : public QObject
{
    Q_OBJECT

public:
    SupportController(QWidget& window, InspectorWidget& inspector, QObject* parent = nullptr);
    ~SupportController() override;

    // True when the file is a HAR file or a bundle and is now opening as a list of calls.
    bool openSupportFile(const QString& path);
    TriageDialog* triage(const QStringList& paths);
    SupportCallsDialog* callsDialog() const;
    TriageDialog* triageDialog() const;

    QAction* triageAction() const { return m_triageAction; }
    QAction* saveForSupportAction() const { return m_saveAction; }
    QAction* customerReplyAction() const { return m_replyAction; }

    // Where the selected history calls come from (MainWindow: the History dock's selection).
    void setSelectedHistoryCalls(std::function<QList<HistoryRecord>()> provider);
    // The call open in the inspector, as the history would keep it (nullopt: nothing analysed).
    std::optional<HistoryRecord> currentCall() const;
    // Writes a bundle of the selected history calls, else of the current call; false with error.
    bool saveForSupport(const QString& path, bool anonymize, QString* error);
    // The reply for the current call (its selected finding), "" when nothing is open.
    QString customerReply() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void openCall(const HistoryRecord& call);
    SupportCallsDialog* showCalls(const QStringList& paths, const QString& code);
    void askTriage();
    void askSaveForSupport();

    QWidget& m_window;
    InspectorWidget& m_inspector;
    std::function<QList<HistoryRecord>()> m_selected;
    QPointer<SupportCallsDialog> m_calls;
    QPointer<TriageDialog> m_triage;
    QAction* m_triageAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_replyAction = nullptr;
};
