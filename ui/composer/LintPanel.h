#pragma once

#include "RequestLinter.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

// The live lint of the composer: the predicted answer on one line, then one row
// per finding (predicted code, message, and a one-click fix where the linter has a safe one).
// The composer runs the linter and applies fixes; this widget only shows and asks.
class LintPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxRows = 200; // more is noise; the count says how many there are

    explicit LintPanel(QWidget* parent = nullptr);
    ~LintPanel() override;

    // positions: a display location per finding ("line 3, column 5" in the editor, or the path).
    void setFindings(const QList<LintFinding>& findings, const QStringList& positions);
    // A plain note instead of findings (live lint paused, ...).
    void setNote(const QString& note);
    const QList<LintFinding>& findings() const { return m_findings; }
    // The findings list: built with the first finding (most requests have none), nullptr before.
    QTreeWidget* list() const { return m_list; }
    // The prediction line as plain text (for tests and the status bar).
    QString summaryText() const;

signals:
    void fixRequested(int index);
    // The user picked a row: the composer moves the cursor to it.
    void findingActivated(int index);

private:
    QTreeWidget* ensureList();

    QLabel* m_summary = nullptr;
    QTreeWidget* m_list = nullptr;
    QList<LintFinding> m_findings;
};
