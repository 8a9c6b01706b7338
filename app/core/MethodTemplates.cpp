#include "MethodTemplates.h"

#include "JsonSourceScanner.h"
#include "JsonText.h"
#include "MethodCatalog.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// Template texts by method name, sliced out of the compiled-in methods.json once.
QHash<QString, QString> loadOrderedTemplates()
{
    QHash<QString, QString> templates;
    QFile file(QStringLiteral(":/leadgen/methods.json"));
    if (!file.open(QIODevice::ReadOnly))
        return templates;
    const QString text = QString::fromUtf8(file.readAll());
    const JsonSourceScanner::Result scanned = JsonSourceScanner::scan(text);
    if (!scanned.ok)
        return templates;
    const JsonSourceNode* methods = scanned.root.member(QStringLiteral("methods"));
    if (!methods || !methods->isArray())
        return templates;
    for (const JsonSourceNode& method : methods->children) {
        const JsonSourceNode* name = method.member(QStringLiteral("name"));
        const JsonSourceNode* tmpl = method.member(QStringLiteral("template"));
        if (name && tmpl && tmpl->isObject())
            templates.insert(name->scalar.toString(), text.mid(tmpl->start, tmpl->end - tmpl->start));
    }
    return templates;
}
} // namespace

QString MethodTemplates::text(const MethodSpec& spec)
{
    static const QHash<QString, QString> ordered = loadOrderedTemplates();
    const QString raw = ordered.value(spec.name);
    // Use the catalogue's order only when it says the same as the spec (a catalogue loaded from
    // elsewhere, or a changed one, falls back to the spec's content).
    if (!raw.isEmpty() && QJsonDocument::fromJson(raw.toUtf8()).object() == spec.paramsTemplate)
        return JsonText::indented(JsonText::compact(raw));
    return JsonText::valueText(spec.paramsTemplate, true);
}
