#include "RequestFile.h"

#include "HeaderLines.h"
#include "JsonIndex.h"
#include "Redactor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonParseError>
#include <QSaveFile>

namespace {
// Files larger than this are not request files (a request body is a few kB; the API takes at
// most 500 objects).
constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;

QString strippedWarning(const QStringList& paths, bool saving)
{
    return saving ? QStringLiteral("The secret key (%1) was not written to the file: secrets are kept in the "
                                   "keychain only.")
                        .arg(paths.join(QStringLiteral(", ")))
                  : QStringLiteral("The file contained a secret key (%1); it was removed and not loaded. Enter the "
                                   "key in the secret field instead, and delete the file's copy.")
                        .arg(paths.join(QStringLiteral(", ")));
}
// The bytes of the root object's member `key` as they are in `data` (already known to be valid).
QByteArray verbatimMember(const QByteArray& data, QLatin1String key)
{
    const JsonIndex index = JsonIndex::fromBytes(data);
    const JsonIndex::NodeId node = index.isValid() ? index.member(index.root(), key) : JsonIndex::npos;
    if (node == JsonIndex::npos)
        return {};
    return index.raw(node).toByteArray();
}
} // namespace

QByteArray RequestFile::toJson(QStringList* warnings) const
{
    // Written by hand rather than through QJsonObject: the envelope goes in verbatim, so key
    // order and number literals beyond double precision (18-digit ids) survive a save and open.
    const auto jsonString = [](const QString& text) {
        return QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    };
    QByteArray file =
        "{\n    \"format\": " + jsonString(formatName()) + ",\n    \"version\": " + QByteArray::number(kVersion) +
        ",\n    \"environment\": " + jsonString(environment) + ",\n    \"accountID\": " + jsonString(accountId) + ",\n";
    if (!headers.isEmpty()) {
        QJsonObject object;
        for (const ApiRequest::Header& header : headers) {
            const QString name = QString::fromLatin1(header.first);
            if (HeaderLines::isCredentialName(name)) {
                if (warnings)
                    warnings->append(strippedWarning({QStringLiteral("header %1").arg(name)}, true));
                continue;
            }
            const QString value = QString::fromUtf8(header.second);
            const QString redacted = Redactor::redactText(value);
            if (redacted != value && warnings)
                warnings->append(strippedWarning({QStringLiteral("header %1").arg(name)}, true));
            object.insert(name, redacted);
        }
        if (!object.isEmpty())
            file += "    \"headers\": " + QJsonDocument(object).toJson(QJsonDocument::Compact) + ",\n";
    }
    if (auto parsed = envelope()) {
        QStringList paths;
        parsed->takeSecrets(&paths);
        if (!paths.isEmpty() && warnings)
            warnings->append(strippedWarning(paths, true));
        // A secret had to be removed: the envelope is rewritten without it (its order may change).
        const QByteArray request =
            paths.isEmpty() ? body.trimmed() : QJsonDocument(parsed->object()).toJson(QJsonDocument::Compact);
        file += "    \"request\": " + request + "\n}\n";
    } else {
        const QString text = QString::fromUtf8(body);
        const QString redacted = Redactor::redactText(text);
        if (redacted != text && warnings)
            warnings->append(strippedWarning({QStringLiteral("secretKey in the body text")}, true));
        file += "    \"body\": " + jsonString(redacted) + "\n}\n";
    }
    return file;
}

