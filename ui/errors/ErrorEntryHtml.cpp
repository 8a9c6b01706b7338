#include "ErrorEntryHtml.h"

#include "Badge.h"
#include "ErrorCatalog.h"
#include "JsonHighlighter.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QPalette>
#include <QRegularExpression>

namespace {
const QString kEntryScheme = QStringLiteral("leadgen-entry");
const QString kSearchScheme = QStringLiteral("leadgen-search");
const QString kActionScheme = QStringLiteral("leadgen-action");

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

// Catalogue prose marks identifiers Markdown-style (`where.emailAddress`): show them as code.
QString prose(const QString& text, const QString& mono, const QString& codeBackground)
{
    static const QRegularExpression codeSpan(QStringLiteral("`([^`]+)`"));
    QString html = esc(text);
    html.replace(
        codeSpan,
        QStringLiteral("<span style=\"font-family:'%1'; background-color:%2;\">\\1</span>").arg(mono, codeBackground));
    return html;
}

// Plain text with http(s) URLs turned into links (sources often cite a page).
QString linkify(const QString& text)
{
    static const QRegularExpression url(QStringLiteral(R"((https?://[^\s<>"')\]]+))"));
    QString html;
    int from = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        html += esc(text.mid(from, m.capturedStart() - from));
        html += QStringLiteral("<a href=\"%1\">%1</a>").arg(esc(m.captured()));
        from = int(m.capturedEnd());
    }
    html += esc(text.mid(from));
    return html;
}

QString confidenceDescription(const QString& confidence)
{
    auto tr = [](const char* text) { return QCoreApplication::translate("ErrorEntryHtml", text); };
    if (confidence == QLatin1String("documented"))
        return tr("stated in the vendor's documentation");
    if (confidence == QLatin1String("observed"))
        return tr("seen in real responses, not documented");
    if (confidence == QLatin1String("inferred"))
        return tr("our inference, not confirmed: treat the causes and fixes as hypotheses");
    return QString();
}
} // namespace

QUrl ErrorEntryHtml::entryUrl(const QString& key)
{
    QUrl url;
    url.setScheme(kEntryScheme);
    url.setPath(key);
    return url;
}

QUrl ErrorEntryHtml::searchUrl(const QString& text)
{
    QUrl url;
    url.setScheme(kSearchScheme);
    url.setPath(text);
    return url;
}

ErrorEntryHtml::Link ErrorEntryHtml::parseLink(const QUrl& url)
{
    const QString scheme = url.scheme();
    if (scheme == kEntryScheme)
        return {LinkKind::Entry, url.path()};
    if (scheme == kSearchScheme)
        return {LinkKind::Search, url.path()};
    if (scheme == kActionScheme && url.path() == QLatin1String("copy-example"))
        return {LinkKind::CopyExample, QString()};
    if (scheme == QLatin1String("https") || scheme == QLatin1String("http"))
        return {LinkKind::External, url.toString()};
    return {};
}

QString ErrorEntryHtml::render(const ErrorEntry& e, const ErrorCatalog& catalog, const QPalette& palette,
                               const QFont& font)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    const QString muted = mix(text, base, 0.38).name();
    const QString rule = mix(base, text, 0.16).name();
    const QString codeBackground = mix(base, text, dark ? 0.07 : 0.045).name();
    const QString accent = Badge::colors(e.category, palette).foreground.name();
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    const double pt = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    auto size = [pt](double factor) { return QString::number(pt * factor, 'f', 1) + QStringLiteral("pt"); };

    QString h;
    h.reserve(8192);
    h += QStringLiteral("<html><body style=\"color:%1;\">").arg(text.name());

