#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
QString plainText(QString text)
{
    // "&Send" → "Send", "Try an &error…" → "Try an error…"; a literal "&&" stays one "&".
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* window, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Tab and Shift+Tab move between fields everywhere, editors included (Ctrl+Tab "
                                "indents in a request editor). Shortcuts of a panel work while it has the focus."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut"), tr("Where")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    const QList<QAction*> actions = shortcutActions(window);
    m_table->setRowCount(int(actions.size()));
    for (int row = 0; row < actions.size(); ++row) {
        const QAction* action = actions.at(row);
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        auto* name = new QTableWidgetItem(plainText(action->text()));
        name->setToolTip(action->toolTip());
        name->setData(Qt::UserRole, action->objectName());
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
        m_table->setItem(row, 2, new QTableWidgetItem(placeOf(action)));
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 480);
}

QList<QAction*> ShortcutsDialog::shortcutActions(const QWidget* root)
{
    QList<QAction*> list;
    const QList<QAction*> all = root->findChildren<QAction*>();
    for (QAction* action : all) {
        if (!action->shortcuts().isEmpty() && !action->isSeparator() && !list.contains(action))
            list << action;
    }
    std::stable_sort(list.begin(), list.end(), [](const QAction* a, const QAction* b) {
        const QString pa = placeOf(a);
        const QString pb = placeOf(b);
        return pa != pb ? pa.localeAwareCompare(pb) < 0
                        : plainText(a->text()).localeAwareCompare(plainText(b->text())) < 0;
    });
    return list;
}

QString ShortcutsDialog::placeOf(const QAction* action)
{
    const QObjectList objects = action->associatedObjects();
    for (const QObject* object : objects) {
        if (const auto* menu = qobject_cast<const QMenu*>(object); menu && !menu->title().isEmpty())
            return plainText(menu->title());
    }
    // Not in a menu: the widget it belongs to, by its accessible or window title.
    for (const QObject* object = action->parent(); object; object = object->parent()) {
        if (const auto* widget = qobject_cast<const QWidget*>(object)) {
            if (!widget->accessibleName().isEmpty())
                return widget->accessibleName();
            if (!widget->windowTitle().isEmpty() && !widget->isWindow())
                return plainText(widget->windowTitle());
            if (widget->isWindow())
                break;
        }
    }
    return tr("Window");
}
