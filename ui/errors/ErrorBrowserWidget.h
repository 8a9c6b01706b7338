#pragma once

#include <QWidget>

class ErrorCatalog;

// Searchable error-code browser (issue 2 §5). Skeleton; the full widget replaces this.
class ErrorBrowserWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ErrorBrowserWidget(const ErrorCatalog& catalog, QWidget* parent = nullptr);
    void focusSearch();

private:
    const ErrorCatalog& m_catalog;
};
