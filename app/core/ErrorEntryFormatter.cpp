#include "ErrorEntryFormatter.h"

#include "ErrorCatalog.h"
#include "TextWrap.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ErrorEntryFormatter {

QJsonObject toJson(const ErrorEntry& e)
{
    QJsonObject object;
    object.insert(QStringLiteral("code"), e.isNumeric() ? QJsonValue(e.code) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("key"), e.isNumeric() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.key));
    object.insert(QStringLiteral("name"), e.name);
    object.insert(QStringLiteral("title"), e.title);
    object.insert(QStringLiteral("message"), e.message);
    object.insert(QStringLiteral("level"), e.level);
    object.insert(QStringLiteral("category"), e.category);
    object.insert(QStringLiteral("summary"), e.summary);
    object.insert(QStringLiteral("causes"), QJsonArray::fromStringList(e.causes));
    object.insert(QStringLiteral("fixes"), QJsonArray::fromStringList(e.fixes));
    object.insert(QStringLiteral("retryable"), e.retryable);
    object.insert(QStringLiteral("retry_hint"), e.retryHint);
    object.insert(QStringLiteral("methods"), QJsonArray::fromStringList(e.methods));
    QJsonArray relatedArray;
    for (int c : e.related)
        relatedArray.append(c);
    object.insert(QStringLiteral("related"), relatedArray);
    object.insert(QStringLiteral("related_keys"), QJsonArray::fromStringList(e.relatedKeys));
    object.insert(QStringLiteral("keywords"), QJsonArray::fromStringList(e.keywords));
    object.insert(QStringLiteral("example"), e.example);
    object.insert(QStringLiteral("example_http_status"),
                  e.exampleHttpStatus ? QJsonValue(e.exampleHttpStatus) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("confidence"), e.confidence);
    object.insert(QStringLiteral("source"), e.source);
    return object;
}

QString levelLabel(const ErrorEntry& e)
{
    if (e.level == QLatin1String("api"))
        return QStringLiteral("API-level error (the top-level \"error\" object; the whole call failed)");
    if (e.level == QLatin1String("object"))
        return e.isNumeric() ? QStringLiteral("per-object error in a batch (result.*[i].error, repeated in the "
                                              "top-level \"error\" array); the other objects were processed")
                             : QStringLiteral("per-object result in a batch");
    if (e.level == QLatin1String("either"))
        return QStringLiteral("API-level or per-object, depending on the call");
    if (e.level == QLatin1String("http"))
        return QStringLiteral("HTTP level (no JSON envelope)");
    if (e.level == QLatin1String("envelope"))
        return QStringLiteral("response envelope");
    if (e.level == QLatin1String("info"))
        return QStringLiteral("information, not an error");
    if (e.level == QLatin1String("transport"))
        return QStringLiteral("network, no HTTP response");
    return e.level;
}

namespace {
QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString retryText(const ErrorEntry& e)
{
    return (e.retryable ? QStringLiteral("yes — ") : QStringLiteral("no — ")) + e.retryHint;
}

// The order in which the API writes its members, so examples read like real responses.
const QStringList& envelopeKeyOrder()
{
    // Envelope: result, error, id; batch items: success, error, id; error objects: code, message, data.
    static const QStringList order = {QStringLiteral("success"), QStringLiteral("result"), QStringLiteral("error"),
                                      QStringLiteral("id"),      QStringLiteral("code"),   QStringLiteral("message"),
                                      QStringLiteral("data")};
    return order;
}

QString exampleBody(const ErrorEntry& e, int width)
{
    if (e.example.isString())
        return QString(e.example.toString()).remove(QLatin1Char('\r'));
    if (e.example.isObject() || e.example.isArray())
        return TextWrap::prettyJson(e.example, width, envelopeKeyOrder());
    return QString();
}

QString methodsText(const ErrorEntry& e)
{
    return e.anyMethod() ? QStringLiteral("any method") : e.methods.join(QStringLiteral(", "));
}

QString relatedText(const ErrorEntry& e, bool markdown)
{
    QStringList ids;
    for (int c : e.related)
        ids.append(QString::number(c));
    for (const QString& k : e.relatedKeys)
        ids.append(markdown ? QLatin1Char('`') + k + QLatin1Char('`') : k);
    return ids.join(QStringLiteral(", "));
}

QString statusText(const ErrorEntry& e)
{
    return e.exampleHttpStatus ? QStringLiteral("HTTP %1").arg(e.exampleHttpStatus)
                               : QStringLiteral("no HTTP response");
}
} // namespace

