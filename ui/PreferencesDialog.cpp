#include "PreferencesDialog.h"

#include "HistoryStore.h"
#include "ui_PreferencesDialog.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QPushButton>
#include <QUrl>

namespace {
constexpr qint64 kMegabyte = 1'000'000;

int toMegabytes(qint64 bytes)
{
    return int(qBound<qint64>(qint64(1), (bytes + kMegabyte / 2) / kMegabyte, qint64(100'000)));
}
} // namespace

PreferencesDialog::PreferencesDialog(const InspectorSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    display(settings);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton* defaults = m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults);
    defaults->setObjectName(QStringLiteral("restoreDefaultsButton"));
    connect(defaults, &QPushButton::clicked, this, [this] {
        display(InspectorSettings());
        setHistorySettings(HistorySettings());
    });
    setHistorySettings(HistorySettings());
    connect(m_ui->historyEnabled, &QCheckBox::toggled, this, [this](bool on) {
        for (QWidget* widget :
             {static_cast<QWidget*>(m_ui->historyBodyLimit), static_cast<QWidget*>(m_ui->historyKeepDays),
              static_cast<QWidget*>(m_ui->historyMaxMegabytes)})
            widget->setEnabled(on);
    });
    const QString path = HistoryStore::defaultPath();
    m_ui->historyPath->setText(path.isEmpty() ? tr("LEADGEN_HISTORY=off: nothing is recorded, whatever is chosen here.")
                                              : tr("Database: %1").arg(path));
    m_ui->historyOpenFolder->setEnabled(!path.isEmpty());
    connect(m_ui->historyOpenFolder, &QPushButton::clicked, this,
            [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath())); });
    for (QSpinBox* spin : {m_ui->highlightLimit, m_ui->prettyPrintLimit, m_ui->reopenLimit})
        connect(spin, &QSpinBox::valueChanged, this, &PreferencesDialog::updateHint);
    updateHint();
}

PreferencesDialog::~PreferencesDialog() = default;

InspectorSettings PreferencesDialog::settings() const
{
    InspectorSettings s;
    s.highlightLimit = m_ui->highlightLimit->value() * kMegabyte;
    s.prettyPrintLimit = m_ui->prettyPrintLimit->value() * kMegabyte;
    s.reopenLimit = m_ui->reopenLimit->value() * kMegabyte;
    return s;
}

void PreferencesDialog::setHistorySettings(const HistorySettings& settings)
{
    m_ui->historyEnabled->setChecked(settings.enabled);
    m_ui->historyBodyLimit->setValue(int(settings.bodyLimit / kMegabyte));
    m_ui->historyKeepDays->setValue(settings.keepDays);
    m_ui->historyMaxMegabytes->setValue(settings.maxMegabytes);
}

HistorySettings PreferencesDialog::historySettings() const
{
    HistorySettings s;
    s.enabled = m_ui->historyEnabled->isChecked();
    s.bodyLimit = qint64(m_ui->historyBodyLimit->value()) * kMegabyte;
    s.keepDays = m_ui->historyKeepDays->value();
    s.maxMegabytes = m_ui->historyMaxMegabytes->value();
    return s;
}

void PreferencesDialog::display(const InspectorSettings& settings)
{
    m_ui->highlightLimit->setValue(toMegabytes(settings.highlightLimit));
    m_ui->prettyPrintLimit->setValue(toMegabytes(settings.prettyPrintLimit));
    m_ui->reopenLimit->setValue(toMegabytes(settings.reopenLimit));
}

void PreferencesDialog::updateHint()
{
    // Colouring applies to pretty-printed text only: say so when the numbers make one moot.
    if (m_ui->highlightLimit->value() > m_ui->prettyPrintLimit->value()) {
        m_ui->hint->setText(tr("Responses above %1 MB are shown as received, without colours, whatever the "
                               "colouring limit.")
                                .arg(m_ui->prettyPrintLimit->value()));
    } else {
        m_ui->hint->setText(tr("Error objects are marked in the body at any size; the tree, findings and "
                               "batch table always work."));
    }
}
