#pragma once

#include "HistoryRecord.h"
#include "HistoryStore.h"

#include <QWidget>

#include <memory>

namespace Ui {
class HistoryPanel;
}
class HistoryModel;
class Prompter;
class QTableView;
class QTimer;

// The History dock's list of recorded calls (docs/design.md, Call history): a filter bar that
// answers as you type (text, method, code, verdict, environment, days), the calls newest first
// (HistoryModel, read a page at a time), and what can be done with them: open in the inspector,
// re-send from the composer, compare two responses, copy as cURL (secret masked), delete, clear.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPanel(QWidget* parent = nullptr);
    ~HistoryPanel() override;

    // The database to show (empty: history off; the empty state says how to turn it on).
    void setDatabase(const QString& path);
    HistoryModel* model() const { return m_model; }
    QTableView* view() const;
    // Questions (clear, delete many) go through this; the default asks with dialogs.
    void setPrompter(Prompter* prompter);
    // Shows the calls that match: the filter bar is set to it (analytics rows lead here).
    void showFiltered(const HistoryFilter& filter);
    // Reads the list again, keeping the filter (the recorder wrote new calls).
    void reload();
    // The ids of the selected calls, newest first.
    QList<qint64> selectedIds() const;

    void openSelected();
    void resendSelected();
    void compareSelected();
    void copySelectedAsCurl();
    void deleteSelected();
    void clearHistory();

signals:
    void openRequested(const HistoryRecord& call);
    void resendRequested(const HistoryRecord& call);
    void compareRequested(const HistoryRecord& before, const HistoryRecord& after);
    void statusMessage(const QString& text, int timeoutMs);

private:
    HistoryFilter filterFromWidgets() const;
    void applyFilter();
    void refillChoices();
    void updateState();
    std::optional<HistoryRecord> wholeCall(qint64 id);

    std::unique_ptr<Ui::HistoryPanel> m_ui;
    HistoryModel* m_model = nullptr;
    QTimer* m_filterTimer = nullptr;
    Prompter* m_prompter = nullptr;
    std::unique_ptr<Prompter> m_ownPrompter;
    bool m_settingFilter = false;
};
