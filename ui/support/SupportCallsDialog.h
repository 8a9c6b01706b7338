#pragma once

#include "HistoryRecord.h"

#include <QDialog>

class QAbstractItemModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class SupportCallsModel;
class SupportFileLoader;

// The calls of a HAR file or a support bundle (File → Open, a drop, `leadgen-diag FILE`), or the
// calls of a triage row: one row per API call (other entries counted, not shown), read and
// diagnosed off the GUI thread. A row opens in the inspector exactly as recorded; "Copy
// explanation for the customer" puts the plain-language reply on the clipboard.
class SupportCallsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SupportCallsDialog(QWidget* parent = nullptr);
    ~SupportCallsDialog() override;

    // Starts loading (codeFilter: only the calls with that code or key).
    void load(const QStringList& paths, const QString& codeFilter = QString());
    bool isLoading() const;
    QAbstractItemModel* model() const;
    const QList<HistoryRecord>& calls() const;
    // The reply for the selected call (empty without a selection).
    QString customerReply() const;
    // The call of a row as the inspector opens it.
    void openRow(int row);

signals:
    void openCall(const HistoryRecord& call);
    void loaded();

private:
    void onLoaded();
    int currentRow() const;

    SupportFileLoader* m_loader = nullptr;
    SupportCallsModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_secretNotice = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_reply = nullptr;
    bool m_loading = false; // until onLoaded(), also while its signal is still queued
};
