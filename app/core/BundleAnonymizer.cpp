#include "BundleAnonymizer.h"

#include "HistoryRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace {

const QRegularExpression& emailPattern()
{
    static const QRegularExpression re(QStringLiteral(R"([A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"));
    return re;
}

// Values that say nothing about a person: numbers and flags as text, dates and times.
bool isNeutralText(const QString& text)
{
    static const QRegularExpression neutral(
        QStringLiteral(
            R"(^(?:-?\d+(?:\.\d+)?|true|false|null|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$)"),
        QRegularExpression::CaseInsensitiveOption);
    return text.trimmed().isEmpty() || neutral.match(text.trimmed()).hasMatch();
}

} // namespace

bool BundleAnonymizer::isKeptKey(const QString& key)
{
    const QString k = key.toLower();
    if (k == QLatin1String("id") || k.endsWith(QLatin1String("id")) || k.endsWith(QLatin1String("_id")) ||
        k.endsWith(QLatin1String("ids")))
        return true;
    static const QStringList kept{QStringLiteral("method"),  QStringLiteral("code"),      QStringLiteral("message"),
                                  QStringLiteral("success"), QStringLiteral("hasmore"),   QStringLiteral("limit"),
                                  QStringLiteral("offset"),  QStringLiteral("callcount"), QStringLiteral("querylimit"),
                                  QStringLiteral("type"),    QStringLiteral("country"),   QStringLiteral("jsonrpc"),
                                  QStringLiteral("version"), QStringLiteral("currency")};
    return kept.contains(k) || k.contains(QLatin1String("status")) || k.contains(QLatin1String("date")) ||
           k.contains(QLatin1String("time")) || k.startsWith(QLatin1String("is"));
}

BundleAnonymizer::Kind BundleAnonymizer::kindOfKey(const QString& key)
{
    const QString k = key.toLower();
    if (k.contains(QLatin1String("email")))
        return Kind::Email;
    if (k.contains(QLatin1String("phone")) || k.contains(QLatin1String("fax")) || k.contains(QLatin1String("mobile")))
        return Kind::Phone;
    for (const char* part : {"street", "address", "city", "zip", "postal", "state", "province"}) {
        if (k.contains(QLatin1String(part)))
            return Kind::Address;
    }
    if (k.contains(QLatin1String("name")))
        return Kind::Name;
    return Kind::Text;
}

QString BundleAnonymizer::placeholder(const QString& original, Kind kind)
{
    const auto it = m_placeholders.constFind(original);
    if (it != m_placeholders.constEnd())
        return *it;
    const int n = ++m_counters[int(kind)];
    QString value;
    switch (kind) {
    case Kind::Email:
        value = QStringLiteral("person%1@example.invalid").arg(n);
        break;
    case Kind::Name:
        value = QStringLiteral("Name %1").arg(n);
        break;
    case Kind::Phone:
        value = QStringLiteral("555-01%1").arg(n, 2, 10, QLatin1Char('0'));
        break;
    case Kind::Address:
        value = QStringLiteral("Address %1").arg(n);
        break;
    case Kind::Text:
        value = QStringLiteral("Text %1").arg(n);
        break;
    }
    m_placeholders.insert(original, value);
    m_kinds.insert(original, kind);
    return value;
}

QJsonValue BundleAnonymizer::anonymizeJson(const QJsonValue& value, const QString& key)
{
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), anonymizeJson(it.value(), it.key()));
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& element : value.toArray())
            out.append(anonymizeJson(element, key));
        return out;
    }
    const Kind kind = kindOfKey(key);
    if (value.isDouble())
        return !key.isEmpty() && !isKeptKey(key) && (kind == Kind::Phone || kind == Kind::Address)
                   ? QJsonValue(placeholder(value.toVariant().toString(), kind))
                   : value;
    if (!value.isString())
        return value;
    const QString text = value.toString();
    if (key.isEmpty() || isKeptKey(key))
        return anonymizeText(text);
    if (kind == Kind::Email)
        return text.isEmpty() ? value : QJsonValue(placeholder(text, Kind::Email));
    if (text.trimmed().isEmpty() || (kind != Kind::Phone && kind != Kind::Address && isNeutralText(text)))
        return value;
    return placeholder(text, kind);
}

QString BundleAnonymizer::anonymizeText(const QString& text)
{
    if (text.isEmpty())
        return text;
    QString out = text;
    // Longest originals first, so "Ann Lee" goes before "Ann".
    QList<QString> originals = m_placeholders.keys();
    std::sort(originals.begin(), originals.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& original : std::as_const(originals)) {
        // Short free-text values ("open", "web") are too likely to be ordinary words here.
        const qsizetype minimum = m_kinds.value(original) == Kind::Text ? 6 : 3;
        if (original.size() >= minimum && out.contains(original))
            out.replace(original, m_placeholders.value(original));
    }
    QString result;
    qsizetype last = 0;
    auto it = emailPattern().globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured().endsWith(QLatin1String("@example.invalid")))
            continue;
        result += QStringView(out).mid(last, match.capturedStart() - last);
        result += placeholder(match.captured(), Kind::Email);
        last = match.capturedEnd();
    }
    if (last == 0)
        return out;
    return result + out.mid(last);
}

QByteArray BundleAnonymizer::anonymizeBody(const QByteArray& body)
{
    if (body.isEmpty())
        return body;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return anonymizeText(QString::fromUtf8(body)).toUtf8();
    if (document.isArray())
        return QJsonDocument(anonymizeJson(document.array()).toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(anonymizeJson(document.object()).toObject()).toJson(QJsonDocument::Compact);
}

void BundleAnonymizer::anonymize(HistoryRecord* call)
{
    call->requestBody = anonymizeBody(call->requestBody);
    if (!call->bodyCut)
        call->responseBody = anonymizeBody(call->responseBody);
    else
        call->responseBody = anonymizeText(QString::fromUtf8(call->responseBody)).toUtf8();
    call->url = anonymizeText(call->url);
    for (HistoryFinding& finding : call->findings)
        finding.message = anonymizeText(finding.message);
    for (QList<HistoryRecord::Header>* headers : {&call->requestHeaders, &call->responseHeaders}) {
        for (HistoryRecord::Header& header : *headers)
            header.second = anonymizeText(QString::fromUtf8(header.second)).toUtf8();
    }
}
