#include "CustomerReply.h"

#include "ErrorCatalog.h"
#include "Redactor.h"
#include "RequestLinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace {

QString ordinal(int n)
{
    const int mod100 = n % 100;
    const char* suffix = "th";
    if (mod100 < 11 || mod100 > 13) {
        if (n % 10 == 1)
            suffix = "st";
        else if (n % 10 == 2)
            suffix = "nd";
        else if (n % 10 == 3)
            suffix = "rd";
    }
    return QString::number(n) + QLatin1String(suffix);
}

int chooseFinding(const HistoryRecord& call, int findingIndex)
{
    if (findingIndex >= 0 && findingIndex < call.findings.size())
        return findingIndex;
    for (int i = 0; i < call.findings.size(); ++i) {
        if (call.findings.at(i).severity == QLatin1String("error"))
            return i;
    }
    for (int i = 0; i < call.findings.size(); ++i) {
        if (call.findings.at(i).severity == QLatin1String("warning"))
            return i;
    }
    return -1;
}

// The request object the finding is about, as the customer sent it (params.objects[i]).
QJsonObject sentObject(const HistoryRecord& call, int index)
{
    const QJsonObject request = QJsonDocument::fromJson(call.requestBody).object();
    const QJsonArray objects =
        request.value(QLatin1String("params")).toObject().value(QLatin1String("objects")).toArray();
    return index >= 0 && index < objects.size() ? objects.at(index).toObject() : QJsonObject();
}

// The field a message names ("... field emailAddress ...", "'emailAddress'").
QString fieldNamed(const QString& message, const QJsonObject& object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (message.contains(it.key(), Qt::CaseInsensitive) && it.key().size() > 2)
            return it.key();
    }
    static const QRegularExpression quoted(QStringLiteral(R"re(['"`]([A-Za-z_][A-Za-z0-9_]*)['"`])re"));
    const QRegularExpressionMatch match = quoted.match(message);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString section(const QString& title, const QString& body)
{
    return QStringLiteral("### %1\n\n%2\n\n").arg(title, body.trimmed());
}

QString corrected(const HistoryRecord& call)
{
    if (call.requestBody.isEmpty())
        return {};
    static const RequestLinter linter;
    const QString text = QString::fromUtf8(call.requestBody);
    const QList<LintFinding> findings = linter.lint(call.requestBody);
    int applied = 0;
    const QString fixed = RequestLinter::applyFixes(text, findings, &applied);
    if (applied == 0 || fixed == text)
        return {};
    QStringList what;
    for (const LintFinding& finding : findings) {
        if (finding.quickFix)
            what.append(QStringLiteral("- %1").arg(finding.quickFix->label));
    }
    const QJsonDocument document = QJsonDocument::fromJson(fixed.toUtf8());
    const QString shown = document.isNull() ? fixed : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    return section(QStringLiteral("A corrected request"),
                   QStringLiteral("%1\n\n```json\n%2\n```")
                       .arg(what.join(QLatin1Char('\n')), Redactor::redactText(shown).trimmed()));
}

