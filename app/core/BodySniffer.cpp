#include "BodySniffer.h"

#include "JsonIndex.h"

#include <QRegularExpression>

#include <algorithm>

namespace BodySniffer {

QString headText(const JsonIndex& index, qint64 bytes)
{
    return QString::fromUtf8(index.data(), qsizetype(std::min(index.size(), bytes)));
}

QString decodeHtmlEntities(const QString& text)
{
    static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]+);"));
    QString out;
    qsizetype last = 0;
    for (auto it = numeric.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        bool ok = false;
        const uint cp = m.captured(2).toUInt(&ok, m.captured(1).isEmpty() ? 10 : 16);
        out += ok && cp > 0 && cp < 0x110000 ? QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1)
                                             : m.captured(0);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    out.replace(QLatin1String("&lt;"), QLatin1String("<"));
    out.replace(QLatin1String("&gt;"), QLatin1String(">"));
    out.replace(QLatin1String("&quot;"), QLatin1String("\""));
    out.replace(QLatin1String("&apos;"), QLatin1String("'"));
    out.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    out.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return out;
}

bool looksLikeHtml(const QString& head, const QByteArray& contentType)
{
    if (contentType.toLower().contains("text/html"))
        return true;
    const QString start = head.trimmed().left(1024).toLower();
    if (!start.startsWith(QLatin1Char('<')))
        return false;
    static const QRegularExpression tag(
        QStringLiteral("<(!doctype\\s+html|html|head|body|title|h1|center|div|p)[\\s>]"),
        QRegularExpression::CaseInsensitiveOption);
    return tag.match(head).hasMatch();
}

QString htmlTitle(const QString& head)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression h1(QStringLiteral("<h1[^>]*>(.*?)</h1>"),
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    for (const QRegularExpression* re : {&title, &h1}) {
        const auto m = re->match(head);
        if (m.hasMatch()) {
            QString text = m.captured(1);
            text.remove(tags);
            text = decodeHtmlEntities(text).simplified();
            if (!text.isEmpty())
                return text;
        }
    }
    return QString();
}

bool hasLoginForm(const QString& head)
{
    static const QRegularExpression password(QStringLiteral("<input[^>]+type\\s*=\\s*[\"']?password"),
                                             QRegularExpression::CaseInsensitiveOption);
    return password.match(head).hasMatch();
}

QString firstLine(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype nl = trimmed.indexOf(QLatin1Char('\n'));
    return nl < 0 ? trimmed : trimmed.left(nl).trimmed();
}

} // namespace BodySniffer
