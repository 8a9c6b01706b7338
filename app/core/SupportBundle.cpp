#include "SupportBundle.h"

#include "BundleAnonymizer.h"
#include "ErrorCatalog.h"
#include "Gzip.h"
#include "ImportedCall.h"
#include "MethodCatalog.h"
#include "Redactor.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QSysInfo>

namespace {

QByteArray masked(const QByteArray& bytes)
{
    if (!ImportedCall::mayCarrySecret(bytes.constData(), bytes.size()))
        return bytes;
    return Redactor::redactText(QString::fromUtf8(bytes)).toUtf8();
}

QJsonArray headersArray(const QList<HistoryRecord::Header>& headers)
{
    QJsonArray out;
    for (const HistoryRecord::Header& header : headers)
        out.append(QJsonArray{QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    return out;
}

QList<HistoryRecord::Header> headersFrom(const QJsonArray& array)
{
    QList<HistoryRecord::Header> out;
    for (const QJsonValue& value : array) {
        const QJsonArray pair = value.toArray();
        out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    return out;
}

QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QLatin1String("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

} // namespace

SupportBundle SupportBundle::make(QList<HistoryRecord> calls, bool anonymize)
{
    SupportBundle bundle;
    BundleAnonymizer anonymizer;
    for (HistoryRecord& call : calls) {
        // Recorded calls are masked already; a second pass costs little and guards against a
        // record made by an older version.
        call.url = Redactor::redactText(call.url);
        call.requestBody = masked(call.requestBody);
        call.responseBody = masked(call.responseBody);
        for (QList<HistoryRecord::Header>* headers : {&call.requestHeaders, &call.responseHeaders}) {
            for (HistoryRecord::Header& header : *headers)
                header.second = masked(header.second);
        }
        if (anonymize)
            anonymizer.anonymize(&call);
    }
    bundle.calls = calls;
    bundle.manifest = QJsonObject{
        {QStringLiteral("app"), QStringLiteral("leadgen-diag")},
        {QStringLiteral("app_version"), QStringLiteral(LEADGEN_VERSION)},
        {QStringLiteral("error_catalogue_version"), ErrorCatalog::builtin().version()},
        {QStringLiteral("method_catalogue_version"), MethodCatalog::builtin().version()},
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("calls"), int(calls.size())},
        {QStringLiteral("anonymized"), anonymize},
    };
    bundle.summary = summarize(bundle.calls, bundle.manifest);
    return bundle;
}

QJsonObject SupportBundle::callToJson(const HistoryRecord& call)
{
    return QJsonObject{
        {QStringLiteral("call"), call.toJson(true)},
        {QStringLiteral("raw"),
         QJsonObject{
             {QStringLiteral("request"), QString::fromUtf8(call.requestBody)},
             {QStringLiteral("response"),
              call.httpStatus ? QJsonValue(QString::fromUtf8(call.responseBody)) : QJsonValue(QJsonValue::Null)},
             {QStringLiteral("request_headers"), headersArray(call.requestHeaders)},
             {QStringLiteral("response_headers"), headersArray(call.responseHeaders)},
         }},
    };
}

HistoryRecord SupportBundle::callFromJson(const QJsonObject& stored)
{
    const QJsonObject c = stored.value(QLatin1String("call")).toObject();
    const QJsonObject raw = stored.value(QLatin1String("raw")).toObject();
    HistoryRecord call;
    call.id = c.value(QLatin1String("id")).toInteger();
    call.timeMs =
        QDateTime::fromString(c.value(QLatin1String("time")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    call.environment = c.value(QLatin1String("env")).toString();
    call.method = c.value(QLatin1String("method")).toString();
    if (c.value(QLatin1String("http_status")).isDouble())
        call.httpStatus = c.value(QLatin1String("http_status")).toInt();
    call.verdict = c.value(QLatin1String("verdict")).toString();
    call.elapsedMs = c.value(QLatin1String("elapsed_ms")).toInteger(-1);
    call.source = c.value(QLatin1String("source")).toString();
    call.requestId = c.value(QLatin1String("request_id")).toString();
    call.transportError = c.value(QLatin1String("transport_error")).toString();
    call.url = Redactor::redactText(c.value(QLatin1String("url")).toString());
    call.account = c.value(QLatin1String("account")).toString();
    call.responseSize = c.value(QLatin1String("response_bytes")).toInteger();
    call.bodyCut = c.value(QLatin1String("response_cut")).toBool();
    call.bodiesDropped = c.value(QLatin1String("bodies_dropped")).toBool();
    call.requestBody = masked(raw.value(QLatin1String("request")).toString().toUtf8());
    call.responseBody = masked(raw.value(QLatin1String("response")).toString().toUtf8());
    call.requestHeaders = headersFrom(raw.value(QLatin1String("request_headers")).toArray());
    call.responseHeaders = headersFrom(raw.value(QLatin1String("response_headers")).toArray());
    for (const QJsonValue& value : c.value(QLatin1String("findings")).toArray()) {
        const QJsonObject f = value.toObject();
        HistoryFinding finding;
        if (f.value(QLatin1String("code")).isDouble())
            finding.code = f.value(QLatin1String("code")).toInt();
        finding.key = f.value(QLatin1String("key")).toString();
        finding.level = f.value(QLatin1String("level")).toString();
        finding.severity = f.value(QLatin1String("severity")).toString();
        finding.path = f.value(QLatin1String("path")).toString();
        finding.index = f.value(QLatin1String("index")).toInt(-1);
        finding.message = f.value(QLatin1String("message")).toString();
        call.findings.append(finding);
    }
    return call;
}

QByteArray SupportBundle::toBytes() const
{
    QJsonArray stored;
    for (const HistoryRecord& call : calls)
        stored.append(callToJson(call));
    const QJsonObject document{
        {QStringLiteral("format"), formatName()}, {QStringLiteral("version"), version},
        {QStringLiteral("manifest"), manifest},   {QStringLiteral("summary"), summary},
        {QStringLiteral("calls"), stored},
    };
    QByteArray out = QString(magic() + QString::number(version) + QLatin1Char('\n')).toLatin1();
    out += Gzip::compress(QJsonDocument(document).toJson(QJsonDocument::Compact));
    return out;
}

bool SupportBundle::write(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toBytes()) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SupportBundle::looksLikeBundle(const QByteArray& head)
{
    return head.startsWith(QByteArray(magic().data(), magic().size()));
}

std::optional<SupportBundle> SupportBundle::read(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    std::optional<SupportBundle> bundle = fromBytes(file.readAll(), error);
    if (!bundle)
        *error = QStringLiteral("%1: %2").arg(path, *error);
    return bundle;
}

std::optional<SupportBundle> SupportBundle::fromBytes(const QByteArray& bytes, QString* error)
{
    if (!looksLikeBundle(bytes)) {
        *error = QStringLiteral("not a support bundle (it does not start with \"LGDBUNDLE\")");
        return std::nullopt;
    }
    const qsizetype newline = bytes.indexOf('\n');
    bool ok = false;
    const int version = bytes.mid(magic().size(), newline - magic().size()).toInt(&ok);
    if (newline < 0 || !ok || version < 1) {
        *error = QStringLiteral("the bundle's first line is damaged");
        return std::nullopt;
    }
    if (version > kVersion) {
        *error = QStringLiteral("bundle format version %1 is newer than this leadgen-diag reads (%2); update it")
                     .arg(version)
                     .arg(kVersion);
        return std::nullopt;
    }
    QString gzipError;
    const std::optional<QByteArray> json =
        Gzip::decompress(QByteArrayView(bytes).sliced(newline + 1), qint64(4) << 30, &gzipError);
    if (!json) {
        *error = QStringLiteral("the bundle's content %1").arg(gzipError);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(QLatin1String("format")).toString() != formatName()) {
        *error = QStringLiteral("the bundle's content is damaged (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    SupportBundle bundle;
    bundle.version = version;
    bundle.manifest = root.value(QLatin1String("manifest")).toObject();
    bundle.summary = root.value(QLatin1String("summary")).toString();
    for (const QJsonValue& value : root.value(QLatin1String("calls")).toArray())
        bundle.calls.append(callFromJson(value.toObject()));
    return bundle;
}

QJsonObject SupportBundle::toJson() const
{
    QJsonArray array;
    for (const HistoryRecord& call : calls)
        array.append(call.toJson(true));
    return QJsonObject{{QStringLiteral("format"), formatName()},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("manifest"), manifest},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("calls"), array}};
}

QString SupportBundle::summarize(const QList<HistoryRecord>& calls, const QJsonObject& manifest)
{
    QString md;
    md += QStringLiteral("# leadgen-diag support bundle\n\n");
    md += QStringLiteral("%1 %2 · made %3 · %4 · error catalogue %5%6\n\n")
              .arg(calls.size())
              .arg(QLatin1String(calls.size() == 1 ? "call" : "calls"))
              .arg(manifest.value(QLatin1String("created")).toString(), manifest.value(QLatin1String("os")).toString(),
                   manifest.value(QLatin1String("error_catalogue_version")).toString(),
                   manifest.value(QLatin1String("anonymized")).toBool()
                       ? QStringLiteral(" · personal data replaced by placeholders")
                       : QString());
    QMap<QString, int> verdicts;
    for (const HistoryRecord& call : calls)
        ++verdicts[call.verdict];
    QStringList parts;
    for (auto it = verdicts.cbegin(); it != verdicts.cend(); ++it)
        parts.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value()));
    md += QStringLiteral("Verdicts: %1\n\n").arg(parts.join(QStringLiteral(", ")));
    md += QStringLiteral("| # | Time (UTC) | Method | HTTP | Verdict | Codes |\n|---|---|---|---|---|---|\n");
    QMap<QString, QString> explained; // code → "title: summary", in code order
    for (int i = 0; i < calls.size(); ++i) {
        const HistoryRecord& call = calls.at(i);
        QStringList codes;
        for (const QVariant& code : call.codes()) {
            codes.append(code.toString());
            if (!explained.contains(code.toString())) {
                const ErrorEntry* entry = ErrorCatalog::builtin().byKey(code.toString());
                explained.insert(code.toString(), entry ? QStringLiteral("%1. %2").arg(entry->title, entry->summary)
                                                        : QStringLiteral("not in the error catalogue"));
            }
        }
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                  .arg(i + 1)
                  .arg(HistoryRecord::isoTime(call.timeMs),
                       cell(call.method.isEmpty() ? QStringLiteral("-") : call.method),
                       call.httpStatus ? QString::number(*call.httpStatus) : QStringLiteral("-"), call.verdict,
                       cell(codes.join(QStringLiteral(", "))));
    }
    if (!explained.isEmpty()) {
        md += QStringLiteral("\n## Codes met\n\n");
        for (auto it = explained.cbegin(); it != explained.cend(); ++it)
            md += QStringLiteral("- **%1**: %2\n").arg(it.key(), cell(it.value()));
    }
    return md;
}
