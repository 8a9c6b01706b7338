#include "CustomerReplyDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

CustomerReplyDialog::CustomerReplyDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("customerReplyDialog"));
    setWindowTitle(tr("Explanation for the customer"));
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("customerReplyStatus"));
    layout->addWidget(m_status);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("customerReplyTabs"));
    m_preview = new QTextBrowser(m_tabs);
    m_preview->setObjectName(QStringLiteral("customerReplyPreview"));
    m_preview->setOpenExternalLinks(true);
    m_tabs->addTab(m_preview, tr("As the customer reads it"));
    m_source = new QPlainTextEdit(m_tabs);
    m_source->setObjectName(QStringLiteral("customerReplySource"));
    // Markdown is pasted into tickets as is: keep its line structure.
    m_source->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs->addTab(m_source, tr("Markdown"));
    layout->addWidget(m_tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copyButton = buttons->addButton(tr("Copy again"), QDialogButtonBox::ActionRole);
    copyButton->setObjectName(QStringLiteral("customerReplyCopy"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copyButton, &QPushButton::clicked, this, &CustomerReplyDialog::copy);
    // Edits in the source show in the preview, and "Copy again" copies the edited text.
    connect(m_source, &QPlainTextEdit::textChanged, this, [this] { m_preview->setMarkdown(m_source->toPlainText()); });
    resize(680, 520);
}

CustomerReplyDialog::~CustomerReplyDialog() = default;

void CustomerReplyDialog::setReply(const QString& markdown)
{
    m_source->setPlainText(markdown);
    m_preview->setMarkdown(markdown);
}

QString CustomerReplyDialog::reply() const
{
    return m_source->toPlainText();
}

void CustomerReplyDialog::copy()
{
    QGuiApplication::clipboard()->setText(reply());
    m_status->setText(tr("Copied to the clipboard: paste it into the ticket. The secret key is never part of it."));
}

CustomerReplyDialog* CustomerReplyDialog::copyAndShow(QWidget* parent, const QString& markdown)
{
    if (markdown.isEmpty())
        return nullptr;
    auto* dialog = parent ? parent->findChild<CustomerReplyDialog*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new CustomerReplyDialog(parent);
    dialog->setReply(markdown);
    dialog->copy();
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}
