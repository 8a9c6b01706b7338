#include "FindingsModel.h"

#include "ErrorCatalog.h"
#include "TerminalText.h"

#include <QColor>
#include <QHash>
#include <QPainter>
#include <QPixmap>

FindingsModel::FindingsModel(const ErrorCatalog& catalog, QObject* parent)
    : QAbstractTableModel(parent)
    , m_catalog(catalog)
{}

void FindingsModel::setFindings(const QList<Finding>& findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

const Finding* FindingsModel::findingAt(int row) const
{
    return row >= 0 && row < m_findings.size() ? &m_findings.at(row) : nullptr;
}

const ErrorEntry* FindingsModel::entryFor(const Finding& finding) const
{
    if (finding.code) {
        if (const ErrorEntry* entry = m_catalog.byCode(*finding.code))
            return entry;
    }
    return finding.key.isEmpty() ? nullptr : m_catalog.byKey(finding.key);
}

QString FindingsModel::explanationHtml(const Finding& finding) const
{
    QString html = QStringLiteral("<b>%1</b>").arg(finding.message.toHtmlEscaped());
    const ErrorEntry* entry = entryFor(finding);
    const QString summary = finding.explanation.isEmpty() && entry ? entry->summary : finding.explanation;
    if (!summary.isEmpty())
        html += QStringLiteral("<br>%1").arg(summary.toHtmlEscaped());
    if (entry && !entry->fixes.isEmpty())
        html += QStringLiteral("<br><b>%1</b> %2").arg(tr("Fix:"), entry->fixes.constFirst().toHtmlEscaped());
    return html;
}

QString FindingsModel::severityLabel(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error:
        return tr("Error");
    case Finding::Severity::Warning:
        return tr("Warning");
    case Finding::Severity::Info:
        return tr("Info");
    }
    return QString();
}

namespace {
// Drawn rather than taken from the style: the same shapes in every theme, told apart by shape
// as well as colour (red circle with "!", amber triangle, blue circle with "i").
QPixmap severityPixmap(Finding::Severity severity, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    const double s = size;
    const QRectF circle(0.5, 0.5, s - 1, s - 1);
    QPen mark(Qt::white, s / 8.0, Qt::SolidLine, Qt::RoundCap);
    switch (severity) {
    case Finding::Severity::Error:
        p.setBrush(QColor(0xd3, 0x2f, 0x2f));
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawLine(QPointF(s / 2, s * 0.25), QPointF(s / 2, s * 0.56));
        p.drawPoint(QPointF(s / 2, s * 0.75));
        break;
    case Finding::Severity::Warning: {
        p.setBrush(QColor(0xf0, 0x9a, 0x00));
        const QPointF triangle[3] = {{s / 2, 0.5}, {s - 0.5, s - 1.0}, {0.5, s - 1.0}};
        p.drawPolygon(triangle, 3);
        mark.setColor(Qt::black);
        p.setPen(mark);
        p.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.6));
        p.drawPoint(QPointF(s / 2, s * 0.8));
        break;
    }
    case Finding::Severity::Info:
        p.setBrush(QColor(0x19, 0x76, 0xd2));
        p.drawEllipse(circle);
        p.setPen(mark);
        p.drawPoint(QPointF(s / 2, s * 0.27));
        p.drawLine(QPointF(s / 2, s * 0.46), QPointF(s / 2, s * 0.75));
        break;
    }
    return pixmap;
}
} // namespace

QIcon FindingsModel::severityIcon(Finding::Severity severity)
{
    static QHash<int, QIcon> cache;
    QIcon& icon = cache[int(severity)];
    if (icon.isNull()) {
        for (int size : {16, 24, 32})
            icon.addPixmap(severityPixmap(severity, size));
    }
    return icon;
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    const Finding* f = index.isValid() ? findingAt(index.row()) : nullptr;
    if (!f)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityLabel(f->severity);
        case CodeColumn:
            return f->code ? QString::number(*f->code) : f->key;
        case LevelColumn:
            return Finding::levelName(f->level);
        // Text from the response: its controls and bidi overrides are shown escaped, never obeyed.
        case PathColumn:
            return TerminalText::escape(f->path);
        case MessageColumn:
            return TerminalText::escape(f->message);
        case ExplainColumn:
            return entryFor(*f) ? tr("Explain") : QString();
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return severityIcon(f->severity);
        break;
    case Qt::ToolTipRole:
        if (index.column() == ExplainColumn)
            return entryFor(*f) ? tr("Open this entry in the error-code browser") : QVariant();
        return explanationHtml(*f);
    case Qt::AccessibleDescriptionRole:
        return f->explanation;
    case SeverityRole:
        return int(f->severity);
    case LevelValueRole:
        return Finding::levelName(f->level);
    case NodeRole:
        return f->node;
    case OffsetRole:
        return f->offset;
    case LengthRole:
        return f->length;
    case CatalogKeyRole: {
        const ErrorEntry* entry = entryFor(*f);
        return entry ? entry->key : QString();
    }
    case IndexRole:
        return f->index;
    default:
        break;
    }
    return QVariant();
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case CodeColumn:
        return tr("Code");
    case LevelColumn:
        return tr("Level");
    case PathColumn:
        return tr("Path");
    case MessageColumn:
        return tr("Message");
    case ExplainColumn:
        return QString();
    }
    return QVariant();
}
