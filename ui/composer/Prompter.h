#pragma once

#include <QString>

class QWidget;

// Every question the composer asks the user goes through this seam, so GUI tests answer with
// preset values instead of blocking on a modal dialog (tests/support/ScriptedPrompter.h).
class Prompter
{
public:
    virtual ~Prompter();

    // A yes/no question; true = the user chose `acceptLabel`. Defaults to "no".
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel) = 0;
    // Something went wrong that the user must read (file not written, ...).
    virtual void warn(QWidget* parent, const QString& title, const QString& text) = 0;
    // File names; empty = cancelled.
    virtual QString saveFileName(QWidget* parent, const QString& title, const QString& suggestedPath,
                                 const QString& filter) = 0;
    virtual QString openFileName(QWidget* parent, const QString& title, const QString& directory,
                                 const QString& filter) = 0;
    // A cURL command line to import; empty = cancelled. The real one checks it live.
    virtual QString curlCommand(QWidget* parent) = 0;
};

// The real dialogs: QMessageBox and QFileDialog.
class DialogPrompter : public Prompter
{
public:
    bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel) override;
    void warn(QWidget* parent, const QString& title, const QString& text) override;
    QString saveFileName(QWidget* parent, const QString& title, const QString& suggestedPath,
                         const QString& filter) override;
    QString openFileName(QWidget* parent, const QString& title, const QString& directory,
                         const QString& filter) override;
    QString curlCommand(QWidget* parent) override;
};
