#pragma once

#include "Diagnosis.h"

#include <QAbstractTableModel>
#include <QIcon>

class ErrorCatalog;
struct ErrorEntry;

// The findings of one Diagnosis as a table (severity, code, level, path, message, Explain), in
// the analyzer's order. Read-only; replaced as a whole when a new response is analysed.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SeverityColumn,
        CodeColumn,
        LevelColumn,
        PathColumn,
        MessageColumn,
        ExplainColumn,
        ColumnCount
    };
    enum Role
    {
        SeverityRole = Qt::UserRole + 1, // int: Finding::Severity
        LevelValueRole,                  // QString: "api", "object", "http", "envelope" (for badges)
        NodeRole,                        // quint32: JsonIndex node, npos when not tied to a node
        OffsetRole,                      // qint64: first byte in the body, -1 when none
        LengthRole,                      // qint64
        CatalogKeyRole,                  // QString: "301", "id_mismatch"; empty when nothing to explain
        IndexRole,                       // int: batch object index, -1 when none
    };

    explicit FindingsModel(const ErrorCatalog& catalog, QObject* parent = nullptr);

    void setFindings(const QList<Finding>& findings);
    const QList<Finding>& findings() const { return m_findings; }
    const Finding* findingAt(int row) const;
    // The catalogue entry a finding is explained by (its code, else its key), or nullptr.
    const ErrorEntry* entryFor(const Finding& finding) const;
    // Rich text for tooltips and the detail line: the specific message, the catalogue's
    // summary and its first fix.
    QString explanationHtml(const Finding& finding) const;

    static QIcon severityIcon(Finding::Severity severity);
    static QString severityLabel(Finding::Severity severity);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const ErrorCatalog& m_catalog;
    QList<Finding> m_findings;
};
