#include "InspectorSession.h"

#include "ByteSize.h"
#include "CallCapture.h"
#include "ErrorCatalog.h"
#include "HttpResponseText.h"
#include "InspectorSettings.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalBlocker>

qint64 InspectorSession::Source::size() const
{
    return path.isEmpty() ? body.size() : QFileInfo(path).size();
}

InspectorSession::InspectorSession(QObject* parent)
    : QObject(parent)
    , m_task(new AnalysisTask(this))
{
    connect(m_task, &AnalysisTask::progress, this, &InspectorSession::progress);
    connect(m_task, &AnalysisTask::indexReady, this, &InspectorSession::indexReady);
    connect(m_task, &AnalysisTask::finished, this, [this](const std::shared_ptr<const AnalysisTask::Result>& result) {
        m_result = result;
        emit finished(result);
    });
    connect(m_task, &AnalysisTask::canceled, this, [this] {
        m_result.reset();
        emit canceled();
    });
    connect(m_task, &AnalysisTask::failed, this, [this](const QString& message) {
        m_result.reset();
        emit failed(message);
    });
}

InspectorSession::~InspectorSession()
{
    // Written once, here: a settings write can take tens of milliseconds on a busy disk, which
    // opening a response must not spend on the GUI thread.
    if (!m_lastFile.first.isEmpty())
        InspectorSettings::setLastFile(m_lastFile.first, m_lastFile.second);
}

