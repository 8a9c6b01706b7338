#include "SendBar.h"

#include "ApiClient.h"
#include "ApiRequest.h"
#include "ByteSize.h"
#include "CallAnalysis.h"
#include "ui_SendBar.h"
#include "WrapLabel.h"

namespace {

// The verdict and the first findings: a big batch can have a finding per object, and the
// inspector lists them all.
QString toolTipText(const Diagnosis& diagnosis)
{
    constexpr int kMaxFindings = 20;
    QString text = diagnosis.verdictLine();
    for (int i = 0; i < diagnosis.findings.size() && i < kMaxFindings; ++i)
        text += QLatin1Char('\n') + diagnosis.findings.at(i).toTextLine();
    if (diagnosis.findings.size() > kMaxFindings)
        text += QLatin1Char('\n') +
                SendBar::tr("… %1 more findings in the inspector").arg(diagnosis.findings.size() - kMaxFindings);
    return text;
}
} // namespace

SendBar::SendBar(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SendBar>())
    , m_analysis(new CallAnalysis(this))
{
    m_ui->setupUi(this);
    m_ui->progressBar->hide();
    m_ui->resultLabel->setMinimumWidth(WrapLabel::kMinWidth);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &SendBar::sendClicked);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &SendBar::cancelClicked);
    connect(m_ui->resultLabel, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("inspect"))
            emit inspectClicked();
    });
    connect(m_analysis, &CallAnalysis::progress, this, [this](int permille) {
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(permille);
        m_ui->progressBar->setFormat(tr("Analysing…"));
    });
    connect(m_analysis, &CallAnalysis::finished, this, [this](const FinishedCall& call) {
        m_ui->progressBar->hide();
        updateButtons();
        emit finished(call);
        emit runningChanged();
    });
    updateButtons();
}

SendBar::~SendBar() = default;

ApiClient* SendBar::client()
{
    // Made on the first call: its QNetworkAccessManager is not needed before.
    if (!m_client) {
        m_client = new ApiClient(nullptr, this);
        connect(m_client, &ApiClient::uploadProgress, this, &SendBar::onUploadProgress);
        connect(m_client, &ApiClient::downloadProgress, this, &SendBar::onDownloadProgress);
        connect(m_client, &ApiClient::finished, this, &SendBar::onCaptured);
        connect(m_client, &ApiClient::started, this, &SendBar::started);
    }
    return m_client;
}

bool SendBar::isRunning() const
{
    return (m_client && m_client->isRunning()) || m_analysis->isRunning();
}

void SendBar::send(const ApiRequest& request, const QString& what)
{
    ApiClient* sender = client();
    m_ui->progressBar->setRange(0, 0);
    m_ui->progressBar->setFormat(tr("Sending…"));
    m_ui->progressBar->show();
    showResult(what);
    sender->send(request);
    updateButtons();
    emit runningChanged();
}

void SendBar::cancel()
{
    if (m_client && m_client->isRunning())
        m_client->cancel();
    else
        m_analysis->cancel(); // a big body still being analysed
}

void SendBar::setInspectorSession(InspectorSession* session)
{
    m_analysis->setSession(session);
}

void SendBar::setSendEnabled(bool enabled)
{
    m_ui->sendButton->setEnabled(enabled && !isRunning());
}

void SendBar::updateButtons()
{
    const bool running = isRunning();
    m_ui->sendButton->setEnabled(!running);
    m_ui->cancelButton->setEnabled(running);
}

void SendBar::onUploadProgress(qint64 sent, qint64 total)
{
    if (total <= 0 || sent >= total)
        return;
    m_ui->progressBar->setRange(0, 1000);
    m_ui->progressBar->setValue(int(sent * 1000 / total));
    m_ui->progressBar->setFormat(tr("Sending %1 of %2").arg(ByteSize::text(sent), ByteSize::text(total)));
}

