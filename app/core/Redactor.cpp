#include "Redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace {
const QString kMask = QStringLiteral("\u2022\u2022\u2022");
const QLatin1String kEncodedMask("%E2%80%A2%E2%80%A2%E2%80%A2");

// URLs carry the mask percent-encoded; what people read shows "•••".
QString showMask(QString text)
{
    return text.replace(kEncodedMask, kMask, Qt::CaseInsensitive);
}

// secretKey=VALUE in a query string or command line. The value ends where a URL or shell word
// would end it. `=` may be percent-encoded when the URL is nested inside another one. Whatever
// precedes the name (`&`, `%26`, a letter of a longer word): masking too much is harmless,
// masking too little is a leak.
const QRegularExpression& queryPattern()
{
    static const QRegularExpression re(QStringLiteral(R"((secretKey(?:=|%3D))([^&#\s'"<>\\]+))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// "secretKey": "VALUE" in JSON text (legacy header object, pasted logs), escaped quotes allowed.
const QRegularExpression& jsonPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(("secretKey"\s*:\s*")((?:[^"\\]|\\.)+)("))"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString replaceGroup(const QString& text, const QRegularExpression& re, int valueGroup)
{
    QString result;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (Redactor::isMask(m.captured(valueGroup)))
            continue;
        result += QStringView(text).mid(last, m.capturedStart(valueGroup) - last);
        result += kMask;
        last = m.capturedEnd(valueGroup);
    }
    if (last == 0)
        return text;
    result += QStringView(text).mid(last);
    return result;
}
} // namespace

QString Redactor::mask()
{
    return kMask;
}

QString Redactor::redactText(const QString& text)
{
    // Both patterns start with the name itself: without it nothing can match, and the patterns
    // (compiled and JIT-compiled on first use) are not needed at all, e.g. for the composer's
    // first preview at startup.
    if (!text.contains(QLatin1String("secretkey"), Qt::CaseInsensitive))
        return text;
    return replaceGroup(replaceGroup(text, queryPattern(), 2), jsonPattern(), 2);
}

QString Redactor::redactUrl(const QUrl& url)
{
    // Structural, not textual: the whole value between '&' separators is masked, whatever
    // characters the key contains (a quote in a key would end a textual match early).
    // Structural first (a whole value, whatever it contains), then textual for look-alikes nested
    // in other values.
    return redactText(showMask(maskedUrl(url).toDisplayString()));
}

QString Redactor::redactEncodedUrl(const QUrl& url)
{
    return redactText(showMask(maskedUrl(url).toString(QUrl::FullyEncoded)));
}

QUrl Redactor::maskedUrl(const QUrl& url)
{
    const QString query = url.query(QUrl::FullyEncoded);
    if (query.isEmpty())
        return url;
    QStringList items = query.split(QLatin1Char('&'));
    bool changed = false;
    for (QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq + 1 == item.size())
            continue;
        const QString name = QUrl::fromPercentEncoding(item.left(eq).toUtf8());
        if (name.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) != 0 ||
            isMask(QUrl::fromPercentEncoding(item.mid(eq + 1).toUtf8())))
            continue;
        item = item.left(eq + 1) + QString::fromLatin1(QUrl::toPercentEncoding(kMask));
        changed = true;
    }
    if (!changed)
        return url;
    QUrl copy = url;
    copy.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
    return copy;
}

QJsonValue Redactor::redactJson(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto item : array) // QJsonValueRef: assigning writes into the array
            item = redactJson(item);
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0) {
            const QJsonValue v = it.value();
            const bool empty = v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty());
            if (!empty)
                it.value() = kMask;
        } else {
            it.value() = redactJson(it.value());
        }
    }
    return object;
}

QString Redactor::redactSecret(const QString& text, const QString& secret)
{
    if (secret.size() < 4)
        return text;
    QString result = text;
    result.replace(secret, kMask);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    if (encoded != secret)
        result.replace(encoded, kMask, Qt::CaseInsensitive);
    return result;
}

bool Redactor::containsSecretKey(const QString& text)
{
    return redactText(text) != text;
}

bool Redactor::isMask(const QString& value)
{
    return value == kMask || value.compare(kEncodedMask, Qt::CaseInsensitive) == 0;
}
