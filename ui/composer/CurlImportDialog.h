#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class CurlImportDialog;
}

// Where a cURL command line is pasted. It is parsed as you type: a bad command line
// gets a precise message (line, column, what is wrong) and its position underlined, a good one a
// summary of what will be imported; Import is enabled only for a usable command.
class CurlImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CurlImportDialog(QWidget* parent = nullptr);
    ~CurlImportDialog() override;

    QString commandLine() const;
    void setCommandLine(const QString& text);
    // The current verdict shown under the text (plain text, for tests).
    QString statusText() const;
    bool isAcceptable() const;

private:
    void check();

    std::unique_ptr<Ui::CurlImportDialog> m_ui;
    bool m_acceptable = false;
};
