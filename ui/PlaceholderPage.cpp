#include "PlaceholderPage.h"

#include <QPushButton>

PlaceholderPage::PlaceholderPage(Feature feature, QWidget* parent)
    : EmptyStateWidget(parent)
{
    switch (feature) {
    case Feature::Composer:
        setObjectName(QStringLiteral("composerPlaceholder"));
        setTitle(tr("The request composer is not built yet"));
        setText(tr("This tab will let you pick a method, fill its parameters from a template, check the request "
                   "before sending and send it to the built-in simulator or to your account.<br><br>"
                   "Today, from a terminal: <code>leadgen-diag lint FILE</code> checks a request and "
                   "<code>leadgen-diag send FILE</code> sends it."));
        break;
    case Feature::Inspector:
        setObjectName(QStringLiteral("inspectorPlaceholder"));
        setTitle(tr("The response inspector is not built yet"));
        setText(tr("This tab will take a pasted or dropped response, log line or cURL command and explain every "
                   "error object in it, with a way to reproduce it on the simulator.<br><br>"
                   "Today, from a terminal: <code>leadgen-diag inspect FILE</code> explains a saved response."));
        break;
    }
    connect(addButton(tr("Browse error codes"), QStringLiteral("browseErrorCodesButton")), &QPushButton::clicked, this,
            &PlaceholderPage::errorBrowserRequested);
}
