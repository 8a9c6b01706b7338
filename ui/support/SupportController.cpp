#include "SupportController.h"

#include "CallCapture.h"
#include "CustomerReply.h"
#include "CustomerReplyDialog.h"
#include "ImportedCall.h"
#include "ImportSource.h"
#include "InspectorSession.h"
#include "InspectorWidget.h"
#include "SupportBundle.h"
#include "SupportCallsDialog.h"
#include "TriageDialog.h"

#include <QAction>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QJsonDocument>
#include <QMessageBox>
#include <QMimeData>

SupportController::SupportController(QWidget& window, InspectorWidget& inspector, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_inspector(inspector)
{
    m_triageAction = new QAction(tr("&Triage…"), this);
    m_triageAction->setObjectName(QStringLiteral("actionTriage"));
    m_triageAction->setToolTip(tr("Summarise HAR files, logs, bundles or folders of responses by error code"));
    connect(m_triageAction, &QAction::triggered, this, &SupportController::askTriage);
    m_saveAction = new QAction(tr("Save for &support…"), this);
    m_saveAction->setObjectName(QStringLiteral("actionSaveForSupport"));
    m_saveAction->setToolTip(tr("One .lgdbundle file of the selected history calls (or the call in the inspector), "
                                "without the secret key"));
    connect(m_saveAction, &QAction::triggered, this, &SupportController::askSaveForSupport);
    m_replyAction = new QAction(tr("Copy explanation for the &customer"), this);
    m_replyAction->setObjectName(QStringLiteral("actionCopyCustomerReply"));
    connect(m_replyAction, &QAction::triggered, this,
            [this] { CustomerReplyDialog::copyAndShow(&m_window, customerReply()); });
    // Dropped HAR files and bundles are lists of calls, not one response: seen before the
    // inspector's own drop handling.
    m_inspector.installEventFilter(this);
}

SupportController::~SupportController() = default;

SupportCallsDialog* SupportController::callsDialog() const
{
    return m_calls;
}

TriageDialog* SupportController::triageDialog() const
{
    return m_triage;
}

bool SupportController::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Drop) {
        const auto* drop = static_cast<QDropEvent*>(event);
        if (drop->mimeData() && drop->mimeData()->hasUrls()) {
            for (const QUrl& url : drop->mimeData()->urls()) {
                if (url.isLocalFile() && openSupportFile(url.toLocalFile())) {
                    event->accept();
                    return true;
                }
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

bool SupportController::openSupportFile(const QString& path)
{
    const ImportSource::Kind kind = ImportSource::detect(path);
    if (kind != ImportSource::Kind::Har && kind != ImportSource::Kind::Bundle)
        return false;
    showCalls({path}, QString());
    return true;
}

SupportCallsDialog* SupportController::showCalls(const QStringList& paths, const QString& code)
{
    if (!m_calls) {
        m_calls = new SupportCallsDialog(&m_window);
        connect(m_calls, &SupportCallsDialog::openCall, this, &SupportController::openCall);
    }
    m_calls->load(paths, code);
    m_calls->show();
    m_calls->raise();
    return m_calls;
}

void SupportController::openCall(const HistoryRecord& call)
{
    // As the History dock opens a recorded call: the capture carries the request.
    m_inspector.openCapture(call.toCapture());
    m_inspector.show();
    m_inspector.raise();
}

TriageDialog* SupportController::triage(const QStringList& paths)
{
    if (!m_triage) {
        m_triage = new TriageDialog(&m_window);
        connect(m_triage, &TriageDialog::drillDown, this,
                [this](const QStringList& files, const QString& code) { showCalls(files, code); });
    }
    m_triage->run(paths);
    m_triage->show();
    m_triage->raise();
    return m_triage;
}

void SupportController::askTriage()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        &m_window, tr("Triage"), QString(),
        tr("HAR, logs and bundles (*.har *.jsonl *.ndjson *.log *.json *.lgdbundle);;All files (*)"));
    if (!paths.isEmpty())
        triage(paths);
}

void SupportController::setSelectedHistoryCalls(std::function<QList<HistoryRecord>()> provider)
{
    m_selected = std::move(provider);
}

std::optional<HistoryRecord> SupportController::currentCall() const
{
    const InspectorSession* session = m_inspector.session();
    if (!session || !session->hasSource() || !session->result())
        return std::nullopt;
    const InspectorSession::Source& source = session->source();
    ImportedCall call;
    call.httpMethod = QStringLiteral("POST");
    call.httpStatus = source.httpStatus;
    call.responseHeaders = source.headers;
    call.responseBody = source.body;
    if (call.responseBody.isEmpty() && !source.path.isEmpty()) {
        QFile file(source.path);
        if (file.open(QIODevice::ReadOnly))
            call.responseBody = file.read(qint64(64) << 20);
    }
    if (!session->request().isEmpty())
        call.requestBody = QJsonDocument(session->request()).toJson(QJsonDocument::Compact);
    call.maskSecrets();
    HistoryRecord record = call.toRecord(&session->result()->diagnosis);
    record.source = QStringLiteral("inspector");
    return record;
}

bool SupportController::saveForSupport(const QString& path, bool anonymize, QString* error)
{
    QList<HistoryRecord> calls = m_selected ? m_selected() : QList<HistoryRecord>();
    if (calls.isEmpty()) {
        if (const std::optional<HistoryRecord> current = currentCall())
            calls.append(*current);
    }
    if (calls.isEmpty()) {
        *error = tr("Select calls in the History dock, or open a call in the inspector, first.");
        return false;
    }
    return SupportBundle::make(calls, anonymize).write(path, error);
}

void SupportController::askSaveForSupport()
{
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Save for support"), QStringLiteral("support.lgdbundle"),
                                                tr("Support bundles (*.lgdbundle)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".lgdbundle")))
        path += QLatin1String(".lgdbundle");
    const bool anonymize =
        QMessageBox::question(&m_window, tr("Save for support"),
                              tr("Replace email addresses, names, phone numbers, addresses and other free text with "
                                 "placeholders? Ids are kept.")) == QMessageBox::Yes;
    QString error;
    if (!saveForSupport(path, anonymize, &error))
        QMessageBox::warning(&m_window, tr("Save for support"), error);
}

QString SupportController::customerReply() const
{
    const std::optional<HistoryRecord> call = currentCall();
    if (!call)
        return {};
    const InspectorSession* session = m_inspector.session();
    return CustomerReply::forCall(*call, session ? session->selectedFinding() : -1);
}
