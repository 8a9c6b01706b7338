#include "Prompter.h"

#include "CurlImportDialog.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

Prompter::~Prompter() = default;

bool DialogPrompter::confirm(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    QPushButton* accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    // Cancel is the default: Enter out of habit must not send a mutating call to production.
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void DialogPrompter::warn(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::warning(parent, title, text);
}

QString DialogPrompter::saveFileName(QWidget* parent, const QString& title, const QString& suggestedPath,
                                     const QString& filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggestedPath, filter);
}

QString DialogPrompter::openFileName(QWidget* parent, const QString& title, const QString& directory,
                                     const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, title, directory, filter);
}

QString DialogPrompter::curlCommand(QWidget* parent)
{
    CurlImportDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return QString();
    return dialog.commandLine();
}
