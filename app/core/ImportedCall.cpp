#include "ImportedCall.h"

#include "CallCapture.h"
#include "Diagnosis.h"
#include "HistoryRecord.h"
#include "JsonIndex.h"
#include "Redactor.h"
#include "RequestEnvelope.h"
#include "ResponseAnalyzer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <cstring>

namespace {

// The values of every secretKey in text: query (`secretKey=V`, `=` maybe encoded) and JSON
// members. Collected so that the same value is masked wherever else the file repeats it.
void collectSecrets(const QString& text, QSet<QString>* secrets)
{
    if (!text.contains(QLatin1String("secretkey"), Qt::CaseInsensitive))
        return;
    static const QRegularExpression query(QStringLiteral(R"(secretKey(?:=|%3D)([^&#\s'"<>\\;,]+))"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression json(QStringLiteral(R"re("secretKey"\s*:\s*"((?:[^"\\]|\\.)+)")re"),
                                         QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpression* re : {&query, &json}) {
        auto it = re->globalMatch(text);
        while (it.hasNext()) {
            const QString value = it.next().captured(1);
            if (!Redactor::isMask(value))
                secrets->insert(value);
        }
    }
}

bool isSecretHeader(const QByteArray& name)
{
    return name.toLower().replace('-', "").replace('_', "").contains("secretkey");
}

QString scrub(const QString& text, const QSet<QString>& secrets)
{
    QString clean = Redactor::redactText(text);
    for (const QString& secret : secrets)
        clean = Redactor::redactSecret(clean, secret);
    return clean;
}

QByteArray scrubBytes(const QByteArray& bytes, const QSet<QString>& secrets, bool* changed)
{
    if (bytes.isEmpty())
        return bytes;
    bool needed = ImportedCall::mayCarrySecret(bytes.constData(), bytes.size());
    for (const QString& secret : secrets) {
        if (!needed && bytes.contains(secret.toUtf8()))
            needed = true;
    }
    if (!needed)
        return bytes;
    const QString text = QString::fromUtf8(bytes);
    const QString clean = scrub(text, secrets);
    if (clean == text)
        return bytes;
    *changed = true;
    return clean.toUtf8();
}

} // namespace

bool ImportedCall::mayCarrySecret(const char* data, qint64 size)
{
    // "secretkey" in any case (what Redactor masks), found from its 'k': memchr is vectorised and
    // a 'k' is rare in API traffic, so this stays cheap on every line of a log of gigabytes.
    const auto precededBySecret = [data](qint64 k) {
        static const char secret[] = "secret";
        if (k < 6)
            return false;
        for (int j = 0; j < 6; ++j) {
            if ((data[k - 6 + j] | 0x20) != secret[j])
                return false;
        }
        return true;
    };
    for (const char letter : {'k', 'K'}) {
        const char* from = data;
        const char* end = data + size;
        while (from < end) {
            const char* hit = static_cast<const char*>(memchr(from, letter, size_t(end - from)));
            if (!hit)
                break;
            if (precededBySecret(hit - data))
                return true;
            from = hit + 1;
        }
    }
    return false;
}

bool ImportedCall::isApiCall() const
{
    if (!httpMethod.isEmpty() && httpMethod.compare(QLatin1String("POST"), Qt::CaseInsensitive) != 0)
        return false;
    return url.isEmpty() || url.contains(QLatin1String("/pubapi/v1"), Qt::CaseInsensitive);
}

QString ImportedCall::apiMethod() const
{
    if (requestBody.isEmpty())
        return {};
    const std::optional<RequestEnvelope> envelope = RequestEnvelope::parse(requestBody);
    return envelope ? envelope->method() : QString();
}

void ImportedCall::maskSecrets()
{
    QSet<QString> secrets;
    collectSecrets(url, &secrets);
    for (const QList<Header>* headers : {&requestHeaders, &responseHeaders}) {
        for (const Header& header : *headers) {
            if (isSecretHeader(header.first) && !header.second.isEmpty() &&
                !Redactor::isMask(QString::fromUtf8(header.second)))
                secrets.insert(QString::fromUtf8(header.second));
            else if (mayCarrySecret(header.second.constData(), header.second.size()))
                collectSecrets(QString::fromUtf8(header.second), &secrets);
        }
    }
    if (mayCarrySecret(requestBody.constData(), requestBody.size()))
        collectSecrets(QString::fromUtf8(requestBody), &secrets);
    if (mayCarrySecret(responseBody.constData(), responseBody.size()))
        collectSecrets(QString::fromUtf8(responseBody), &secrets);

    bool changed = false;
    if (!url.isEmpty()) {
        const QString clean = scrub(url, secrets);
        changed = changed || clean != url;
        url = clean;
    }
    for (QList<Header>* headers : {&requestHeaders, &responseHeaders}) {
        for (Header& header : *headers) {
            if (isSecretHeader(header.first) && !header.second.isEmpty() &&
                !Redactor::isMask(QString::fromUtf8(header.second))) {
                header.second = Redactor::mask().toUtf8();
                changed = true;
            } else {
                header.second = scrubBytes(header.second, secrets, &changed);
            }
        }
    }
    requestBody = scrubBytes(requestBody, secrets, &changed);
    const QByteArray response = scrubBytes(responseBody, secrets, &changed);
    if (response.constData() != responseBody.constData())
        responseIndex.reset();
    responseBody = response;
    secretMasked = secretMasked || changed || !secrets.isEmpty();
}

Diagnosis ImportedCall::diagnose() const
{
    ResponseAnalyzer::Context context;
    context.httpStatus = httpStatus;
    context.headers = responseHeaders;
    if (!requestBody.isEmpty()) {
        const QJsonDocument request = QJsonDocument::fromJson(requestBody);
        if (request.isObject())
            context.request = request.object();
    }
    static const ResponseAnalyzer analyzer;
    if (responseIndex)
        return analyzer.analyze(*responseIndex, context);
    return analyzer.analyze(responseBody, context);
}

CallCapture ImportedCall::toCapture() const
{
    CallCapture capture;
    capture.displayUrl = url;
    capture.requestBody = requestBody;
    capture.requestHeaders = requestHeaders;
    if (timeMs >= 0)
        capture.startedAt = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    capture.totalMs = elapsedMs;
    capture.bytesSent = requestBody.size();
    capture.hasResponse = httpStatus.has_value() || !responseBody.isEmpty();
    capture.httpStatus = httpStatus.value_or(200);
    capture.responseHeaders = responseHeaders;
    capture.body = responseBody;
    capture.bodySize = responseBody.size();
    capture.bytesReceived = responseBody.size();
    if (capture.hasResponse && (capture.httpStatus < 200 || capture.httpStatus > 299))
        capture.layer = FailureLayer::HttpStatus;
    return capture;
}

HistoryRecord ImportedCall::toRecord(const Diagnosis* diagnosis) const
{
    const CallCapture capture = toCapture();
    QString account;
    if (!url.isEmpty())
        account =
            QUrl(url).query(QUrl::FullyDecoded).section(QLatin1String("accountID="), 1).section(QLatin1Char('&'), 0, 0);
    HistoryRecord record = HistoryRecord::fromCall(capture, responseBody, diagnosis, QStringLiteral("import"), account,
                                                   QStringLiteral("import"), QString(), -1);
    return record;
}
