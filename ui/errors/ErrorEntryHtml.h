#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

class ErrorCatalog;
class QFont;
class QPalette;
struct ErrorEntry;

// Renders one catalogue entry as rich text for a QTextBrowser, in the order a reader needs it
// (peers.md §d.6): identity, what happened, why, what to do, whether to retry, where it occurs,
// related entries, an example response, and how sure we are. Colours come from the palette.
class ErrorEntryHtml
{
    Q_DECLARE_TR_FUNCTIONS(ErrorEntryHtml)

public:
    // Link targets inside the document; the browser widget interprets them.
    enum class LinkKind
    {
        None,
        Entry,
        Search,
        CopyExample,
        External
    };
    struct Link
    {
        LinkKind kind = LinkKind::None;
        QString value; // entry key ("105", "html_page"), search text, or the URL
    };

    // Sections can be scrolled to by name: causes, fixes, retry, methods, related, example.
    static QString render(const ErrorEntry& entry, const ErrorCatalog& catalog, const QPalette& palette,
                          const QFont& font);

    static QUrl entryUrl(const QString& key);
    static QUrl searchUrl(const QString& text);
    static Link parseLink(const QUrl& url);
};
