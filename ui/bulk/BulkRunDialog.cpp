#include "BulkRunDialog.h"

#include "BulkCallRecorder.h"
#include "CallRateLimiter.h"
#include "ErrorCatalog.h"
#include "HistorySettings.h"
#include "MethodCatalog.h"
#include "NetworkSettings.h"
#include "ObjectImportPlan.h"
#include "RecordExport.h"
#include "RecordSink.h"
#include "RequestEnvelope.h"
#include "ThrottledCaller.h"

#include <QAuthenticator>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
enum OutputFormat
{
    CsvOutput,
    JsonlOutput,
    ExcelOutput
};

const MethodSpec* methodOf(const QByteArray& body, QJsonObject* envelope = nullptr)
{
    const std::optional<RequestEnvelope> parsed = RequestEnvelope::parse(body);
    if (!parsed)
        return nullptr;
    if (envelope)
        *envelope = parsed->object();
    const MethodSpec* method = MethodCatalog::builtin().byName(parsed->method());
    return method && (method->paginated || method->batch) ? method : nullptr;
}
} // namespace

bool BulkRunDialog::canRun(const QByteArray& body)
{
    return methodOf(body) != nullptr;
}

BulkRunDialog::BulkRunDialog(const ApiRequest& request, const QString& environmentName, bool simulator, QWidget* parent)
    : QDialog(parent)
    , m_request(request)
    , m_environmentName(environmentName)
    , m_simulator(simulator)
    , m_method(methodOf(request.body))
{
    setObjectName(QStringLiteral("bulkRunDialog"));
    const bool batch = m_method && m_method->batch;
    setWindowTitle(batch ? tr("Send in batches") : tr("Fetch all pages"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto* form = new QFormLayout;
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("bulkOutputPath"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);
    form->addRow(batch ? tr("Results to:") : tr("Records to:"), pathRow);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("bulkFormat"));
    m_format->addItem(tr("CSV"), CsvOutput);
    m_format->addItem(tr("JSON Lines"), JsonlOutput);
    m_format->addItem(tr("Excel CSV (UTF-8 with BOM)"), ExcelOutput);
    form->addRow(tr("Format:"), m_format);
    m_chunk = new QSpinBox(this);
    m_chunk->setObjectName(QStringLiteral("bulkChunkSize"));
    m_chunk->setRange(1, BatchRun::kMaxChunk);
    if (batch) {
        QJsonObject envelope;
        methodOf(request.body, &envelope);
        const QJsonArray objects = envelope.value(QStringLiteral("params"))[QLatin1String("objects")].toArray();
        m_chunk->setValue(BatchRun::defaultChunkSize(objects));
        form->addRow(tr("Objects per call:"), m_chunk);
        m_summary->setText(tr("%1: %2 objects to “%3”, in calls of at most the size below; each object's result "
                              "keeps its place in the list.")
                               .arg(m_method->name)
                               .arg(objects.size())
                               .arg(environmentName));
    } else {
        m_chunk->hide();
        m_summary->setText(m_method
                               ? tr("%1: every page from “%2” (offset 0, limit, 2·limit, …), written as it arrives.")
                                     .arg(m_method->name, environmentName)
                               : tr("This request's method is neither paginated nor a batch method."));
    }
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setRange(0, batch ? 100 : 0);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("bulkStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("bulkResults"));
    m_table->setHorizontalHeaderLabels({tr("Object"), tr("Success"), tr("Id"), tr("Code"), tr("Message / fix")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide(); // the Object column numbers the rows
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVisible(batch);
    layout->addWidget(m_table, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(batch ? tr("Send in batches") : tr("Fetch all pages"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("bulkStart"));
    m_start->setEnabled(m_method != nullptr);
    m_cancel = buttons->addButton(tr("Cancel run"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("bulkCancel"));
    m_cancel->setEnabled(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Write to"), m_path->text(),
                                                          tr("CSV (*.csv);;JSON Lines (*.jsonl);;All files (*)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    // The button box's accept would close the dialog: Start runs instead.
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_start, &QPushButton::clicked, this, &BulkRunDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &BulkRunDialog::cancel);
    connect(close, &QPushButton::clicked, this, [this] {
        cancel();
        reject();
    });
    resize(640, batch ? 460 : 240);
}

BulkRunDialog::~BulkRunDialog()
{
    cancel();
}

bool BulkRunDialog::isRunning() const
{
    return (m_pages && m_pages->isRunning()) || (m_batches && m_batches->isRunning());
}

QString BulkRunDialog::statusText() const
{
    return m_status->text();
}

bool BulkRunDialog::openOutput(QString* error)
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        *error = tr("Choose a file to write to.");
        return false;
    }
    m_sink.reset();
    m_file.reset();
    if (m_import) {
        // The results CSV is written whole at the end (input order, rows lint held back too).
        if (QFileInfo(path).isDir()) {
            *error = tr("Cannot write %1: it is a folder.").arg(path);
            return false;
        }
        return true;
    }
    m_file = std::make_unique<QFile>(path);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write %1: %2").arg(path, m_file->errorString());
        return false;
    }
    const int format = m_format->currentData().toInt();
    QStringList header;
    if (!m_method->batch) {
        QJsonObject envelope;
        methodOf(m_request.body, &envelope);
        const QJsonArray fields = envelope.value(QStringLiteral("params"))[QLatin1String("fields")].toArray();
        for (const QJsonValue& field : fields)
            header.append(field.toString());
    }
    m_sink = std::make_unique<RecordSink>(format == JsonlOutput ? RecordSink::Format::Jsonl : RecordSink::Format::Csv,
                                          m_file.get(), header, format == ExcelOutput);
    m_sink->setFilePath(path);
    return true;
}

void BulkRunDialog::start()
{
    if (!m_method || isRunning())
        return;
    QString error;
    QJsonObject envelope;
    methodOf(m_request.body, &envelope);
    if (m_method->batch && m_method->mutating && !m_simulator) {
        const int objects = int(envelope.value(QStringLiteral("params"))[QLatin1String("objects")].toArray().size());
        if (QMessageBox::question(this, windowTitle(),
                                  tr("Send %1 objects with %2 to “%3” (account %4)?")
                                      .arg(objects)
                                      .arg(m_method->name, m_environmentName, m_request.accountId)) != QMessageBox::Yes)
            return;
    }
    if (!openOutput(&error)) {
        m_status->setText(error);
        return;
    }
    if (!m_network) {
        m_network = std::make_unique<QNetworkAccessManager>();
        // The proxy of Preferences and its password prompt, as for the composer's calls
        // (docs/design.md, Network settings and packaging).
        NetworkSettings::configureForApplication(*m_network, QProcessEnvironment::systemEnvironment());
        connect(m_network.get(), &QNetworkAccessManager::proxyAuthenticationRequired, this,
                [](const QNetworkProxy& proxy, QAuthenticator* authenticator) {
                    NetworkSettings::authenticateProxy(proxy, authenticator);
                });
    }
    m_caller = std::make_unique<ThrottledCaller>(
        m_network.get(),
        CallRateLimiter::forAccount(CallRateLimiter::accountKey(m_request.endpoint, m_request.accountId)));
    m_calls = std::make_unique<BulkCallRecorder>(
        m_history,
        BulkCallRecorder::Context{m_environmentName, m_request.accountId, m_request.secretKey, QStringLiteral("gui")},
        qMin<qint64>(HistorySettings::load(QSettings()).bodyLimit,
                     m_method->batch ? BulkCallRecorder::kChunkBodyLimit : BulkCallRecorder::kPageBodyLimit));
    connect(m_caller.get(), &ThrottledCaller::attempted, this,
            [this](const CallCapture& capture, const QByteArray& body, const std::shared_ptr<const JsonIndex>& index) {
                m_calls->record(capture, body, index);
            });
    m_progress->setVisible(true);
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_table->setRowCount(0);
    if (m_import) {
        // Held back by lint: their rows first, they will not be sent.
        for (int i = 0; i < m_import->objects().size(); ++i) {
            const QStringList r = m_import->result(i);
            if (!r.isEmpty())
                addResultRow(i, false, QString(), r.value(2).toInt(), r.value(3), r.value(4));
        }
    }
    if (m_method->batch) {
        const QJsonArray objects = envelope.value(QStringLiteral("params"))[QLatin1String("objects")].toArray();
        m_batches =
            std::make_unique<BatchRun>(m_caller.get(), m_request, envelope, objects, *m_method, m_chunk->value());
        connect(m_batches.get(), &BatchRun::chunkDone, this, [this](const QList<BatchRun::ObjectResult>& results) {
            for (const BatchRun::ObjectResult& r : results) {
                const int index = m_import ? m_import->setResult(r) : r.index;
                const QList<RecordSink::Field> fields =
                    RecordExport::objectResult(index, r.success, r.id, r.code, r.message);
                if (m_sink)
                    m_sink->writeFields(fields);
                addResultRow(index, r.success, ObjectImportPlan::idText(r.id), r.code, r.message,
                             fields.constLast().second.toString());
            }
        });
        connect(m_batches.get(), &BatchRun::progressed, this, [this](const BatchRun::Progress& p) {
            m_progress->setValue(p.objects ? p.objectsDone * 100 / p.objects : 100);
            m_status->setText(tr("%1 of %2 calls · %3 of %4 objects · %5 failed · %6 retries")
                                  .arg(p.chunks)
                                  .arg(p.chunkCount)
                                  .arg(p.objectsDone)
                                  .arg(p.objects)
                                  .arg(p.failed)
                                  .arg(p.retries));
        });
        connect(m_batches.get(), &BatchRun::finished, this, [this](const BatchRun::Outcome& outcome) {
            QString message = outcome.message;
            if (outcome.firstUnsent >= 0)
                message +=
                    tr(" — stopped at object %1; the objects from there on were not sent.").arg(outcome.firstUnsent);
            finish(message);
        });
        m_batches->start();
    } else {
        PageRun::Options options;
        m_pages = std::make_unique<PageRun>(m_caller.get(), m_sink.get(), m_request, envelope, *m_method, options);
        connect(m_pages.get(), &PageRun::progressed, this, [this](const PageRun::Progress& p) {
            m_status->setText(tr("%1 pages · %2 records · %3 s · %4 calls/s · today %5 of %6 · %7 retries")
                                  .arg(p.pages)
                                  .arg(p.records)
                                  .arg(double(p.elapsedMs) / 1000.0, 0, 'f', 1)
                                  .arg(p.callsLastSecond)
                                  .arg(p.callsToday)
                                  .arg(p.quota)
                                  .arg(p.retries));
        });
        connect(m_pages.get(), &PageRun::finished, this, [this](const PageRun::Outcome& outcome) {
            QString message = tr("%1 records in %2 pages: %3")
                                  .arg(outcome.progress.records)
                                  .arg(outcome.progress.pages)
                                  .arg(outcome.message);
            if (outcome.resumeOffset >= 0)
                message += tr(" — stopped at offset %1 (continue from there with send --resume-offset %1).")
                               .arg(outcome.resumeOffset);
            finish(message);
        });
        m_pages->start();
    }
}

void BulkRunDialog::addResultRow(int index, bool success, const QString& id, int code, const QString& message,
                                 const QString& fix)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    // Objects counted from 1 as everywhere else, the JSON path (from 0) beside.
    auto* number = new QTableWidgetItem(QString::number(index + 1));
    number->setToolTip(QStringLiteral("params.objects[%1]").arg(index));
    m_table->setItem(row, 0, number);
    m_table->setItem(row, 1, new QTableWidgetItem(success ? tr("yes") : tr("no")));
    m_table->setItem(row, 2, new QTableWidgetItem(id));
    m_table->setItem(row, 3, new QTableWidgetItem(code ? QString::number(code) : QString()));
    m_table->setItem(row, 4, new QTableWidgetItem(fix.isEmpty() ? message : message + QStringLiteral(" — ") + fix));
}

void BulkRunDialog::setImport(std::shared_ptr<ObjectImportPlan> plan, const QString& resultsPath)
{
    m_import = std::move(plan);
    m_path->setText(resultsPath);
    // The results CSV has the input's columns: no JSON Lines.
    m_format->removeItem(m_format->findData(JsonlOutput));
    const int held = int(m_import->objects().size() - m_import->toSend().size());
    m_summary->setText(tr("%1: %2 rows imported; %3 to send to “%4”, %5 held back by lint (their rows say why). "
                          "The results CSV gets every input row with success, id, code, message and fix.")
                           .arg(m_method ? m_method->name : QString())
                           .arg(m_import->objects().size())
                           .arg(m_import->toSend().size())
                           .arg(m_environmentName)
                           .arg(held));
}

void BulkRunDialog::setOutputPath(const QString& path)
{
    m_path->setText(path);
}

void BulkRunDialog::writeImportResults(QString* text)
{
    const int unsent = m_import->markUnsent();
    if (unsent)
        *text += tr(" %1 objects were not sent.").arg(unsent);
    const QString path = m_path->text().trimmed();
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly) ||
        !m_import->writeResultsCsv(&file, m_format->currentData().toInt() == ExcelOutput, &error) || !file.commit()) {
        *text += tr(" Writing the results to %1 failed: %2").arg(path, error.isEmpty() ? file.errorString() : error);
        return;
    }
    *text += tr(" Results in %1.").arg(path);
}

void BulkRunDialog::cancel()
{
    if (m_pages && m_pages->isRunning())
        m_pages->cancel();
    if (m_batches && m_batches->isRunning())
        m_batches->cancel();
}

void BulkRunDialog::finish(const QString& message)
{
    QString text = message;
    if (m_import)
        writeImportResults(&text);
    if (m_sink && !m_sink->finish())
        text += tr(" Writing failed: %1").arg(m_sink->errorString());
    if (m_file)
        m_file->close();
    if (m_sink && !m_sink->lateKeys().isEmpty())
        text += tr(" Keys that came after the header: %1.").arg(m_sink->lateKeys().join(QStringLiteral(", ")));
    m_status->setText(text);
    m_progress->setRange(0, 100);
    m_progress->setValue(100);
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    emit runFinished();
}