bool InspectorSession::openFile(const QString& path, const QString& requestPath)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        fail(tr("Cannot open %1").arg(info.fileName()),
             info.exists() ? tr("The file is not readable (or not a regular file).")
                           : tr("There is no file at %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    // A response comes with its own request or none: an earlier correlation would be wrong.
    clearRequestState();
    if (!requestPath.isEmpty() && !readRequestFile(requestPath))
        return false;
    Source source;
    source.kind = Source::Kind::File;
    source.title = QDir::toNativeSeparators(info.absoluteFilePath());
    source.path = info.absoluteFilePath();
    m_lastFile = {source.path, m_requestPath};
    start(std::move(source));
    return true;
}

void InspectorSession::openText(const QByteArray& text, const QString& title)
{
    clearRequestState();
    const HttpResponseText parsed = HttpResponseText::parse(text);
    Source source;
    source.kind = Source::Kind::Text;
    source.title = title;
    source.body = parsed.body;
    if (parsed.hasHead()) {
        source.httpStatus = parsed.httpStatus;
        source.reasonPhrase = parsed.reasonPhrase;
        source.headers = parsed.headers;
        source.hasHead = true;
    }
    start(std::move(source));
}

void InspectorSession::openExample(const ErrorEntry& entry)
{
    clearRequestState();
    Source source;
    source.kind = Source::Kind::Example;
    source.title = tr("Catalogue example for %1 · %2").arg(entry.displayId(), entry.title);
    source.body = entry.example.isString() ? entry.example.toString().toUtf8()
                                           : QJsonDocument(entry.example.toObject()).toJson(QJsonDocument::Indented);
    source.httpStatus = entry.exampleHttpStatus;
    start(std::move(source));
}

void InspectorSession::openCapture(const CallCapture& capture, std::shared_ptr<const AnalysisTask::Result> analysis)
{
    Source source;
    source.kind = Source::Kind::Received;
    const std::optional<RequestEnvelope> envelope = RequestEnvelope::parse(capture.requestBody);
    const QString method = envelope ? envelope->method() : QString();
    const QString when = (capture.startedAt.isValid() ? capture.startedAt : QDateTime::currentDateTime())
                             .toLocalTime()
                             .toString(QStringLiteral("HH:mm:ss"));
    source.title = tr("Received %1 · %2%3")
                       .arg(when, method.isEmpty() ? QString() : method + QStringLiteral(" · "), capture.displayUrl);
    if (capture.isSpilled())
        source.path = capture.spillPath;
    else
        source.body = capture.body;
    source.keepAlive = capture.spillGuard;
    if (capture.hasResponse) {
        source.httpStatus = capture.httpStatus;
        source.reasonPhrase = capture.reasonPhrase;
        source.headers = capture.responseHeaders;
        source.hasHead = true;
    }
    if (!capture.bodyComplete)
        source.note = tr("The connection broke while the body was arriving: only the first %1 arrived.")
                          .arg(ByteSize::text(capture.bodySize));
    // The request the composer sent is the best correlation there is.
    clearRequestState();
    if (envelope) {
        m_request = envelope->object();
        m_requestDescription = tr("The request sent with this call");
    }

    if (!capture.hasResponse) {
        // Nothing arrived: there is nothing to analyse, only the failure to explain.
        m_source = std::move(source);
        m_hasSource = true;
        cancel();
        m_result.reset();
        setSelectedFinding(-1);
        emit noResponse(capture);
        return;
    }
    start(std::move(source), std::move(analysis));
}

bool InspectorSession::setRequestFile(const QString& path)
{
    if (!readRequestFile(path))
        return false;
    if (m_hasSource && m_source.kind == Source::Kind::File)
        m_lastFile = {m_source.path, m_requestPath};
    // Correlation changes the analysis (id check, batch labels): run it again.
    if (m_hasSource)
        start(m_source);
    return true;
}

void InspectorSession::setRequestEnvelope(const QJsonObject& envelope, const QString& description)
{
    m_request = envelope;
    m_requestDescription = description;
    m_requestPath.clear();
    emit requestChanged();
    if (m_hasSource)
        start(m_source);
}

bool InspectorSession::setRequestText(const QByteArray& text, const QString& description, QString* why)
{
    QString error;
    QStringList warnings;
    const std::optional<RequestFile> file = RequestFile::fromJson(text, &error, &warnings);
    const std::optional<RequestEnvelope> envelope = file ? file->envelope() : std::nullopt;
    if (!envelope) {
        if (why)
            *why = file ? tr("It is not a request envelope {method, params, id}.") : error;
        return false;
    }
    for (const QString& warning : std::as_const(warnings))
        emit this->warning(warning);
    setRequestEnvelope(envelope->object(), description);
    return true;
}

void InspectorSession::clearRequest()
{
    setRequestEnvelope(QJsonObject(), QString());
}

void InspectorSession::cancel()
{
    if (m_task->isRunning())
        m_task->cancel(); // emits canceled
}

void InspectorSession::clearResult()
{
    m_result.reset();
    setSelectedFinding(-1);
}

void InspectorSession::setSelectedFinding(int index)
{
    if (index == m_selectedFinding)
        return;
    m_selectedFinding = index;
    emit selectedFindingChanged(index);
}

void InspectorSession::start(Source source, std::shared_ptr<const AnalysisTask::Result> analysis)
{
    m_source = std::move(source);
    m_hasSource = true;
    // Big analyses free themselves on a pool thread (AnalysisTask): dropping them is cheap.
    m_result.reset();
    setSelectedFinding(-1);
    emit started();

    if (analysis) {
        // Analysed already. A run still going for the previous source is dropped quietly, as
        // starting a new one would drop it: nothing was canceled by the user.
        if (m_task->isRunning()) {
            const QSignalBlocker blocker(m_task);
            m_task->cancel();
        }
        m_result = analysis;
        emit finished(std::move(analysis));
        return;
    }
    ResponseAnalyzer::Context context;
    context.httpStatus = m_source.httpStatus;
    context.headers = m_source.headers;
    context.request = m_request;
    if (!m_source.path.isEmpty())
        m_task->startFile(m_source.path, context);
    else
        m_task->startBytes(m_source.body, context);
}

bool InspectorSession::readRequestFile(const QString& path)
{
    QString error;
    QStringList warnings;
    const std::optional<RequestFile> file = RequestFile::load(path, &error, &warnings);
    const std::optional<RequestEnvelope> envelope = file ? file->envelope() : std::nullopt;
    if (!envelope) {
        const QString why = file ? tr("It is not a request envelope {method, params, id}.") : error;
        fail(tr("Cannot use %1 as the request").arg(QFileInfo(path).fileName()), why);
        return false;
    }
    for (const QString& warning : std::as_const(warnings))
        emit this->warning(warning);
    m_requestPath = QFileInfo(path).absoluteFilePath();
    m_request = envelope->object();
    m_requestDescription = QDir::toNativeSeparators(m_requestPath);
    emit requestChanged();
    return true;
}

void InspectorSession::clearRequestState()
{
    m_request = QJsonObject();
    m_requestDescription.clear();
    m_requestPath.clear();
}

void InspectorSession::fail(const QString& title, const QString& details)
{
    cancel();
    m_hasSource = false;
    m_result.reset();
    setSelectedFinding(-1);
    emit openFailed(title, details);
}