QString body(const HistoryRecord& call, const HistoryFinding* finding, const QString& intro)
{
    QString md = intro;
    if (!finding) {
        md += section(
            QStringLiteral("What happened"),
            call.httpStatus
                ? QStringLiteral("The service answered with HTTP %1 and reported no error.").arg(*call.httpStatus)
                : QStringLiteral("No answer arrived from the service."));
        return Redactor::redactText(md);
    }
    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    const ErrorEntry* entry = finding->code ? catalog.byCode(*finding->code) : catalog.byKey(finding->key);
    const QString id = finding->code ? QString::number(*finding->code) : QString();
    QString what =
        call.method.isEmpty() ? QStringLiteral("The call") : QStringLiteral("The `%1` call").arg(call.method);
    if (call.timeMs > 0)
        what += QStringLiteral(" made on %1 UTC")
                    .arg(QDateTime::fromMSecsSinceEpoch(call.timeMs, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd 'at' HH:mm")));
    if (!id.isEmpty())
        what += QStringLiteral(" was refused with error %1").arg(id);
    else if (entry)
        what += QStringLiteral(" ran into a problem: %1").arg(entry->title.toLower());
    else
        what += QStringLiteral(" ran into a problem");
    const QString message = finding->message;
    what +=
        QStringLiteral(".\n\nIn detail: %1.").arg(message.endsWith(QLatin1Char('.')) ? message.chopped(1) : message);
    md += section(QStringLiteral("What happened"), what);

    md += section(QStringLiteral("Where"), CustomerReply::placeOf(*finding, call.method));
    const QJsonObject object = sentObject(call, finding->index);
    if (!object.isEmpty()) {
        const QString field = fieldNamed(message, object);
        QString sent = QStringLiteral("The object as it was sent:\n\n```json\n%1\n```")
                           .arg(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
        if (!field.isEmpty())
            sent.prepend(QStringLiteral("The field concerned is `%1`. ").arg(field));
        md += sent + QStringLiteral("\n\n");
    }
    if (entry) {
        QString why = entry->summary;
        if (!entry->causes.isEmpty())
            why += QStringLiteral("\n\nThe most likely cause: %1").arg(entry->causes.first());
        md += section(QStringLiteral("Why"), why);
        QStringList fixes;
        for (const QString& fix : entry->fixes)
            fixes.append(QStringLiteral("- %1").arg(fix));
        if (entry->retryable && !entry->retryHint.isEmpty())
            fixes.append(QStringLiteral("- %1").arg(entry->retryHint));
        if (!fixes.isEmpty())
            md += section(QStringLiteral("What to change"), fixes.join(QLatin1Char('\n')));
    }
    md += corrected(call);
    return Redactor::redactText(md);
}

} // namespace

QString CustomerReply::placeOf(const HistoryFinding& finding, const QString& method)
{
    if (finding.index >= 0)
        return QStringLiteral("The %1 object you sent in `params.objects` (position %2, counting from 0)%3. The other "
                              "objects of the same request are not concerned by this error.")
            .arg(ordinal(finding.index + 1))
            .arg(finding.index)
            .arg(method.isEmpty() ? QString() : QStringLiteral(" of `%1`").arg(method));
    if (finding.level == QLatin1String("http"))
        return QStringLiteral("The request did not reach the part of the service that reads it: the answer was an "
                              "HTTP error page.");
    return QStringLiteral("The request as a whole%1: no object in it was processed.")
        .arg(method.isEmpty() ? QString() : QStringLiteral(" (`%1`)").arg(method));
}

QString CustomerReply::forCall(const HistoryRecord& call, int findingIndex)
{
    const int chosen = chooseFinding(call, findingIndex);
    return body(call, chosen >= 0 ? &call.findings.at(chosen) : nullptr, QString());
}

QString CustomerReply::forCode(const QString& codeOrKey, const HistoryRecord& example, qint64 count, qint64 firstMs,
                               qint64 lastMs)
{
    int chosen = -1;
    for (int i = 0; i < example.findings.size() && chosen < 0; ++i) {
        const HistoryFinding& finding = example.findings.at(i);
        if ((finding.code ? QString::number(*finding.code) : finding.key) == codeOrKey)
            chosen = i;
    }
    QString intro;
    if (count > 1) {
        intro = QStringLiteral("This happened %1 times").arg(QLocale::c().toString(count));
        if (firstMs >= 0 && lastMs >= 0)
            intro +=
                QStringLiteral(", between %1 and %2 UTC")
                    .arg(QDateTime::fromMSecsSinceEpoch(firstMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                         QDateTime::fromMSecsSinceEpoch(lastMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        intro += QStringLiteral("; here is one of those calls.\n\n");
    }
    return body(example, chosen >= 0 ? &example.findings.at(chosen) : nullptr, intro);
}
