#include "MethodPicker.h"

#include "MethodCatalog.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace {
// The marker of methods that change data: a filled dot in a warning colour, readable on light and
// dark palettes alike.
QIcon mutatingIcon()
{
    const qreal ratio = qApp ? qApp->devicePixelRatio() : 1.0;
    QPixmap pixmap(QSize(16, 16) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe0, 0x7b, 0x00));
    painter.drawEllipse(QRectF(4, 4, 8, 8));
    return QIcon(pixmap);
}

QIcon blankIcon()
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    return QIcon(pixmap);
}
} // namespace

MethodPicker::MethodPicker(const MethodCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("methodSearch"));
    m_search->setPlaceholderText(tr("Search methods…"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);

    m_model = new QStandardItemModel(this);
    m_model->setObjectName(QStringLiteral("methodModel"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setObjectName(QStringLiteral("methodProxy"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(kSearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    // Searching an area's name ("opportunities") lists all of its methods.
    m_proxy->setAutoAcceptChildRows(true);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("methodTree"));
    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setIndentation(12);
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("methodSearchEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();
    layout->addWidget(m_empty, 1);

    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("methodLegend"));
    m_legend->setText(tr("<span style=\"color:#e07b00\">●</span> changes data<br><i>italic</i>: parameters not "
                         "documented"));
    m_legend->setWordWrap(true);
    m_legend->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_legend);

    populate();

    connect(m_search, &QLineEdit::textChanged, this, &MethodPicker::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex first = firstVisibleMethod();
        if (first.isValid()) {
            m_view->setCurrentIndex(first);
            choose(first);
        } else if (const QString typed = m_search->text().trimmed(); !typed.isEmpty()) {
            // Not in the catalogue: still a method name the user may want to send (to see 204).
            emit methodChosen(typed);
        }
    });
    connect(m_view, &QTreeView::activated, this, &MethodPicker::choose);
    connect(m_view, &QTreeView::clicked, this, &MethodPicker::choose);
}

MethodPicker::~MethodPicker() = default;

QString MethodPicker::areaTitle(const QString& area)
{
    QString title = area;
    title.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!title.isEmpty())
        title[0] = title.at(0).toUpper();
    return title;
}

void MethodPicker::populate()
{
    const QIcon marker = mutatingIcon();
    const QIcon blank = blankIcon();
    QHash<QString, QStandardItem*> areas;
    for (const QString& area : m_catalog.areas()) {
        auto* item = new QStandardItem(areaTitle(area));
        item->setData(area + QLatin1Char(' ') + areaTitle(area), kSearchTextRole);
        item->setSelectable(false);
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
        areas.insert(area, item);
        m_model->appendRow(item);
    }
    for (const MethodSpec& method : m_catalog.methods()) {
        QStandardItem* area = areas.value(method.area);
        if (!area) {
            area = new QStandardItem(areaTitle(method.area));
            area->setSelectable(false);
            areas.insert(method.area, area);
            m_model->appendRow(area);
        }
        auto* item = new QStandardItem(method.mutating ? marker : blank, method.name);
        item->setData(method.name, kMethodNameRole);
        item->setData(method.name + QLatin1Char(' ') + method.summary, kSearchTextRole);
        QStringList tip{QStringLiteral("<b>%1</b>").arg(method.name.toHtmlEscaped()), method.summary.toHtmlEscaped()};
        if (method.mutating)
            tip << tr("Changes data: asks for confirmation before it goes to a non-simulator environment.");
        if (!method.documented) {
            QFont font = item->font();
            font.setItalic(true);
            item->setFont(font);
            tip << tr("Parameters not documented: the template is a best guess.");
        }
        item->setToolTip(tip.join(QStringLiteral("<br>")));
        area->appendRow(item);
    }
    for (QStandardItem* area : std::as_const(areas))
        area->setText(QStringLiteral("%1 (%2)").arg(area->text()).arg(area->rowCount()));
    m_view->expandAll();
}

void MethodPicker::applyFilter(const QString& text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    m_view->expandAll();
    const bool empty = m_proxy->rowCount() == 0;
    m_view->setVisible(!empty);
    m_empty->setVisible(empty);
    if (empty) {
        m_empty->setText(
            tr("No method matches “%1”.\nPress Enter to use it as the method name anyway.").arg(text.trimmed()));
    }
    // Keep the current method visible when it survives the filter.
    if (const QModelIndex current = m_view->currentIndex(); current.isValid())
        m_view->scrollTo(current);
}

QModelIndex MethodPicker::firstVisibleMethod() const
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex area = m_proxy->index(row, 0);
        if (m_proxy->rowCount(area) > 0)
            return m_proxy->index(0, 0, area);
    }
    return QModelIndex();
}

void MethodPicker::choose(const QModelIndex& proxyIndex)
{
    const QString name = proxyIndex.data(kMethodNameRole).toString();
    if (!name.isEmpty())
        emit methodChosen(name);
}

void MethodPicker::setCurrentMethod(const QString& name)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem* area = m_model->item(row);
        for (int child = 0; child < area->rowCount(); ++child) {
            const QStandardItem* item = area->child(child);
            if (item->data(kMethodNameRole).toString() == name) {
                const QModelIndex index = m_proxy->mapFromSource(item->index());
                if (index.isValid()) {
                    m_view->setCurrentIndex(index);
                    m_view->scrollTo(index);
                } else {
                    m_view->clearSelection();
                }
                return;
            }
        }
    }
    m_view->clearSelection();
    m_view->setCurrentIndex(QModelIndex());
}

QString MethodPicker::currentMethod() const
{
    return m_view->currentIndex().data(kMethodNameRole).toString();
}

void MethodPicker::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool MethodPicker::eventFilter(QObject* watched, QEvent* event)
{
    // Down from the search field walks into the list, as in a completer.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down && m_view->isVisible()) {
            const QModelIndex first = firstVisibleMethod();
            if (first.isValid()) {
                m_view->setFocus(Qt::OtherFocusReason);
                m_view->setCurrentIndex(first);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}
