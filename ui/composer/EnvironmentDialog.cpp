#include "EnvironmentDialog.h"

#include "EnvironmentStore.h"
#include "Prompter.h"
#include "SimulatorProvider.h"
#include "Tone.h"
#include "TrustStore.h"
#include "ui_EnvironmentDialog.h"

#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kPathRole = Qt::UserRole + 2;

// "2 certificates: CN=Corp Root CA; CN=Corp Issuing CA", or why the file is not usable.
QString caFileSummary(const QString& path)
{
    QString error;
    const std::optional<QList<QSslCertificate>> certificates = TrustStore::loadPemFiles({path}, &error);
    if (!certificates)
        return error;
    QStringList subjects;
    for (const QSslCertificate& certificate : *certificates)
        subjects << certificate.subjectDisplayName();
    return QCoreApplication::translate("EnvironmentDialog", "%n certificate(s): %1", nullptr, int(certificates->size()))
        .arg(subjects.join(QStringLiteral("; ")));
}
} // namespace

EnvironmentDialog::EnvironmentDialog(EnvironmentStore& store, Prompter& prompter, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EnvironmentDialog>())
    , m_store(store)
    , m_prompter(prompter)
{
    m_ui->setupUi(this);
    m_ui->environmentVersion->addItem(tr("v1.2 (dates in UTC)"), apiVersionName(ApiVersion::V1_2));
    m_ui->environmentVersion->addItem(tr("v1 (legacy, dates in the account's time zone)"),
                                      apiVersionName(ApiVersion::V1));
    m_ui->secretNote->setForegroundRole(QPalette::PlaceholderText);
    m_ui->certificatesHint->setForegroundRole(QPalette::PlaceholderText);
    addQuotaRow();

    connect(m_ui->environmentList, &QListWidget::currentRowChanged, this, &EnvironmentDialog::onRowChanged);
    connect(m_ui->environmentName, &QLineEdit::textEdited, this, &EnvironmentDialog::onEdited);
    connect(m_ui->environmentUrl, &QLineEdit::textEdited, this, [this] {
        // The plain-http acknowledgement was about the URL as it was.
        m_working.plainHttpAcknowledged = false;
        onEdited();
    });
    connect(m_ui->environmentAccount, &QLineEdit::textEdited, this, &EnvironmentDialog::onEdited);
    connect(m_ui->environmentVersion, &QComboBox::activated, this, &EnvironmentDialog::onEdited);
    connect(m_ui->addEnvironment, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(m_ui->removeEnvironment, &QPushButton::clicked, this, &EnvironmentDialog::removeSelected);
    connect(m_ui->saveEnvironment, &QPushButton::clicked, this, &EnvironmentDialog::applyChanges);
    connect(m_ui->distrustCertificate, &QPushButton::clicked, this, &EnvironmentDialog::distrustSelectedCertificate);
    connect(m_ui->trustedCertificates, &QListWidget::currentRowChanged, this,
            [this](int row) { m_ui->distrustCertificate->setEnabled(row >= 0); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_ui->caHint->setForegroundRole(QPalette::PlaceholderText);
    connect(m_ui->addCaFile, &QPushButton::clicked, this, &EnvironmentDialog::addCaFile);
    connect(m_ui->removeCaFile, &QPushButton::clicked, this, &EnvironmentDialog::removeCaFile);
    connect(m_ui->caFiles, &QListWidget::currentRowChanged, this,
            [this](int row) { m_ui->removeCaFile->setEnabled(row >= 0); });

    m_ui->batchShape->addItem(tr("Observed: as clients see it"), QStringLiteral("observed"));
    m_ui->batchShape->addItem(tr("Documented: as the vendor's example shows it"), QStringLiteral("documented"));
    m_ui->batchShapeHint->setForegroundRole(QPalette::PlaceholderText);
    m_ui->batchShapeHint->setText(
        tr("How createLeads, updateLeads and the other batch methods report failed objects. Observed: their "
           "errors are also copied into a top-level \"error\" array ([] when none failed). Documented: the "
           "top-level \"error\" is null and a failed object's \"success\" is the string \"false\". Applies "
           "to the next call once saved (the same choice as sim --batch-shape)."));
    connect(m_ui->batchShape, &QComboBox::activated, this, &EnvironmentDialog::onEdited);

    reload(m_store.current().id);
}

EnvironmentDialog::~EnvironmentDialog() = default;

void EnvironmentDialog::addQuotaRow()
{
    // Its own row at the end of the form, made here rather than in the .ui.
    m_quota = new QSpinBox(this);
    m_quota->setObjectName(QStringLiteral("environmentDailyQuota"));
    m_quota->setRange(1, 100000000);
    m_quota->setGroupSeparatorShown(true);
    m_quota->setSuffix(tr(" calls"));
    m_quota->setToolTip(tr("The account's calls per day (the API's default is 50,000). The status bar's rate meter "
                           "turns amber at 80 % of it; the service's own queryLimit wins when an answer carries a "
                           "lower one."));
    m_ui->form->addRow(tr("Daily &quota:"), m_quota);
    connect(m_quota, &QSpinBox::valueChanged, this, &EnvironmentDialog::onEdited);
}

void EnvironmentDialog::reload(const QString& selectId)
{
    const QSignalBlocker blocker(m_ui->environmentList);
    m_ui->environmentList->clear();
    int selectRow = 0;
    const QList<Environment> environments = m_store.environments();
    for (const Environment& environment : environments) {
        auto* item = new QListWidgetItem(environment.name, m_ui->environmentList);
        item->setData(kIdRole, environment.id);
        item->setToolTip(environment.description());
        if (environment.id == selectId)
            selectRow = m_ui->environmentList->count() - 1;
    }
    m_ui->environmentList->setCurrentRow(selectRow);
    showRow(selectRow);
}

void EnvironmentDialog::selectEnvironment(const QString& id)
{
    for (int row = 0; row < m_ui->environmentList->count(); ++row) {
        if (m_ui->environmentList->item(row)->data(kIdRole).toString() == id) {
            m_ui->environmentList->setCurrentRow(row);
            return;
        }
    }
}

void EnvironmentDialog::setSimulator(SimulatorProvider* simulator)
{
    m_simulator = simulator;
    showSimulatorGroup();
}

QString EnvironmentDialog::selectedId() const
{
    return m_working.id;
}

void EnvironmentDialog::showRow(int row)
{
    m_currentRow = row;
    QListWidgetItem* item = m_ui->environmentList->item(row);
    const QString id = item ? item->data(kIdRole).toString() : QString();
    if (!id.isEmpty()) {
        if (const auto environment = m_store.byId(id))
            m_working = *environment;
    }
    m_dirty = id.isEmpty();

    m_loading = true;
    const bool builtin = m_working.isBuiltin();
    m_ui->environmentName->setText(m_working.name);
    m_ui->environmentName->setReadOnly(builtin);
    if (m_working.isSimulator()) {
        const QUrl url = m_store.endpoint(m_working);
        m_ui->environmentUrl->setText(url.isEmpty() ? QString() : url.toDisplayString());
        m_ui->environmentUrl->setPlaceholderText(tr("127.0.0.1, random port: starts on first use"));
    } else {
        m_ui->environmentUrl->setText(m_working.baseUrl.toDisplayString());
        m_ui->environmentUrl->setPlaceholderText(QStringLiteral("https://api.example.com/pubapi/v1.2/"));
    }
    m_ui->environmentUrl->setReadOnly(builtin);
    m_ui->environmentVersion->setCurrentIndex(m_working.version == ApiVersion::V1 ? 1 : 0);
    // Production endpoints have a fixed version; the simulator serves both.
    m_ui->environmentVersion->setEnabled(m_working.kind != Environment::Kind::Production);
    m_ui->environmentAccount->setText(m_working.accountId);
    m_ui->environmentAccount->setPlaceholderText(m_working.isSimulator()
                                                     ? tr("empty: the simulator's demo account")
                                                     : tr("the accountID from Settings → API Settings"));
    m_quota->setValue(int(qMin<qint64>(m_working.dailyQuota, m_quota->maximum())));
    m_ui->trustedCertificates->clear();
    for (const QString& fingerprint : std::as_const(m_working.trustedCertificates))
        m_ui->trustedCertificates->addItem(fingerprint);
    m_ui->trustedCertificates->setEnabled(!m_working.trustedCertificates.isEmpty());
    m_ui->distrustCertificate->setEnabled(false);
    m_ui->removeEnvironment->setEnabled(!builtin);
    showCaFiles(m_working.caCertificateFiles);
    // The simulator answers plain http on loopback: certificates have nothing to do with it.
    const bool tls = !m_working.isSimulator();
    m_ui->form->setRowVisible(m_ui->certificatesLabel, tls);
    m_ui->caGroup->setVisible(tls);
    showSimulatorGroup();

    QString description;
    switch (m_working.kind) {
    case Environment::Kind::Simulator:
        description = tr("<b>Simulator</b>: %1.").arg(m_working.description().toHtmlEscaped());
        break;
    case Environment::Kind::Production:
        description = tr("<b>%1</b>: the real service, %2. Name and URL are fixed.")
                          .arg(m_working.name.toHtmlEscaped(), m_working.description().toHtmlEscaped());
        break;
    case Environment::Kind::Custom:
        description = id.isEmpty() ? tr("<b>New environment</b>: enter a name and the endpoint URL, then Save.")
                                   : tr("<b>Custom environment</b>.");
        break;
    }
    m_ui->environmentDescription->setText(description);
    m_loading = false;
    updateCheck();
}

Environment EnvironmentDialog::formEnvironment() const
{
    Environment environment = m_working;
    if (!environment.isBuiltin()) {
        environment.name = m_ui->environmentName->text();
        environment.baseUrl = QUrl::fromUserInput(m_ui->environmentUrl->text().trimmed());
        // fromUserInput turns "" into an empty URL and "api.example.com/x" into http://…; keep
        // what was typed when it already has a scheme so the checks see it.
        if (m_ui->environmentUrl->text().contains(QLatin1String("://")))
            environment.baseUrl = QUrl(m_ui->environmentUrl->text().trimmed());
    }
    if (environment.kind != Environment::Kind::Production)
        environment.version = apiVersionFromName(m_ui->environmentVersion->currentData().toString());
    environment.accountId = m_ui->environmentAccount->text();
    environment.caCertificateFiles.clear();
    for (int row = 0; row < m_ui->caFiles->count(); ++row)
        environment.caCertificateFiles << m_ui->caFiles->item(row)->data(kPathRole).toString();
    environment.dailyQuota = m_quota->value();
    return environment;
}

void EnvironmentDialog::showCaFiles(const QStringList& paths)
{
    m_ui->caFiles->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(path, m_ui->caFiles);
        item->setData(kPathRole, path);
        item->setToolTip(caFileSummary(path));
    }
    m_ui->removeCaFile->setEnabled(false);
}

void EnvironmentDialog::addCaFile()
{
    const QString path = m_prompter.openFileName(this, tr("Add a certificate authority"), QString(),
                                                 tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (path.isEmpty())
        return;
    // Checked now, so the user learns which file is wrong while choosing it.
    QString error;
    if (!TrustStore::loadPemFiles({path}, &error)) {
        m_prompter.warn(this, tr("Certificate authority"), error);
        return;
    }
    for (int row = 0; row < m_ui->caFiles->count(); ++row) {
        if (m_ui->caFiles->item(row)->data(kPathRole).toString() == path) {
            m_ui->caFiles->setCurrentRow(row);
            return;
        }
    }
    auto* item = new QListWidgetItem(path, m_ui->caFiles);
    item->setData(kPathRole, path);
    item->setToolTip(caFileSummary(path));
    m_ui->caFiles->setCurrentItem(item);
    onEdited();
}

void EnvironmentDialog::removeCaFile()
{
    delete m_ui->caFiles->currentItem();
    m_ui->removeCaFile->setEnabled(m_ui->caFiles->currentRow() >= 0);
    onEdited();
}

void EnvironmentDialog::showSimulatorGroup()
{
    const QString shape = m_simulator ? m_simulator->batchShape() : QString();
    m_ui->simulatorGroup->setVisible(m_working.isSimulator() && !shape.isEmpty());
    const int index = m_ui->batchShape->findData(shape);
    if (index >= 0)
        m_ui->batchShape->setCurrentIndex(index);
}

void EnvironmentDialog::onEdited()
{
    if (m_loading)
        return;
    m_dirty = true;
    updateCheck();
}

void EnvironmentDialog::updateCheck()
{
    const EnvironmentStore::Check check = m_store.check(formEnvironment());
    QStringList lines;
    for (const QString& error : check.errors)
        lines << Tone::html(QStringLiteral("✖ %1"), Tone::Kind::Error, palette()).arg(error.toHtmlEscaped());
    for (const QString& warning : check.warnings)
        lines << Tone::html(QStringLiteral("⚠ %1"), Tone::Kind::Warning, palette()).arg(warning.toHtmlEscaped());
    m_ui->environmentCheck->setText(lines.join(QStringLiteral("<br>")));
    m_ui->environmentCheck->setVisible(!lines.isEmpty());
    m_ui->saveEnvironment->setEnabled(m_dirty && check.errors.isEmpty());
}

bool EnvironmentDialog::applyChanges()
{
    if (!m_dirty)
        return true;
    Environment environment = formEnvironment();
    EnvironmentStore::Check check = m_store.check(environment);
    if (check.errors.isEmpty() && check.needsAcknowledgement) {
        const bool accepted = m_prompter.confirm(this, tr("Plain HTTP"),
                                                 tr("%1\n\nSave “%2” with plain http:// anyway?")
                                                     .arg(check.warnings.join(QLatin1Char('\n')), environment.name),
                                                 tr("Use plain HTTP"));
        if (!accepted)
            return false;
        environment.plainHttpAcknowledged = true;
    }
    QString error;
    if (!m_store.save(environment, &error)) {
        m_ui->environmentCheck->setText(
            Tone::html(QStringLiteral("✖ %1"), Tone::Kind::Error, palette())
                .arg(error.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>✖ "))));
        m_ui->environmentCheck->show();
        return false;
    }
    if (environment.isSimulator() && m_simulator && !m_simulator->batchShape().isEmpty())
        m_simulator->setBatchShape(m_ui->batchShape->currentData().toString());
    m_working = environment;
    m_dirty = false;
    reload(environment.id);
    return true;
}

void EnvironmentDialog::onRowChanged(int row)
{
    if (row == m_currentRow)
        return;
    if (m_dirty && !applyChanges()) {
        // Keep the user on the form with the problem rather than dropping what they typed.
        const QSignalBlocker blocker(m_ui->environmentList);
        m_ui->environmentList->setCurrentRow(m_currentRow);
        return;
    }
    // A new environment that was never saved disappears when the user moves away from it.
    if (m_currentRow >= 0 && m_currentRow < m_ui->environmentList->count() &&
        m_ui->environmentList->item(m_currentRow)->data(kIdRole).toString().isEmpty()) {
        const QString id = m_ui->environmentList->item(row)->data(kIdRole).toString();
        reload(id);
        return;
    }
    showRow(row);
}

void EnvironmentDialog::addEnvironment()
{
    if (m_dirty && !applyChanges())
        return;
    Environment environment;
    environment.kind = Environment::Kind::Custom;
    int number = 1;
    while (m_store.find(tr("Custom %1").arg(number)))
        ++number;
    environment.name = tr("Custom %1").arg(number);
    m_working = environment;

    const QSignalBlocker blocker(m_ui->environmentList);
    auto* item = new QListWidgetItem(environment.name, m_ui->environmentList);
    item->setData(kIdRole, QString());
    m_ui->environmentList->setCurrentItem(item);
    showRow(m_ui->environmentList->row(item));
    m_ui->environmentName->setFocus();
    m_ui->environmentName->selectAll();
}

void EnvironmentDialog::removeSelected()
{
    if (m_working.isBuiltin())
        return;
    if (m_working.id.isEmpty()) {
        m_dirty = false;
        reload(m_store.current().id);
        return;
    }
    if (!m_prompter.confirm(this, tr("Remove environment"), tr("Remove the environment “%1”?").arg(m_working.name),
                            tr("Remove")))
        return;
    QString error;
    if (!m_store.remove(m_working.id, &error)) {
        m_prompter.warn(this, tr("Remove environment"), error);
        return;
    }
    m_dirty = false;
    reload(m_store.current().id);
}

void EnvironmentDialog::distrustSelectedCertificate()
{
    const QListWidgetItem* item = m_ui->trustedCertificates->currentItem();
    if (!item || m_working.id.isEmpty())
        return;
    if (m_store.distrustCertificate(m_working.id, item->text()))
        reload(m_working.id);
}

void EnvironmentDialog::done(int result)
{
    if (m_dirty && !applyChanges()) {
        if (!m_prompter.confirm(this, tr("Unsaved changes"),
                                tr("The changes to “%1” are not saved. Discard them?").arg(m_working.name),
                                tr("Discard")))
            return;
    }
    QDialog::done(result);
}
