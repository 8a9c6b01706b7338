#include "CurlImportDialog.h"

#include "CurlCommand.h"
#include "Redactor.h"
#include "RequestEnvelope.h"
#include "Tone.h"
#include "ui_CurlImportDialog.h"

#include <QFontDatabase>
#include <QPushButton>
#include <QTextDocumentFragment>

CurlImportDialog::CurlImportDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CurlImportDialog>())
{
    m_ui->setupUi(this);
    m_ui->curlText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(m_ui->curlText, &QPlainTextEdit::textChanged, this, &CurlImportDialog::check);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

CurlImportDialog::~CurlImportDialog() = default;

QString CurlImportDialog::commandLine() const
{
    return m_ui->curlText->toPlainText();
}

void CurlImportDialog::setCommandLine(const QString& text)
{
    m_ui->curlText->setPlainText(text);
}

QString CurlImportDialog::statusText() const
{
    return QTextDocumentFragment::fromHtml(m_ui->curlStatus->text()).toPlainText();
}

bool CurlImportDialog::isAcceptable() const
{
    return m_acceptable;
}

void CurlImportDialog::check()
{
    const QString text = commandLine();
    QList<QTextEdit::ExtraSelection> selections;
    m_acceptable = false;
    QString status;
    if (text.trimmed().isEmpty()) {
        status = tr("Paste the command above.");
    } else {
        CurlCommand::ParseError error;
        CurlCommand::Options options;
        options.allowFiles = false;
        const auto command = CurlCommand::parse(text, &error, options);
        if (!command) {
            status =
                Tone::html(QStringLiteral("✖ %1"), Tone::Kind::Error, palette()).arg(error.toString().toHtmlEscaped());
            if (error.offset >= 0) {
                QTextEdit::ExtraSelection selection;
                selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
                selection.format.setUnderlineColor(Tone::color(Tone::Kind::Error, palette()));
                selection.cursor = QTextCursor(m_ui->curlText->document());
                const int last = m_ui->curlText->document()->characterCount() - 1;
                int start = qBound(0, int(error.offset), last);
                if (start == last && start > 0)
                    --start;
                selection.cursor.setPosition(start);
                selection.cursor.setPosition(start + 1, QTextCursor::KeepAnchor);
                selections << selection;
            }
        } else {
            QStringList notes = command->warnings;
            const ApiRequest request = command->toRequest(&notes);
            QString bodyError;
            const auto envelope = RequestEnvelope::parse(request.body, &bodyError);
            if (!envelope) {
                status = Tone::html(QStringLiteral("✖ %1"), Tone::Kind::Error, palette())
                             .arg(tr("The body is not a request envelope: %1").arg(bodyError).toHtmlEscaped());
            } else {
                m_acceptable = true;
                QStringList lines;
                lines << Tone::html(QStringLiteral("✓"), Tone::Kind::Ok, palette()) + QLatin1Char(' ') +
                             tr("POST %1").arg(request.displayUrl().toHtmlEscaped());
                lines << tr("Method %1, account %2, %3")
                             .arg(envelope->method().isEmpty() ? tr("(none)") : envelope->method().toHtmlEscaped(),
                                  request.accountId.isEmpty() ? tr("(none)") : request.accountId.toHtmlEscaped(),
                                  command->secretRedacted()
                                      ? tr("secret key masked (enter it in the secret field)")
                                      : (command->secretKey().isEmpty() ? tr("no secret key")
                                                                        : tr("secret key included")));
                for (const QString& note : std::as_const(notes))
                    lines << Tone::html(QStringLiteral("⚠ %1"), Tone::Kind::Warning, palette())
                                 .arg(Redactor::redactText(note).toHtmlEscaped());
                status = lines.join(QStringLiteral("<br>"));
            }
        }
    }
    m_ui->curlText->setExtraSelections(selections);
    m_ui->curlStatus->setText(status);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_acceptable);
}