void SendBar::onDownloadProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_ui->progressBar->setRange(0, 1000);
        m_ui->progressBar->setValue(int(qMin(received, total) * 1000 / total));
        m_ui->progressBar->setFormat(tr("Received %1 of %2").arg(ByteSize::text(received), ByteSize::text(total)));
    } else if (received > 0) {
        m_ui->progressBar->setRange(0, 0);
        m_ui->progressBar->setFormat(tr("Received %1").arg(ByteSize::text(received)));
    }
}

void SendBar::onCaptured(const CallCapture& capture)
{
    // Small bodies are analysed before analyse() returns; big ones keep the bar for the analysis.
    m_analysis->analyse(capture);
}

void SendBar::showResult(const QString& html, const QString& toolTip)
{
    m_ui->resultLabel->setText(html);
    m_ui->resultLabel->setToolTip(toolTip);
}

void SendBar::showMessage(const QString& text, Tone::Kind kind)
{
    showResult(Tone::html(text.toHtmlEscaped(), kind, palette()));
}

void SendBar::showCall(const FinishedCall& call, bool inspectLink)
{
    const CallCapture& capture = call.capture;
    QString line;
    Tone::Kind tone = Tone::Kind::Neutral;
    QString details = capture.explanation;
    if (capture.layer == FailureLayer::Cancelled) {
        line = tr("Cancelled after %1 ms.").arg(capture.totalMs).toHtmlEscaped();
        tone = Tone::Kind::Warning;
    } else if (capture.hasResponse) {
        line = tr("HTTP %1 %2 · %3 ms · %4")
                   .arg(capture.httpStatus)
                   .arg(capture.reasonPhrase, QString::number(capture.totalMs), ByteSize::text(capture.bodySize))
                   .toHtmlEscaped();
        tone = capture.layer == FailureLayer::None ? Tone::Kind::Ok : Tone::Kind::Error;
        if (call.analysis) {
            // The verdict at a glance; the inspector shows every finding.
            const Diagnosis& diagnosis = call.analysis->diagnosis;
            QString verdict = tr("verdict: %1").arg(Diagnosis::verdictName(diagnosis.verdict));
            if (!diagnosis.batch.isEmpty())
                verdict += QStringLiteral(" · ") +
                           tr("%1 of %2 objects failed").arg(diagnosis.stats.failed).arg(diagnosis.stats.objects);
            else if (diagnosis.stats.objects > 0)
                verdict +=
                    QStringLiteral(" · ") +
                    (diagnosis.stats.objects == 1 ? tr("1 record") : tr("%1 records").arg(diagnosis.stats.objects));
            for (const Finding& finding : diagnosis.findings) {
                if (finding.severity == Finding::Severity::Error) {
                    verdict += QStringLiteral(" — ") + finding.message;
                    break;
                }
            }
            line += QStringLiteral(" · ") + verdict.toHtmlEscaped();
            if (diagnosis.verdict == Diagnosis::Verdict::PartialFailure)
                tone = Tone::Kind::Warning;
            else if (diagnosis.verdict != Diagnosis::Verdict::Ok)
                tone = Tone::Kind::Error;
            details = toolTipText(diagnosis);
        } else if (capture.layer != FailureLayer::None) {
            line += QStringLiteral(" · ") + failureLayerTitle(capture.layer).toHtmlEscaped() + QStringLiteral(": ") +
                    capture.facts.toHtmlEscaped();
        } else if (!call.error.isEmpty()) {
            line += QStringLiteral(" · ") + call.error.toHtmlEscaped();
            tone = Tone::Kind::Warning;
        }
    } else {
        line = failureLayerTitle(capture.layer).toHtmlEscaped() + QStringLiteral(": ") + capture.facts.toHtmlEscaped();
        tone = Tone::Kind::Error;
    }
    // The inspector (main window) shows every finding of the call; a link takes the user there.
    if (capture.layer != FailureLayer::Cancelled && inspectLink)
        line += QStringLiteral(" · <a href=\"inspect\">%1</a>").arg(tr("Inspect"));
    showResult(Tone::html(line, tone, palette()), details);
}
