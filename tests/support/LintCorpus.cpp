#include "LintCorpus.h"

#include "JsonSourceScanner.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

QString LintCase::text() const
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder(body);
}

namespace LintCorpus {
QList<LintCase> load()
{
    const QDir dir(TestSupport::dataPath(QStringLiteral("requests")));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QList<LintCase> cases;
    for (const QString& file : files) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(f.fileName()));
        const QByteArray bytes = f.readAll();
        const QString text = QString::fromUtf8(bytes);
        const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text);
        if (!scan.ok || !scan.root.isObject())
            qFatal("%s: not a JSON object: %s", qPrintable(file), qPrintable(scan.error));
        const QJsonObject o = scan.root.toJsonValue().toObject();

        LintCase c;
        c.name = file.chopped(5);
        c.description = o.value(QStringLiteral("description")).toString();
        if (const JsonSourceNode* envelope = scan.root.member(QStringLiteral("envelope"))) {
            // Verbatim, so key order, layout and duplicates reach the linter as written.
            c.body = text.mid(envelope->start, envelope->end - envelope->start).toUtf8();
        } else if (o.contains(QStringLiteral("raw"))) {
            c.body = o.value(QStringLiteral("raw")).toString().toUtf8();
        } else if (o.contains(QStringLiteral("raw_base64"))) {
            c.body = QByteArray::fromBase64(o.value(QStringLiteral("raw_base64")).toString().toLatin1());
            c.bytesOnly = true;
        } else {
            qFatal("%s: needs envelope, raw or raw_base64", qPrintable(file));
        }
        const QJsonObject context = o.value(QStringLiteral("context")).toObject();
        if (context.contains(QStringLiteral("environment"))) {
            const auto env =
                LintContext::environmentFromString(context.value(QStringLiteral("environment")).toString());
            if (!env)
                qFatal("%s: bad environment", qPrintable(file));
            c.context.environment = *env;
        }
        if (context.contains(QStringLiteral("api_version"))) {
            const auto version =
                LintContext::apiVersionFromString(context.value(QStringLiteral("api_version")).toString());
            if (!version)
                qFatal("%s: bad api_version", qPrintable(file));
            c.context.apiVersion = *version;
        }
        c.context.hasAccountId = context.value(QStringLiteral("account_id")).toBool(true);
        c.context.hasSecretKey = context.value(QStringLiteral("secret_key")).toBool(true);
        if (!o.value(QStringLiteral("expect")).isArray())
            qFatal("%s: expect must be a list", qPrintable(file));
        c.expect = o.value(QStringLiteral("expect")).toArray();
        c.oracle = o.value(QStringLiteral("oracle")).toBool(true);
        c.oracleReason = o.value(QStringLiteral("oracle_reason")).toString();
        c.simAccount = o.value(QStringLiteral("sim_account")).toString();
        c.knownDifference = o.value(QStringLiteral("oracle_known_difference")).toString();
        cases.append(c);
    }
    return cases;
}
} // namespace LintCorpus