    // Identity: code, stable name, title.
    h += QStringLiteral("<p style=\"margin:0;\"><span style=\"font-family:'%1'; font-size:%2; font-weight:700;\">%3"
                        "</span>&nbsp;&nbsp;<span style=\"font-family:'%1'; font-size:%4; color:%5;\">%6</span></p>")
             .arg(mono, size(e.isNumeric() ? 2.0 : 1.5), esc(e.displayId()), size(1.1), muted, esc(e.name));
    if (!e.title.isEmpty()) {
        h += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:0; font-size:%1; font-weight:600;\">%2</p>")
                 .arg(size(1.3), esc(e.title));
    }

    // Badges: level, category, retryable, confidence.
    QStringList badges;
    if (!e.level.isEmpty())
        badges << Badge::html(tr("%1 level").arg(Badge::label(e.level)), Badge::colors(e.level, palette));
    if (!e.category.isEmpty())
        badges << Badge::html(Badge::label(e.category), Badge::colors(e.category, palette));
    badges << Badge::html(
        e.retryable ? tr("retryable") : tr("not retryable"),
        Badge::colors(e.retryable ? QStringLiteral("retryable") : QStringLiteral("not_retryable"), palette));
    if (!e.confidence.isEmpty())
        badges << Badge::html(e.confidence, Badge::colors(e.confidence, palette));
    h += QStringLiteral("<p style=\"margin-top:8px; margin-bottom:2px;\">%1</p>")
             .arg(badges.join(QStringLiteral("&nbsp; ")));
    const QString levelText = e.levelLabel();
    if (!levelText.isEmpty()) {
        h += QStringLiteral("<p style=\"margin-top:2px; color:%1;\">%2</p>")
                 .arg(muted, esc(levelText.left(1).toUpper() + levelText.mid(1)));
    }

    // The exact message the API sends, set apart like a quotation.
    if (!e.message.isEmpty()) {
        h +=
            QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin-top:6px; "
                           "margin-bottom:6px;\"><tr><td width=\"4\" style=\"background-color:%1;\"></td>"
                           "<td style=\"background-color:%2; padding:8px 10px;\"><span style=\"color:%3; "
                           "font-size:%4;\">%5</span><br><span style=\"font-family:'%6';\">%7</span></td></tr></table>")
                .arg(accent, codeBackground, muted, size(0.85),
                     e.isNumeric() ? tr("Message sent by the API") : tr("What you see"), mono, esc(e.message));
    }

    if (!e.summary.isEmpty())
        h += QStringLiteral("<p style=\"margin-top:10px;\">%1</p>").arg(prose(e.summary, mono, codeBackground));

    // Each heading carries an anchor (QTextBrowser::scrollToAnchor) named after its section.
    auto heading = [&](const QString& title, const QString& anchor) {
        return QStringLiteral("<p style=\"margin-top:14px; margin-bottom:4px; font-size:%1; font-weight:700;\">"
                              "<a name=\"%2\"></a>%3</p>")
            .arg(size(1.08), anchor, esc(title));
    };
    auto list = [&](const QStringList& items) {
        QString l = QStringLiteral("<ol style=\"margin-top:0; margin-bottom:0; -qt-list-indent:1;\">");
        for (const QString& item : items)
            l += QStringLiteral("<li style=\"margin-bottom:3px;\">%1</li>").arg(prose(item, mono, codeBackground));
        return l + QStringLiteral("</ol>");
    };

    if (!e.causes.isEmpty())
        h += heading(tr("Likely causes, most likely first"), QStringLiteral("causes")) + list(e.causes);
    if (!e.fixes.isEmpty())
        h += heading(tr("How to fix"), QStringLiteral("fixes")) + list(e.fixes);

    h += heading(tr("Retry"), QStringLiteral("retry"));
    // The hint says it in the catalogue's words; the badge above already gives yes/no.
    const QString retry = !e.retryHint.isEmpty() ? prose(e.retryHint, mono, codeBackground)
                          : e.retryable          ? tr("Retryable.")
                                                 : tr("Not retryable.");
    h += QStringLiteral("<p style=\"margin-top:0;\">%1</p>").arg(retry);

    if (!e.methods.isEmpty()) {
        h += heading(tr("Where it occurs"), QStringLiteral("methods"));
        QStringList methods;
        for (const QString& method : e.methods) {
            if (method == QLatin1String("*")) {
                methods << tr("any method");
                continue;
            }
            methods << QStringLiteral("<a href=\"%1\" style=\"font-family:'%2';\">%3</a>")
                           .arg(esc(searchUrl(method).toString()), mono, esc(method));
        }
        h += QStringLiteral("<p style=\"margin-top:0;\">%1</p>").arg(methods.join(QStringLiteral(", &nbsp;")));
    }

    // Related entries as links, each with its name and title so the reader knows where it leads.
    QList<const ErrorEntry*> related;
    for (int code : e.related) {
        if (const ErrorEntry* r = catalog.byCode(code))
            related << r;
    }
    for (const QString& key : e.relatedKeys) {
        if (const ErrorEntry* r = catalog.byKey(key))
            related << r;
    }
    if (!related.isEmpty()) {
        h += heading(tr("Related"), QStringLiteral("related"));
        h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
        for (const ErrorEntry* r : related) {
            h +=
                QStringLiteral("<tr><td style=\"padding-right:10px;\"><a href=\"%1\" style=\"font-family:'%2';\">%3</a>"
                               "</td><td style=\"font-family:'%2'; padding-right:10px; color:%4;\">%5</td>"
                               "<td>%6</td></tr>")
                    .arg(esc(entryUrl(r->key).toString()), mono, esc(r->displayId()), muted, esc(r->name),
                         esc(r->title.isEmpty() ? r->message : r->title));
        }
        h += QStringLiteral("</table>");
    }

    const QString example = e.exampleText();
    if (!example.isEmpty()) {
        h += heading(e.exampleHttpStatus ? tr("Example response") : tr("Example"), QStringLiteral("example"));
        // Transport situations have no HTTP response: the example is what the client reports.
        QStringList facts;
        if (e.exampleHttpStatus)
            facts << QStringLiteral("HTTP %1").arg(e.exampleHttpStatus);
        else
            facts << tr("no HTTP response");
        if (e.example.isString())
            facts << (e.exampleHttpStatus ? tr("body as sent") : tr("as reported by the client"));
        else
            facts << QStringLiteral("application/json");
        h += QStringLiteral("<p style=\"margin-top:0; margin-bottom:4px; color:%1;\">%2 &middot; "
                            "<a href=\"%3:copy-example\">%4</a></p>")
                 .arg(muted, esc(facts.join(QStringLiteral(" · "))), kActionScheme, tr("Copy"));
        QString json = example.trimmed();
        // QJsonDocument prints an empty array or object over two lines ("[\n    ]"); a newline
        // cannot occur inside a JSON string, so this only touches structure.
        static const QRegularExpression emptyContainer(QStringLiteral(R"(([\[{])\n\s*([\]}]))"));
        json.replace(emptyContainer, QStringLiteral("\\1\\2"));
        // A body sent with CRLF line ends would show every line break twice.
        const QString body = e.example.isString()
                                 ? esc(QString(example).remove(QLatin1Char('\r')))
                                 : JsonHighlighter::toHtml(json, JsonHighlighter::Theme::forPalette(palette));
        h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-width:1px; "
                            "border-style:solid; border-color:%1;\"><tr><td style=\"background-color:%2; "
                            "padding:10px;\"><pre style=\"font-family:'%3'; white-space:pre-wrap; margin:0;\">%4</pre>"
                            "</td></tr></table>")
                 .arg(rule, codeBackground, mono, body);
    }

    // Provenance, last and quiet: how much to trust the entry.
    QStringList provenance;
    if (!e.confidence.isEmpty()) {
        const QString description = confidenceDescription(e.confidence);
        provenance << tr("<b>Confidence:</b> %1%2")
                          .arg(esc(e.confidence),
                               description.isEmpty() ? QString() : QStringLiteral(" — ") + esc(description));
    }
    if (!e.source.isEmpty())
        provenance << tr("<b>Source:</b> %1").arg(linkify(e.source));
    if (!catalog.version().isEmpty())
        provenance << tr("<b>Catalogue version:</b> %1").arg(esc(catalog.version()));
    h += QStringLiteral("<hr style=\"margin-top:14px;\"><p style=\"color:%1; font-size:%2;\">%3</p>")
             .arg(muted, size(0.9), provenance.join(QStringLiteral("<br>")));

    h += QStringLiteral("</body></html>");
    return h;
}