bool RequestFile::save(const QString& path, QString* error, QStringList* warnings) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(toJson(warnings));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<RequestFile> RequestFile::fromJson(const QByteArray& input, QString* error, QStringList* warnings)
{
    // A UTF-8 byte order mark (editors on Windows write one) is not part of the request: kept,
    // it would be saved inside the file's "request" member, where it is not JSON.
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    const auto fail = [&](const QString& message) -> std::optional<RequestFile> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (data.trimmed().isEmpty())
        return fail(QStringLiteral("the file is empty"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(QStringLiteral("not a request file: the JSON is invalid (%1 at %2)")
                        .arg(parseError.errorString(), TextPosition::at(data, parseError.offset).toString()));
    }
    if (!document.isObject())
        return fail(QStringLiteral("not a request file: expected a JSON object, found an array"));
    // Qt's parser lets some invalid JSON through (raw control characters inside strings); the
    // strict one the rest of the program reads with would not, and the request would change
    // between opening and saving. Refused here, with the strict parser's words.
    if (const JsonIndex strict = JsonIndex::fromBytes(data); !strict.isValid()) {
        return fail(
            QStringLiteral("not a request file: the JSON is invalid (%1 at %2)")
                .arg(strict.errorMessage(), TextPosition::at(data, qMax<qint64>(0, strict.errorOffset())).toString()));
    }

    QJsonObject root = document.object();
    RequestFile result;
    QStringList paths;
    // Strip every secretKey, wherever it is, before anything else looks at the content.
    RequestEnvelope scrubbed(root);
    scrubbed.takeSecrets(&paths);
    root = scrubbed.object();

    if (root.value(QLatin1String("format")).toString() == formatName()) {
        const int version = root.value(QLatin1String("version")).toInt(0);
        if (version < 1)
            return fail(QStringLiteral("the request file has no valid \"version\""));
        if (version > kVersion)
            return fail(QStringLiteral("the request file has version %1, written by a newer leadgen-diag (this one "
                                       "reads version %2)")
                            .arg(version)
                            .arg(kVersion));
        result.environment = root.value(QLatin1String("environment")).toString();
        result.accountId = root.value(QLatin1String("accountID")).toString();
        const QJsonValue headers = root.value(QLatin1String("headers"));
        if (!headers.isUndefined() && !headers.isObject())
            return fail(QStringLiteral("\"headers\" must be an object of \"Name\": \"value\" pairs"));
        const QJsonObject headerObject = headers.toObject();
        for (auto it = headerObject.begin(); it != headerObject.end(); ++it) {
            if (!it.value().isString())
                return fail(QStringLiteral("the header %1 must have a text value").arg(it.key()));
            if (!HeaderLines::isValidName(it.key()))
                return fail(QStringLiteral("“%1” is not a valid header name").arg(it.key().left(40)));
            if (HeaderLines::isCredentialName(it.key())) {
                paths << QStringLiteral("$.headers.%1").arg(it.key());
                continue;
            }
            const QString value = it.value().toString();
            const QString redacted = Redactor::redactText(value);
            if (redacted != value)
                paths << QStringLiteral("$.headers.%1").arg(it.key());
            result.headers.append({it.key().toLatin1(), redacted.toUtf8()});
        }
        const QJsonValue request = root.value(QLatin1String("request"));
        const QJsonValue body = root.value(QLatin1String("body"));
        if (request.isObject()) {
            // The envelope exactly as written (order, big numbers) unless a secret was removed.
            result.body = paths.isEmpty() ? verbatimMember(data, QLatin1String("request"))
                                          : QJsonDocument(request.toObject()).toJson(QJsonDocument::Compact);
        } else if (body.isString()) {
            const QString text = body.toString();
            const QString redacted = Redactor::redactText(text);
            if (redacted != text)
                paths << QStringLiteral("$.body (secretKey in the text)");
            result.body = redacted.toUtf8();
        } else {
            return fail(QStringLiteral("the request file has neither a \"request\" object nor a \"body\" text"));
        }
    } else {
        const bool hasRequestKeys = root.contains(QLatin1String("method")) || root.contains(QLatin1String("params"));
        const bool hasResponseKeys = root.contains(QLatin1String("result")) || root.contains(QLatin1String("error"));
        if (!hasRequestKeys && hasResponseKeys)
            return fail(QStringLiteral("this is a response (it has \"result\"/\"error\"), not a request: open it in "
                                       "the inspector (leadgen-diag inspect FILE)"));
        if (!hasRequestKeys)
            return fail(QStringLiteral("not a request: a request has \"method\", \"params\" and \"id\""));
        result.body = paths.isEmpty() ? data.trimmed() : QJsonDocument(root).toJson(QJsonDocument::Compact);
    }
    if (!paths.isEmpty() && warnings)
        warnings->append(strippedWarning(paths, false));
    return result;
}

std::optional<RequestFile> RequestFile::load(const QString& path, QString* error, QStringList* warnings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxFileSize) {
        if (error)
            *error = QStringLiteral("%1 is %2 MB, too big for a request file").arg(path).arg(file.size() / 1000000);
        return std::nullopt;
    }
    return fromJson(file.readAll(), error, warnings);
}
