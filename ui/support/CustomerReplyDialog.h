#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTextBrowser;

// "Copy explanation for the customer": the reply is copied to the clipboard at once and shown, so
// the engineer sees what will be pasted into the ticket (as the customer reads it, and as the
// Markdown source) and can edit the source and copy again.
class CustomerReplyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CustomerReplyDialog(QWidget* parent = nullptr);
    ~CustomerReplyDialog() override;

    void setReply(const QString& markdown);
    QString reply() const;

    // Copies the reply and shows it in the one dialog of `parent` (created on first use); does
    // nothing for an empty reply. Every "Copy explanation for the customer" goes through here.
    static CustomerReplyDialog* copyAndShow(QWidget* parent, const QString& markdown);

private:
    void copy();

    QTabWidget* m_tabs = nullptr;
    QTextBrowser* m_preview = nullptr;
    QPlainTextEdit* m_source = nullptr;
    QLabel* m_status = nullptr;
};
