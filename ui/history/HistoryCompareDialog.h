#pragma once

#include "HistoryRecord.h"
#include "JsonDiff.h"

#include <QDialog>

#include <memory>

namespace Ui {
class HistoryCompareDialog;
}
class QPlainTextEdit;

// Two recorded responses side by side (indented JSON), the changed paths listed above them
// (JsonDiff: records matched by id, "1" and 1 told apart), each change's lines highlighted on
// both sides and scrolled into view when it is selected.
class HistoryCompareDialog : public QDialog
{
    Q_OBJECT

public:
    HistoryCompareDialog(const HistoryRecord& before, const HistoryRecord& after, QWidget* parent = nullptr);
    ~HistoryCompareDialog() override;

    const QList<JsonChange>& changes() const { return m_changes; }
    void selectChange(int row);

private:
    static QJsonValue responseValue(const HistoryRecord& call);
    void highlight();

    std::unique_ptr<Ui::HistoryCompareDialog> m_ui;
    QList<JsonChange> m_changes;
    // Per change, the line of its path in each side (-1: not there).
    QList<QPair<int, int>> m_lines;
};
