#pragma once

#include "Triage.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

// File → Triage…: the summary `leadgen-diag triage` prints, as tables per code and per method,
// computed off the GUI thread. Activating a code row asks for its calls (drillDown), "Copy
// explanation for the customer" copies the reply for the selected code.
class TriageDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TriageDialog(QWidget* parent = nullptr);
    ~TriageDialog() override;

    void run(const QStringList& paths);
    bool isRunning() const;
    const Triage& triage() const { return m_triage; }
    const QStringList& paths() const { return m_paths; }
    QStandardItemModel* codesModel() const { return m_codes; }
    QStandardItemModel* methodsModel() const { return m_methods; }
    // The reply for the selected code row (empty without one).
    QString customerReply() const;
    void drillDownRow(int row);

signals:
    // The calls of one code, to list (SupportCallsDialog with a code filter).
    void drillDown(const QStringList& paths, const QString& code);
    void finished();

private:
    void onFinished();
    int currentCodeRow() const;

    QFutureWatcher<Triage>* m_watcher = nullptr;
    Triage m_triage;
    QList<Triage::CodeRow> m_rows;
    QStringList m_paths;
    QStandardItemModel* m_codes = nullptr;
    QStandardItemModel* m_methods = nullptr;
    QTableView* m_codesView = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_reply = nullptr;
};
