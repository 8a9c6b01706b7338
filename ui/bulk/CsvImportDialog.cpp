#include "CsvImportDialog.h"

#include "BulkCallRecorder.h"
#include "BulkRun.h"
#include "BulkRunDialog.h"
#include "CallRateLimiter.h"
#include "HistorySettings.h"
#include "MethodCatalog.h"
#include "ObjectImportPlan.h"
#include "RecordExport.h"
#include "ThrottledCaller.h"
#include "Tone.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
enum Column
{
    HeaderColumn,
    FieldColumn,
    MatchColumn
};

// The system names a getFields answer lists (result.field[].systemName).
QStringList systemNames(const JsonIndex& index, const QString& resultKey)
{
    QStringList names;
    const JsonIndex::NodeId list = RecordExport::resultRecords(index, resultKey);
    const int count = list != JsonIndex::npos ? index.childCount(list) : 0;
    for (int i = 0; i < count; ++i) {
        const JsonIndex::NodeId item = index.child(list, i);
        const JsonIndex::NodeId name = index.type(item) == JsonIndex::Type::Object
                                           ? index.member(item, QLatin1String("systemName"))
                                           : JsonIndex::npos;
        if (name != JsonIndex::npos && index.type(name) == JsonIndex::Type::String)
            names.append(index.string(name));
    }
    return names;
}
} // namespace

