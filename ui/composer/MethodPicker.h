#pragma once

#include <QWidget>

class MethodCatalog;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

// The method list of the composer: every method of methods.json grouped by area, mutating
// methods marked, undocumented ones set apart, with a search field that filters by name, area
// and summary as you type.
class MethodPicker : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMethodNameRole = Qt::UserRole + 1; // empty on area rows
    static constexpr int kSearchTextRole = Qt::UserRole + 2;

    explicit MethodPicker(const MethodCatalog& catalog, QWidget* parent = nullptr);
    ~MethodPicker() override;

    // Selects the method's row (clears the selection for a name that is not in the catalogue).
    void setCurrentMethod(const QString& name);
    QString currentMethod() const;
    void focusSearch();

    QStandardItemModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTreeView* view() const { return m_view; }
    QLineEdit* searchField() const { return m_search; }

    // "deal_stages" -> "Deal stages".
    static QString areaTitle(const QString& area);

signals:
    // The user chose a method (click, Enter, or Enter in the search field on the first match).
    void methodChosen(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void populate();
    void applyFilter(const QString& text);
    void choose(const QModelIndex& proxyIndex);
    QModelIndex firstVisibleMethod() const;

    const MethodCatalog& m_catalog;
    QLineEdit* m_search = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_legend = nullptr;
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};
