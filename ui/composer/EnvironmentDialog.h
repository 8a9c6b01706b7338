#pragma once

#include "Environment.h"

#include <QDialog>

#include <memory>

namespace Ui {
class EnvironmentDialog;
}
class EnvironmentStore;
class Prompter;
class QSpinBox;
class SimulatorProvider;

// Manages the environments: the built-ins (Simulator, Production v1.2, Production
// v1), whose account ID and trusted certificates can be changed, and any number of custom ones
// (name, endpoint URL, API version, account ID). The store's rules are checked live; plain
// http:// to a host other than this computer is saved only after the user acknowledged the
// warning. Secrets are not edited here. Each environment has its extra certificate authorities
// (PEM files, checked when added) and the fingerprints trusted for it (revocable); the embedded
// simulator's one has its batch result shape (docs/design.md, Network settings and packaging;
// Simulator).
class EnvironmentDialog : public QDialog
{
    Q_OBJECT

public:
    EnvironmentDialog(EnvironmentStore& store, Prompter& prompter, QWidget* parent = nullptr);
    ~EnvironmentDialog() override;

    // The embedded simulator, for its batch result shape (the Simulator environment's group).
    void setSimulator(SimulatorProvider* simulator);
    void selectEnvironment(const QString& id);
    // Id of the environment shown in the form; empty for a new one not saved yet.
    QString selectedId() const;
    bool isDirty() const { return m_dirty; }
    // Saves the form (asking about plain http when needed). False when it is not valid or the
    // user declined; the reason is shown under the form.
    bool applyChanges();
    // Starts a new custom environment in the form.
    void addEnvironment();

public slots:
    void done(int result) override;

private:
    void reload(const QString& selectId);
    void showRow(int row);
    void onRowChanged(int row);
    void onEdited();
    void updateCheck();
    void removeSelected();
    void distrustSelectedCertificate();
    void addCaFile();
    void removeCaFile();
    void showCaFiles(const QStringList& paths);
    void showSimulatorGroup();
    Environment formEnvironment() const;
    void addQuotaRow();

    std::unique_ptr<Ui::EnvironmentDialog> m_ui;
    EnvironmentStore& m_store;
    Prompter& m_prompter;
    SimulatorProvider* m_simulator = nullptr;
    Environment m_working; // the environment shown, as stored (or new)
    bool m_dirty = false;
    bool m_loading = false;
    int m_currentRow = -1;
    QSpinBox* m_quota = nullptr; // the daily quota the status bar's rate meter measures against
};
