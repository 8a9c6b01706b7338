#pragma once

#include "ApiRequest.h"
#include "HistoryRecorder.h"
#include "ObjectCsvImport.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class BulkCallRecorder;
class BulkRunDialog;
class ObjectImportPlan;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class ThrottledCaller;

// File → Import CSV… (docs/design.md, Bulk work): the columns of a CSV file mapped to field
// system names of a batch method's objects (ObjectCsvImport: matched ignoring case and spaces;
// a column that matches nothing is flagged with the closest names and left out unless the user
// picks a field), optionally checked against the environment's getFields answer (its custom
// fields), then every object linted and the rest sent in batches by BulkRunDialog, which
// writes the results CSV (input row + success, id, code, message, fix).
class CsvImportDialog : public QDialog
{
    Q_OBJECT

public:
    // `base`: endpoint and credentials of the composer's environment (its body is not used).
    CsvImportDialog(const QString& csvPath, const ApiRequest& base, const QString& environmentName, bool simulator,
                    QWidget* parent = nullptr);
    ~CsvImportDialog() override;

    bool isLoaded() const { return m_plan != nullptr; }
    QString method() const;
    void setMethod(const QString& name);
    // Field names beyond methods.json (the environment's getFields answer).
    void setKnownFields(const QStringList& fields);
    // Asks the environment for its fields (getFields) and remaps; fieldsChecked() follows.
    void checkFields();
    // The mapping as shown (the user's picks included).
    QList<ObjectCsvImport::Column> columns() const;
    // Lints the objects and opens the batch run on them; the dialog it opened (also kept).
    BulkRunDialog* proceed();
    BulkRunDialog* runDialog() const;
    // The call history the field check and the batch run record their calls in.
    void setHistory(HistoryRecorder* recorder) { m_history = recorder; }

signals:
    void fieldsChecked(bool ok, const QString& message);

private:
    void remap();
    void updateSummary();

    QString m_path;
    ApiRequest m_base;
    QString m_environmentName;
    bool m_simulator = false;
    std::shared_ptr<ObjectImportPlan> m_plan;
    QStringList m_knownFields;
    QComboBox* m_method = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_fieldsSource = nullptr;
    QPushButton* m_checkFields = nullptr;
    QPushButton* m_proceed = nullptr;
    std::unique_ptr<ThrottledCaller> m_caller;
    QPointer<BulkRunDialog> m_run;
    QPointer<HistoryRecorder> m_history;
    std::unique_ptr<BulkCallRecorder> m_calls;
};
