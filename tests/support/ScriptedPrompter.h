#pragma once

#include "Prompter.h"

#include <QList>
#include <QString>
#include <QStringList>

// The Prompter of GUI tests: records every question and answers from presets, so no modal dialog
// ever blocks a test. Header-only: only GUI tests (which link leadgen_ui) include it.
class ScriptedPrompter : public Prompter
{
public:
    struct Question
    {
        QString title;
        QString text;
        QString acceptLabel;
    };

    QList<Question> questions;
    QList<bool> answers;        // consumed in order by confirm()...
    bool defaultAnswer = false; // ...then this
    QStringList warnings;       // every warn() text
    QString saveFileNameAnswer; // returned by saveFileName (empty = cancelled)
    QString openFileNameAnswer; // returned by openFileName
    QString curlCommandAnswer;  // returned by curlCommand
    QString lastSuggestedPath;  // what saveFileName was offered

    bool confirm(QWidget*, const QString& title, const QString& text, const QString& acceptLabel) override
    {
        questions.append({title, text, acceptLabel});
        return answers.isEmpty() ? defaultAnswer : answers.takeFirst();
    }
    void warn(QWidget*, const QString&, const QString& text) override { warnings.append(text); }
    QString saveFileName(QWidget*, const QString&, const QString& suggestedPath, const QString&) override
    {
        lastSuggestedPath = suggestedPath;
        return saveFileNameAnswer;
    }
    QString openFileName(QWidget*, const QString&, const QString&, const QString&) override
    {
        return openFileNameAnswer;
    }
    QString curlCommand(QWidget*) override { return curlCommandAnswer; }
};
