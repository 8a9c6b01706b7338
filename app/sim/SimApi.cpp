#include "SimApi.h"

#include "ErrorCatalog.h"
#include "FaultSpec.h"
#include "JsonWriter.h"
#include "MethodCatalog.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const QByteArray kJson = "application/json";

QByteArray gatewayPage(int status)
{
    // What an nginx or Cloudflare front end sends when the API behind it fails.
    const QByteArray title = QByteArray::number(status) + ' ' + HttpResponse::reasonPhrase(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
           "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

// The plain-text answer the real service gives to unknown credentials (docs/design.md, Simulator).
QByteArray unauthorizedText()
{
    const ErrorEntry* entry = ErrorCatalog::builtin().byKey(QStringLiteral("http_401_text"));
    if (entry && !entry->message.isEmpty())
        return entry->message.toUtf8();
    if (entry && entry->example.isString() && !entry->example.toString().isEmpty())
        return entry->example.toString().toUtf8();
    return HttpResponse::reasonPhrase(401);
}

QString credential(const QByteArray& query, const QJsonObject& header, const QString& name)
{
    QString fromQuery = SimApi::queryValue(query, name.toLatin1());
    if (!fromQuery.isEmpty())
        return fromQuery;
    // The legacy `header` object of the vendor's PHP samples.
    return SimCall::storedValue(header.value(name)).value_or(QString());
}

QByteArray idJsonOf(const QJsonObject& envelope)
{
    const QJsonValue id = envelope.value(QStringLiteral("id"));
    if (id.isUndefined())
        return "null";
    if (id.isString()) { // the common case, without a JsonWriter
        QByteArray json;
        JsonWriter::appendString(json, id.toString());
        return json;
    }
    return JsonWriter::toJson(id);
}

QByteArray envelope(const QByteArray& result, const QByteArray& error, const QByteArray& idJson,
                    std::optional<bool> hasMore, const QByteArray& usage = QByteArray())
{
    QByteArray body;
    body.reserve(result.size() + error.size() + idJson.size() + usage.size() + 48);
    body += "{\"result\":";
    body += result;
    body += ",\"error\":";
    body += error;
    body += ",\"id\":";
    body += idJson;
    if (hasMore)
        body += *hasMore ? ",\"hasMore\":true" : ",\"hasMore\":false";
    body += usage;
    body += '}';
    return body;
}

// ,"callCount":"N","queryLimit":"M": the account's calls today and its daily quota, as strings
// (what the service sends).
QByteArray usageMembers(int callCount, int queryLimit)
{
    return ",\"callCount\":\"" + QByteArray::number(callCount) + "\",\"queryLimit\":\"" +
           QByteArray::number(queryLimit) + '"';
}
} // namespace

SimApi::SimApi(const SimConfig& config, const SimClock* clock)
    : m_config(config)
    , m_clock(clock)
    , m_store(std::make_unique<SimStore>(config, clock))
    , m_limiter(config.perSecond, config.daily, clock)
{}

void SimApi::setBatchShape(SimConfig::BatchShape shape)
{
    m_config.batchShape = shape;
    m_store->setBatchShape(shape);
}

SimApi::~SimApi() = default;

QString SimApi::queryValue(const QByteArray& query, QByteArrayView name)
{
    // Scanned in place: the three lookups per request cost less than building a map.
    auto decode = [](QByteArrayView raw) {
        if (!raw.contains('%') && !raw.contains('+'))
            return QString::fromUtf8(raw);
        QByteArray bytes = raw.toByteArray();
        bytes.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
    };
    QString value;
    qsizetype pos = 0;
    while (pos < query.size()) {
        qsizetype amp = query.indexOf('&', pos);
        if (amp < 0)
            amp = query.size();
        const QByteArrayView pair(query.constData() + pos, amp - pos);
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView key = eq < 0 ? pair : pair.first(eq);
        const bool plainKey = !key.contains('%') && !key.contains('+');
        if (plainKey ? key == name : decode(key) == QString::fromUtf8(name)) {
            value = eq < 0 ? QString(QLatin1String("")) : decode(pair.sliced(eq + 1));
        }
        pos = amp + 1;
    }
    return value;
}

QByteArray SimApi::errorBody(int code, const QJsonValue& data, const QByteArray& idJson)
{
    return envelope("null", SimCall::errorJson(code, data), idJson, std::nullopt);
}

SimReply SimApi::handle(const HttpRequest& request)
{
    SimReply reply;
    SimLogEntry& log = reply.log;
    log.timeMs = m_clock->nowMs();
    log.httpMethod = QString::fromLatin1(request.method);
    log.path = QString::fromUtf8(request.path);
    HttpResponse& response = reply.response;

    // Routing: the two endpoints, trailing slash optional.
    const QByteArray& path = request.path;
    bool utc = false;
    if (path == "/pubapi/v1.2/" || path == "/pubapi/v1.2") {
        utc = true;
    } else if (path != "/pubapi/v1/" && path != "/pubapi/v1") {
        response = HttpResponse::text(404, "Not found: the simulator answers POST /pubapi/v1/ and /pubapi/v1.2/\n");
        log.httpStatus = 404;
        return reply;
    }
    if (request.method != "POST") {
        response = HttpResponse::text(404, "Not found: the API only answers POST requests (JSON envelope in the "
                                           "body)\n");
        log.httpStatus = 404;
        return reply;
    }

    const QByteArray& query = request.query;

    // Fault injection: the header wins over the query parameter.
    FaultSpec fault;
    QString faultText = QString::fromUtf8(request.header("x-simulator-fault"));
    if (faultText.trimmed().isEmpty())
        faultText = queryValue(query, "simFault");
    if (!faultText.trimmed().isEmpty()) {
        QString error;
        if (!FaultSpec::parse(faultText, &fault, &error)) {
            response = HttpResponse::text(400, "X-Simulator-Fault: " + error.toUtf8() + '\n');
            log.httpStatus = 400;
            return reply;
        }
        log.fault = fault.toString();
        reply.latencyMs = fault.latencyMs;
        reply.truncate = fault.truncate;
        reply.drop = fault.drop;
    }
    if (fault.drop) {
        log.httpStatus = 0;
        return reply;
    }
    if (fault.httpStatus) {
        response.status = fault.httpStatus;
        response.contentType = "text/html";
        response.body = gatewayPage(fault.httpStatus);
        log.httpStatus = fault.httpStatus;
        return reply;
    }
    if (fault.notJson) {
        // A body that is not JSON with status 200, as seen during bursts.
        response.contentType = "text/html; charset=UTF-8";
        response.body = "Service temporarily unavailable, try again in a few minutes\n";
        log.httpStatus = 200;
        return reply;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const bool isObject = document.isObject();
    const QJsonObject env = document.object();
    const QByteArray idJson = idJsonOf(env);
    if (isObject)
        log.method = env.value(QStringLiteral("method")).toString();
    response.contentType = kJson;
    response.status = 200;
    log.httpStatus = 200;
    QByteArray usage; // set once the account is known
    auto apiError = [&](int code, const QJsonValue& data = QJsonObject()) {
        response.body = envelope("null", SimCall::errorJson(code, data), idJson, std::nullopt, usage);
        log.code = code;
        return reply;
    };

    if (fault.code) {
        // Object-level codes fail every object of a batch call; the others replace the answer.
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(fault.code);
        const MethodSpec* spec = MethodCatalog::builtin().byName(log.method);
        const QJsonArray objects =
            env.value(QStringLiteral("params")).toObject().value(QStringLiteral("objects")).toArray();
        if (entry && entry->level == QLatin1String("object") && spec && spec->batch && !objects.isEmpty()) {
            const QByteArray error = SimCall::errorJson(fault.code, QJsonArray());
            const QByteArray item = SimCall::failedItemJson(fault.code, QJsonArray(), m_config.batchShape);
            QByteArray items;
            QByteArray errors;
            for (qsizetype i = 0; i < objects.size(); ++i) {
                if (i) {
                    items += ',';
                    errors += ',';
                }
                items += item;
                errors += error;
            }
            QByteArray result = "{";
            JsonWriter::appendString(result, spec->resultKey);
            result += ":[" + items + "]}";
            const bool documented = m_config.batchShape == SimConfig::BatchShape::Documented;
            response.body =
                envelope(result, documented ? QByteArray("null") : '[' + errors + ']', idJson, std::nullopt);
            log.objectErrors = int(objects.size());
            return reply;
        }
        QJsonObject data;
        data.insert(QStringLiteral("simulatorFault"), fault.toString());
        return apiError(fault.code, data);
    }

    // 203: a legacy `header` that is not a hash (the vendor samples send an object).
    const QJsonValue headerValue = env.value(QStringLiteral("header"));
    if (isObject && !headerValue.isUndefined() && !headerValue.isObject() &&
        !(headerValue.isArray() && headerValue.toArray().isEmpty()))
        return apiError(203, QJsonObject{{QStringLiteral("reason"), QStringLiteral("`header` must be a hash of "
                                                                                   "accountID and secretKey")}});
    const QJsonObject header = headerValue.toObject();

    // Credentials: query string first, then the legacy header object.
    const QString accountId = credential(query, header, QStringLiteral("accountID"));
    const QString secretKey = credential(query, header, QStringLiteral("secretKey"));
    log.account = accountId;
    if (accountId.isEmpty())
        return apiError(103);
    if (secretKey.isEmpty())
        return apiError(104);
    SimCompany* company = m_store->companyByAccount(accountId);
    if (!company) {
        // The real service answers unknown accounts with a plain-text 401, not JSON.
        response.status = 401;
        response.contentType = "text/plain; charset=utf-8";
        response.body = unauthorizedText();
        response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"SharpSpring\"")));
        log.httpStatus = 401;
        return reply;
    }
    if (company->secretKey != secretKey)
        return apiError(105);

    const RateLimiter::Verdict verdict = m_limiter.admit(accountId);
    usage = usageMembers(m_limiter.usedToday(accountId), m_config.daily);
    switch (verdict) {
    case RateLimiter::Verdict::DailyExceeded:
        return apiError(106, QJsonObject{{QStringLiteral("limit"), m_limiter.daily()}});
    case RateLimiter::Verdict::PerSecondExceeded:
        return apiError(107, QJsonObject{{QStringLiteral("limit"), m_limiter.perSecond()}});
    case RateLimiter::Verdict::Allowed:
        break;
    }

    // The envelope.
    if (!isObject) {
        QJsonObject data;
        data.insert(QStringLiteral("reason"), request.body.trimmed().isEmpty()
                                                  ? QStringLiteral("empty body")
                                                  : (parseError.error != QJsonParseError::NoError
                                                         ? QStringLiteral("not JSON: %1 at offset %2")
                                                               .arg(parseError.errorString())
                                                               .arg(parseError.offset)
                                                         : QStringLiteral("the body must be a JSON object")));
        return apiError(101, data);
    }
    if (!env.contains(QStringLiteral("id")) || env.value(QStringLiteral("id")).isNull())
        return apiError(102);
    // 201 for what PHP's empty() calls empty; any other value is looked up as a name (204).
    const QJsonValue methodValue = env.value(QStringLiteral("method"));
    QString methodName =
        methodValue.isString() ? methodValue.toString() : SimCall::storedValue(methodValue).value_or(QString());
    if (methodValue.isArray() || methodValue.isObject())
        methodName = QString::fromUtf8(JsonWriter::toJson(methodValue));
    const bool emptyMethod = methodValue.isUndefined() || methodValue.isNull() || methodName.isEmpty() ||
                             methodName == QLatin1String("0") || (methodValue.isBool() && !methodValue.toBool()) ||
                             methodName == QLatin1String("[]") || methodName == QLatin1String("{}");
    if (emptyMethod)
        return apiError(201);
    const MethodSpec* spec = MethodCatalog::builtin().byName(methodName);
    if (!spec) {
        QJsonObject data;
        data.insert(QStringLiteral("method"), methodName);
        const QStringList close = MethodCatalog::builtin().closestNames(methodName, 3);
        if (!close.isEmpty())
            data.insert(QStringLiteral("didYouMean"), QJsonArray::fromStringList(close));
        return apiError(204, data);
    }
    const QJsonValue paramsValue = env.value(QStringLiteral("params"));
    if (paramsValue.isUndefined() || paramsValue.isNull() || !(paramsValue.isObject() || paramsValue.isArray()))
        return apiError(202);
    if (paramsValue.isArray() && !paramsValue.toArray().isEmpty())
        return apiError(205, QJsonObject{{QStringLiteral("reason"), QStringLiteral("`params` must be a hash of named "
                                                                                   "parameters, not a list")}});

    SimCall call(*m_store, *company, *spec, paramsValue.toObject(), utc);
    if (call.validateParams()) {
        if (const SimHandler* handler = SimMethods::instance().find(methodName)) {
            (*handler)(call);
        } else {
            // Known only by name (methods.json documented=false): accepted, with an empty result.
            call.succeed("{}");
            call.notes << QStringLiteral("%1 is known by name only; the simulator accepts it and returns an empty "
                                         "result")
                              .arg(methodName);
        }
    }
    if (call.failed())
        return apiError(call.apiError(), call.apiErrorData());

    QByteArray error;
    switch (call.successError()) {
    case SimCall::SuccessError::Null:
        error = "null";
        break;
    case SimCall::SuccessError::EmptyArray:
        error = "[]";
        break;
    case SimCall::SuccessError::ObjectErrors:
        error = call.objectErrorsJson();
        break;
    }
    response.body = envelope(call.resultJson(), error, idJson, call.hasMore(), usage);
    log.objectErrors = call.objectErrorCount();
    if (!call.notes.isEmpty()) {
        QByteArray note = call.notes.join(QStringLiteral(" | ")).toUtf8();
        note.replace('\r', ' ');
        note.replace('\n', ' ');
        response.headers.append(qMakePair(QByteArray("X-Simulator-Note"), note));
    }
    return reply;
}
