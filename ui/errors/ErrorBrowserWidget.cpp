#include "ErrorBrowserWidget.h"

#include "ErrorCatalog.h"

ErrorBrowserWidget::ErrorBrowserWidget(const ErrorCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
{
}

void ErrorBrowserWidget::focusSearch()
{
    setFocus();
}