CsvImportDialog::CsvImportDialog(const QString& csvPath, const ApiRequest& base, const QString& environmentName,
                                 bool simulator, QWidget* parent)
    : QDialog(parent)
    , m_path(csvPath)
    , m_base(base)
    , m_environmentName(environmentName)
    , m_simulator(simulator)
{
    setObjectName(QStringLiteral("csvImportDialog"));
    setWindowTitle(tr("Import CSV — %1").arg(QFileInfo(csvPath).fileName()));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("importMethod"));
    const std::vector<MethodSpec>& methods = MethodCatalog::builtin().methods();
    for (const MethodSpec& spec : methods) {
        // Methods whose objects are records with fields: what a spreadsheet row can be.
        if (spec.batch && spec.mutating && !MethodCatalog::builtin().objectFields(spec.objectType).isEmpty())
            m_method->addItem(spec.name, spec.name);
    }
    form->addRow(tr("&Method:"), m_method);
    auto* fieldsRow = new QHBoxLayout;
    m_fieldsSource = new QLabel(this);
    m_fieldsSource->setObjectName(QStringLiteral("importFieldsSource"));
    m_fieldsSource->setWordWrap(true);
    m_checkFields = new QPushButton(tr("Check against “%1”").arg(environmentName), this);
    m_checkFields->setObjectName(QStringLiteral("importCheckFields"));
    m_checkFields->setToolTip(tr("Ask the environment for its fields (getFields): its custom fields become "
                                 "mappable and suggested"));
    fieldsRow->addWidget(m_fieldsSource, 1);
    fieldsRow->addWidget(m_checkFields);
    form->addRow(tr("Fields:"), fieldsRow);
    layout->addLayout(form);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("importMapping"));
    m_table->setHorizontalHeaderLabels({tr("CSV column"), tr("Field"), tr("Match")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_proceed = buttons->addButton(tr("Lint and send in &batches…"), QDialogButtonBox::AcceptRole);
    m_proceed->setObjectName(QStringLiteral("importProceed"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_proceed, &QPushButton::clicked, this, &CsvImportDialog::proceed);
    connect(m_checkFields, &QPushButton::clicked, this, &CsvImportDialog::checkFields);
    connect(m_method, &QComboBox::currentIndexChanged, this, &CsvImportDialog::remap);

    auto plan = std::make_shared<ObjectImportPlan>();
    QString error;
    if (plan->readCsv(csvPath, &error)) {
        m_plan = plan;
    } else {
        m_summary->setText(error);
        m_proceed->setEnabled(false);
        m_checkFields->setEnabled(false);
    }
    setMethod(QStringLiteral("createLeads"));
    remap();
    resize(720, 520);
}

CsvImportDialog::~CsvImportDialog() = default;

BulkRunDialog* CsvImportDialog::runDialog() const
{
    return m_run;
}

QString CsvImportDialog::method() const
{
    return m_method->currentData().toString();
}

void CsvImportDialog::setMethod(const QString& name)
{
    const int index = m_method->findData(name);
    if (index >= 0)
        m_method->setCurrentIndex(index);
}

void CsvImportDialog::setKnownFields(const QStringList& fields)
{
    m_knownFields = fields;
    remap();
}

void CsvImportDialog::remap()
{
    const MethodSpec* spec = MethodCatalog::builtin().byName(method());
    const QString type = spec ? spec->objectType : QString();
    m_fieldsSource->setText(m_knownFields.isEmpty()
                                ? tr("the standard %1 fields (methods.json)").arg(type)
                                : tr("the standard %1 fields and the %2 fields “%3” has (getFields)")
                                      .arg(type)
                                      .arg(m_knownFields.size())
                                      .arg(m_environmentName));
    m_table->setRowCount(0);
    if (!m_plan)
        return;
    QStringList names;
    for (const FieldSpec& field : MethodCatalog::builtin().objectFields(type))
        names.append(field.name);
    for (const QString& name : std::as_const(m_knownFields)) {
        if (!names.contains(name))
            names.append(name);
    }
    const QList<ObjectCsvImport::Column> columns = ObjectCsvImport::mapHeader(m_plan->header(), type, m_knownFields);
    m_table->setRowCount(int(columns.size()));
    for (int row = 0; row < columns.size(); ++row) {
        const ObjectCsvImport::Column& column = columns.at(row);
        m_table->setItem(row, HeaderColumn, new QTableWidgetItem(column.header));
        auto* field = new QComboBox(m_table);
        field->setObjectName(QStringLiteral("importField%1").arg(row));
        field->addItem(tr("(leave out)"), QString());
        for (const QString& name : std::as_const(names))
            field->addItem(name, name);
        if (!column.field.isEmpty() && field->findData(column.field) < 0)
            field->addItem(column.field, column.field); // a custom field name not listed
        field->setCurrentIndex(qMax(0, field->findData(column.field)));
        m_table->setCellWidget(row, FieldColumn, field);
        auto* match = new QTableWidgetItem;
        if (!column.field.isEmpty()) {
            match->setText(ObjectCsvImport::normalized(column.header) == ObjectCsvImport::normalized(column.field)
                               ? tr("matched")
                               : tr("custom field"));
        } else {
            match->setText(column.suggestions.isEmpty()
                               ? tr("no field with a similar name: left out")
                               : tr("unknown: did you mean %1? Left out unless you pick a field")
                                     .arg(column.suggestions.join(QStringLiteral(", "))));
            match->setForeground(Tone::color(Tone::Kind::Warning, palette()));
        }
        match->setData(Qt::UserRole, column.field.isEmpty()); // flagged
        m_table->setItem(row, MatchColumn, match);
        connect(field, &QComboBox::currentIndexChanged, this, &CsvImportDialog::updateSummary);
    }
    m_table->resizeColumnsToContents();
    updateSummary();
}

QList<ObjectCsvImport::Column> CsvImportDialog::columns() const
{
    QList<ObjectCsvImport::Column> columns;
    if (!m_plan)
        return columns;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        ObjectCsvImport::Column column;
        column.csvIndex = row;
        column.header = m_plan->header().value(row);
        if (const auto* field = qobject_cast<const QComboBox*>(m_table->cellWidget(row, FieldColumn)))
            column.field = field->currentData().toString();
        columns.append(column);
    }
    return columns;
}

void CsvImportDialog::updateSummary()
{
    if (!m_plan)
        return;
    const QList<ObjectCsvImport::Column> mapped = columns();
    int left = 0;
    int emailColumn = -1;
    for (const ObjectCsvImport::Column& column : mapped) {
        left += column.field.isEmpty() ? 1 : 0;
        if (column.field == QLatin1String("emailAddress"))
            emailColumn = column.csvIndex;
    }
    // Addresses are unique per account, case-insensitively: a repeat will be refused (301).
    int duplicates = 0;
    if (emailColumn >= 0) {
        QSet<QString> seen;
        for (const QStringList& row : m_plan->rows()) {
            const QString email = row.value(emailColumn).trimmed().toLower();
            if (email.isEmpty())
                continue;
            if (seen.contains(email))
                ++duplicates;
            seen.insert(email);
        }
    }
    QStringList facts;
    const int rows = int(m_plan->rows().size());
    facts.append(rows == 1 ? tr("1 row") : tr("%1 rows").arg(rows));
    facts.append(tr("%1 of %2 columns mapped").arg(mapped.size() - left).arg(mapped.size()));
    if (left)
        facts.append(left == 1 ? tr("1 column left out") : tr("%1 columns left out").arg(left));
    if (duplicates)
        facts.append(duplicates == 1 ? tr("1 row repeats an email address of an earlier row: the service will "
                                          "refuse it (301)")
                                     : tr("%1 rows repeat an email address of an earlier row: the service will "
                                          "refuse them (301)")
                                           .arg(duplicates));
    m_summary->setText(facts.join(QStringLiteral(" · ")) +
                       tr(". Every object is linted first; the results go to %1.")
                           .arg(QDir::toNativeSeparators(ObjectImportPlan::defaultResultsPath(m_path))));
    m_proceed->setEnabled(left < mapped.size() && !m_plan->rows().isEmpty());
}

void CsvImportDialog::checkFields()
{
    const MethodSpec* getFields = MethodCatalog::builtin().byName(QStringLiteral("getFields"));
    if (!getFields || (m_caller && m_caller->isRunning()))
        return;
    // No manager of its own: the client's follows the proxy of Preferences and asks for its
    // password, as the composer's calls do.
    m_caller = std::make_unique<ThrottledCaller>(
        nullptr, CallRateLimiter::forAccount(CallRateLimiter::accountKey(m_base.endpoint, m_base.accountId)));
    m_calls = std::make_unique<BulkCallRecorder>(
        m_history,
        BulkCallRecorder::Context{m_environmentName, m_base.accountId, m_base.secretKey, QStringLiteral("gui")},
        HistorySettings::load(QSettings()).bodyLimit);
    connect(m_caller.get(), &ThrottledCaller::attempted, this,
            [this](const CallCapture& capture, const QByteArray& body, const std::shared_ptr<const JsonIndex>& index) {
                m_calls->record(capture, body, index);
            });
    ApiRequest request = m_base;
    request.body = QByteArrayLiteral("{\"method\":\"getFields\",\"params\":{\"where\":{}},\"id\":\"import-fields\"}");
    m_checkFields->setEnabled(false);
    m_fieldsSource->setText(tr("asking “%1” for its fields…").arg(m_environmentName));
    connect(m_caller.get(), &ThrottledCaller::finished, this,
            [this, key = getFields->resultKey](const ThrottledCaller::Result& result) {
                m_checkFields->setEnabled(true);
                const QStringList names = result.ok() && result.index ? systemNames(*result.index, key) : QStringList();
                if (names.isEmpty()) {
                    remap();
                    const QString why = !result.ok() && result.capture.layer != FailureLayer::None
                                            ? failureLayerTitle(result.capture.layer)
                                        : result.answer.apiCode ? BulkRun::codeText(result.answer.apiCode)
                                                                : tr("no fields in the answer");
                    m_fieldsSource->setText(m_fieldsSource->text() + tr(" — getFields failed: %1").arg(why));
                    emit fieldsChecked(false, why);
                    return;
                }
                setKnownFields(names);
                emit fieldsChecked(true, m_fieldsSource->text());
            });
    m_caller->call(request);
}

BulkRunDialog* CsvImportDialog::proceed()
{
    const MethodSpec* spec = MethodCatalog::builtin().byName(method());
    if (!m_plan || !spec)
        return nullptr;
    m_plan->mapRows(columns());
    QJsonObject params;
    params.insert(QStringLiteral("objects"), QJsonArray());
    QJsonObject envelope;
    envelope.insert(QStringLiteral("method"), spec->name);
    envelope.insert(QStringLiteral("params"), params);
    envelope.insert(QStringLiteral("id"), QStringLiteral("import"));
    LintContext context;
    context.environment = m_simulator ? LintContext::Environment::Simulator : LintContext::Environment::Unknown;
    m_plan->lint(envelope, context);
    params.insert(QStringLiteral("objects"), m_plan->toSend());
    envelope.insert(QStringLiteral("params"), params);
    ApiRequest request = m_base;
    request.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    m_run = new BulkRunDialog(request, m_environmentName, m_simulator, parentWidget());
    m_run->setAttribute(Qt::WA_DeleteOnClose);
    m_run->setImport(m_plan, ObjectImportPlan::defaultResultsPath(m_path));
    m_run->setHistory(m_history);
    m_run->show();
    accept();
    return m_run;
}