QString exampleText(const ErrorEntry& e)
{
    if (e.example.isString())
        return e.example.toString();
    if (e.example.isObject())
        return QString::fromUtf8(QJsonDocument(e.example.toObject()).toJson(QJsonDocument::Indented));
    if (e.example.isArray())
        return QString::fromUtf8(QJsonDocument(e.example.toArray()).toJson(QJsonDocument::Indented));
    return QString();
}

QString toPlainText(const ErrorEntry& e, int width)
{
    width = qMax(width, 30);
    QStringList lines;
    auto field = [&](const QString& label, const QString& value) {
        if (!value.isEmpty())
            lines += TextWrap::wrap(value, width, label.leftJustified(12), QString(12, QLatin1Char(' ')));
    };

    lines += TextWrap::wrap(e.displayId() + QStringLiteral("  ") + e.name + QStringLiteral(": ") + e.title, width,
                            QString(), QStringLiteral("    "));
    field(QStringLiteral("Message"), quoted(e.message));
    field(QStringLiteral("Level"), levelLabel(e));
    field(QStringLiteral("Category"), e.category);
    field(QStringLiteral("Retry"), retryText(e));
    field(QStringLiteral("Occurs in"), methodsText(e));
    field(QStringLiteral("Related"), relatedText(e, false));
    field(QStringLiteral("Confidence"), e.confidence + QStringLiteral(" (") + e.source + QLatin1Char(')'));
    lines.append(QString());
    lines += TextWrap::wrap(e.summary, width);
    lines.append(QString());
    lines.append(QStringLiteral("Likely causes, most likely first:"));
    for (int i = 0; i < e.causes.size(); ++i) {
        const QString number = QStringLiteral("  %1. ").arg(i + 1);
        lines += TextWrap::wrap(e.causes.at(i), width, number, QString(number.size(), QLatin1Char(' ')));
    }
    lines.append(QString());
    lines.append(QStringLiteral("What to do:"));
    for (const QString& fix : e.fixes)
        lines += TextWrap::wrap(fix, width, QStringLiteral("  - "), QStringLiteral("    "));
    lines.append(QString());
    lines.append(QStringLiteral("Example response (%1):").arg(statusText(e)));
    QString body = exampleBody(e, width - 2);
    while (body.endsWith(QLatin1Char('\n')))
        body.chop(1);
    if (body.isEmpty())
        lines.append(QStringLiteral("  (empty body)"));
    const QStringList bodyLines = body.split(QLatin1Char('\n'));
    for (const QString& bodyLine : bodyLines) {
        if (body.isEmpty())
            break;
        lines += TextWrap::breakLine(QStringLiteral("  ") + bodyLine, width);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString toMarkdown(const ErrorEntry& e)
{
    auto cell = [](QString s) { return s.replace(QLatin1Char('|'), QStringLiteral("\\|")); };
    QString md;
    md += QStringLiteral("### %1 `%2`: %3\n\n").arg(e.displayId(), e.name, e.title);
    md += QStringLiteral("> %1\n\n").arg(e.message);
    md += QStringLiteral("| | |\n|---|---|\n");
    md += QStringLiteral("| Level | %1 |\n").arg(cell(levelLabel(e)));
    md += QStringLiteral("| Category | %1 |\n").arg(cell(e.category));
    md += QStringLiteral("| Retry | %1 |\n").arg(cell(retryText(e)));
    md += QStringLiteral("| Occurs in | %1 |\n").arg(cell(methodsText(e)));
    if (!e.related.isEmpty() || !e.relatedKeys.isEmpty())
        md += QStringLiteral("| Related | %1 |\n").arg(cell(relatedText(e, true)));
    md += QStringLiteral("| Confidence | %1 (%2) |\n\n").arg(cell(e.confidence), cell(e.source));
    md += e.summary + QStringLiteral("\n\n**Likely causes**, most likely first:\n\n");
    for (int i = 0; i < e.causes.size(); ++i)
        md += QStringLiteral("%1. %2\n").arg(i + 1).arg(e.causes.at(i));
    md += QStringLiteral("\n**What to do:**\n\n");
    for (const QString& fix : e.fixes)
        md += QStringLiteral("- ") + fix + QLatin1Char('\n');
    md += QStringLiteral("\n**Example response** (%1):\n\n").arg(statusText(e));
    const QString body = exampleBody(e, 100);
    // A fence longer than any backtick run inside the body keeps it intact.
    QString fence = QStringLiteral("```");
    while (body.contains(fence))
        fence += QLatin1Char('`');
    md += fence + (e.example.isString() ? QString() : QStringLiteral("json")) + QLatin1Char('\n');
    md += body.isEmpty() ? QStringLiteral("(empty body)") : body;
    if (!md.endsWith(QLatin1Char('\n')))
        md += QLatin1Char('\n');
    md += fence + QLatin1Char('\n');
    return md;
}
} // namespace ErrorEntryFormatter
