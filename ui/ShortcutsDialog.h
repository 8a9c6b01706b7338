#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

// Help → Keyboard shortcuts: every action of the window that has a shortcut, read from the
// actions themselves when the dialog opens (so the list cannot drift from what the keys do),
// with the menu or panel each belongs to.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);

    // The actions under `root` with at least one shortcut, without duplicates, in a stable order.
    static QList<QAction*> shortcutActions(const QWidget* root);
    // "Request", "Error codes", ...: where the action is found (its menu, or the widget holding it).
    static QString placeOf(const QAction* action);

    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};
