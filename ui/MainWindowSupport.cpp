#include "HistoryController.h"
#include "HistoryPanel.h"
#include "HistoryStore.h"
#include "MainWindow.h"
#include "support/SupportController.h"
#include "ui_MainWindow.h"

#include <QDockWidget>

// The support workflow's place in the window (ui/support): File menu actions and the History
// dock's selection as the calls "Save for support…" bundles. Kept apart from MainWindow.cpp.
void MainWindow::setupSupport()
{
    m_support = new SupportController(*this, *m_inspector, this);
    m_support->setObjectName(QStringLiteral("supportController"));
    m_support->setSelectedHistoryCalls([this]() {
        QList<HistoryRecord> calls;
        const HistoryPanel* panel = m_history->panel();
        if (!panel || !m_historyDock->isVisible())
            return calls;
        const QList<qint64> ids = panel->selectedIds();
        if (ids.isEmpty())
            return calls;
        HistoryStore store(HistoryStore::defaultPath());
        for (auto it = ids.crbegin(); it != ids.crend(); ++it) { // oldest first
            if (std::optional<HistoryRecord> call = store.call(*it))
                calls.append(std::move(*call));
        }
        return calls;
    });
    m_ui->menuFile->insertActions(m_ui->actionQuit, {m_support->triageAction(), m_support->saveForSupportAction(),
                                                     m_support->customerReplyAction()});
    m_ui->menuFile->insertSeparator(m_ui->actionQuit);
}
