#include "SendCommand.h"

#include "ApiClient.h"
#include "BulkSend.h"
#include "Diagnosis.h"
#include "EmbeddedSimulator.h"
#include "EnvironmentStore.h"
#include "HeaderLines.h"
#include "HistoryRecorder.h"
#include "HistorySettings.h"
#include "JsonIndex.h"
#include "NetworkSettings.h"
#include "Platform.h"
#include "Redactor.h"
#include "RequestFile.h"
#include "ResponseAnalyzer.h"
#include "SecretStore.h"
#include "TlsDetails.h"
#include "TrustStore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTextStream>
#include <QUrlQuery>

#include <memory>

namespace {
constexpr int kMaxTimeoutMs = 60 * 60 * 1000;
// The terminal gets at most this much of a body; --json always carries all of it.
constexpr qsizetype kMaxPrintedBody = 64 * 1024;

// Where the request goes and with which credentials.
struct Target
{
    QString environmentName; // empty for --endpoint
    QString environmentId;
    bool simulator = false;
    QUrl endpoint;
    QString accountId;
    QString secret;
    QStringList trustedCertificates;
    QStringList caCertificateFiles;
};

QString bytesText(qint64 bytes)
{
    return QLocale::c().toString(bytes) + (bytes == 1 ? QStringLiteral(" byte") : QStringLiteral(" bytes"));
}

bool isSecretOption(const QString& arg)
{
    const QString name = arg.section(QLatin1Char('='), 0, 0).toLower();
    return name == QLatin1String("--secret") || name == QLatin1String("--secret-key") ||
           name == QLatin1String("--secretkey") || name == QLatin1String("--key");
}

// The request as echoed in the output: JSON with every secretKey masked, or masked text.
QJsonValue redactedRequest(const QByteArray& body)
{
    if (const auto envelope = RequestEnvelope::parse(body))
        return Redactor::redactJson(envelope->object());
    return Redactor::redactText(QString::fromUtf8(body));
}

// The response as JSON when it is JSON, else as text; any literal copy of the secret masked (a
// server that echoes the query string must not make us print the key).
QJsonValue responseValue(const QByteArray& body, const QString& secret)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !document.isNull()) {
        const QString text = QString::fromUtf8(body);
        const QString masked = Redactor::redactSecret(text, secret);
        if (masked == text)
            return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        return masked;
    }
    return Redactor::redactSecret(QString::fromUtf8(body), secret);
}

// Last line of defence before anything is printed: every literal copy of the secret (as is,
// percent-encoded, JSON-escaped) becomes the mask, whatever part of the output quotes it (a
// response that echoes the key, a diagnosis quoting such a value, a Qt message).
QString maskSecret(const QString& text, const QString& secret)
{
    QString result = Redactor::redactSecret(text, secret);
    if (secret.size() >= 4) {
        QString escaped = QString::fromUtf8(QJsonDocument(QJsonArray{secret}).toJson(QJsonDocument::Compact));
        escaped = escaped.mid(2, escaped.size() - 4); // strip ["  "]
        if (escaped != secret)
            result.replace(escaped, Redactor::mask());
    }
    return result;
}

void writeHuman(QTextStream& out, const CallCapture& capture, const QString& environmentName, const QByteArray& body,
                const QString& readError, const std::optional<Diagnosis>& diagnosis)
{
    out << "POST " << capture.displayUrl;
    if (!environmentName.isEmpty())
        out << "  (" << environmentName << ")";
    out << '\n';
    if (!capture.hasResponse) {
        out << "No HTTP response — " << failureLayerTitle(capture.layer) << " after " << capture.totalMs << " ms\n"
            << capture.explanation << '\n';
        return;
    }
    out << "HTTP " << capture.httpStatus;
    if (!capture.reasonPhrase.isEmpty())
        out << ' ' << capture.reasonPhrase;
    out << " · " << capture.totalMs << " ms";
    if (capture.firstByteMs >= 0)
        out << " (first byte after " << capture.firstByteMs << " ms)";
    out << " · " << bytesText(capture.bytesSent) << " sent, " << bytesText(capture.bytesReceived) << " received\n";
    if (capture.tlsTrustedByUser)
        out << "TLS: certificate " << capture.peerCertificate.colonFingerprint()
            << " accepted because you trust it for this environment\n";
    out << '\n';
    QString text = QString::fromUtf8(body);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && !document.isNull())
        text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    if (text.size() > kMaxPrintedBody) {
        out << text.left(kMaxPrintedBody) << "\n… (" << bytesText(body.size())
            << " in all; --json prints the whole body)\n";
    } else {
        out << text;
        if (!text.endsWith(QLatin1Char('\n')))
            out << '\n';
    }
    if (!readError.isEmpty())
        out << readError << '\n';
    if (capture.layer != FailureLayer::None)
        out << '\n' << failureLayerTitle(capture.layer) << ": " << capture.explanation << '\n';
    if (diagnosis)
        out << '\n' << diagnosis->toText();
}
QString simulatorSecret(const SimConfig& config, const QString& accountId)
{
    if (accountId == config.agencyAccountId)
        return config.agencySecretKey;
    if (accountId == config.resellerAccountId)
        return config.resellerSecretKey;
    return config.secretKey;
}
} // namespace

CliCommandDoc SendCommand::doc() const
{
    CliCommandDoc d;
    d.summary = QStringLiteral(
        "Sends a request file (the format the GUI saves) or a bare {method, params, id} envelope and\n"
        "diagnoses the answer: HTTP status, timings, verdict and every finding, with the catalogue's fix.\n"
        "Without --env or --endpoint the request goes to an in-process simulator with demo credentials.");
    d.options = {
        {QStringLiteral("--env NAME"),
         QStringLiteral("send to an environment saved in the GUI (its endpoint and account)"),
         {}},
        {QStringLiteral("--endpoint URL"), QStringLiteral("send to this endpoint instead of an environment"),
         QStringLiteral("the embedded simulator")},
        {QStringLiteral("--account ID"), QStringLiteral("account ID to send in the query string"),
         QStringLiteral("the environment's account")},
        {QStringLiteral("--secret-env VAR"),
         QStringLiteral("read the secret key from environment variable VAR (never from the command line)"),
         QStringLiteral("the keychain entry of the environment")},
        {QStringLiteral("--timeout MS"), QStringLiteral("give up when no complete answer came within MS milliseconds"),
         QStringLiteral("30000")},
        {QStringLiteral("--proxy URL"),
         QStringLiteral("send through this proxy: http://[user@]host[:port] or socks5://[user@]host[:port] (the "
                        "password comes from LEADGEN_PROXY_PASSWORD), or none for a direct connection; loopback "
                        "hosts are never proxied"),
         QStringLiteral("https_proxy, http_proxy, all_proxy and no_proxy, else the system's settings")},
        {QStringLiteral("--cacert FILE"),
         QStringLiteral("also trust the certificate authorities in this PEM file (repeatable), in addition to the "
                        "system's and the environment's"),
         {}},
        {QStringLiteral("--json"),
         QStringLiteral("print one JSON document (request with the secret redacted, url, "
                        "http_status, elapsed_ms, response, failure, tls, diagnosis)"),
         {}},
    };
    d.options += BulkOptions::docs();
    d.examples = {
        QStringLiteral("send request.json"),
        QStringLiteral("send getLeads.json --all-pages --csv leads.csv"),
        QStringLiteral("send createLeads.json --split 250 --json"),
        QStringLiteral("send --objects-csv contacts.csv --method createLeads --results-csv results.csv"),
        QStringLiteral("send request.json --env production --secret-env LEADGEN_SECRET --json"),
        QStringLiteral("send - --endpoint http://127.0.0.1:8080/pubapi/v1.2/ < request.json"),
        QStringLiteral("send request.json --env production --secret-env LEADGEN_SECRET --proxy http://proxy.corp:3128"),
        QStringLiteral("send request.json --env production --secret-env LEADGEN_SECRET --cacert corp-ca.pem"),
    };
    return d;
}

std::optional<SendCommand::Options> SendCommand::parseArguments(const QStringList& args, QString* error)
{
    Options options;
    const auto fail = [&](const QString& message) -> std::optional<Options> {
        *error = message;
        return std::nullopt;
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (isSecretOption(arg)) {
            return fail(QStringLiteral("the secret key is never taken from the command line (it would end up in the "
                                       "shell history and the process list): put it in an environment variable and "
                                       "pass --secret-env VAR, or store it in the keychain from the GUI"));
        }
        // The next argument, unless it is the next option.
        const auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size() || (args.at(i + 1).startsWith(QLatin1String("--")) && args.at(i + 1).size() > 2))
                return std::nullopt;
            return args.at(++i);
        };
        if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--env") || arg == QLatin1String("--endpoint") ||
                   arg == QLatin1String("--account") || arg == QLatin1String("--secret-env") ||
                   arg == QLatin1String("--timeout") || arg == QLatin1String("--proxy") ||
                   arg == QLatin1String("--cacert")) {
            const std::optional<QString> v = value();
            if (!v || v->isEmpty())
                return fail(QStringLiteral("%1 needs a value").arg(arg));
            if (arg == QLatin1String("--env")) {
                options.environment = *v;
            } else if (arg == QLatin1String("--endpoint")) {
                options.endpoint = *v;
            } else if (arg == QLatin1String("--account")) {
                options.account = *v;
            } else if (arg == QLatin1String("--secret-env")) {
                options.secretVariable = *v;
            } else if (arg == QLatin1String("--proxy")) {
                QString why;
                const std::optional<ProxyConfig> proxy = ProxyConfig::fromUrl(*v, &why);
                if (!proxy)
                    return fail(QStringLiteral("--proxy: %1").arg(why));
                options.proxy = *proxy;
            } else if (arg == QLatin1String("--cacert")) {
                options.caCertificateFiles << *v;
            } else {
                bool ok = false;
                const int ms = v->toInt(&ok);
                if (!ok || ms <= 0 || ms > kMaxTimeoutMs)
                    return fail(QStringLiteral("--timeout takes milliseconds between 1 and %1, not “%2”")
                                    .arg(kMaxTimeoutMs)
                                    .arg(*v));
                options.timeoutMs = ms;
            }
        } else if (BulkOptions::isOption(arg)) {
            QString bulkError;
            if (!options.bulk.take(args, &i, &bulkError))
                return fail(bulkError);
        } else if (arg.startsWith(QLatin1String("--"))) {
            return fail(QStringLiteral("unknown option %1").arg(arg));
        } else if (options.input.isEmpty()) {
            options.input = arg;
        } else {
            return fail(QStringLiteral("one request at a time: unexpected “%1” after “%2”").arg(arg, options.input));
        }
    }
    if (const QString bulkProblem = options.bulk.validate(!options.input.isEmpty(), options.json);
        !bulkProblem.isEmpty())
        return fail(bulkProblem);
    if (options.input.isEmpty() && options.bulk.objectsCsv.isEmpty())
        return fail(QStringLiteral("which request? Give a request file, or - to read it from standard input"));
    if (!options.environment.isEmpty() && !options.endpoint.isEmpty())
        return fail(QStringLiteral("--env and --endpoint both say where to send: use one of them"));
    return options;
}

int SendCommand::run(const QStringList& args, CliIo& io)
{
    QString error;
    const std::optional<Options> options = parseArguments(args, &error);
    if (!options)
        return usageError(io, name(), error);

    // --objects-csv builds its request from the CSV: an empty batch of the method to start from.
    const std::optional<QByteArray> input =
        options->input.isEmpty() ? std::optional<QByteArray>(BulkSend::importEnvelope(options->bulk.method))
                                 : readInput(options->input, io);
    if (!input)
        return ExitUsage;
    QStringList warnings;
    const std::optional<RequestFile> file = RequestFile::fromJson(*input, &error, &warnings);
    if (!file) {
        io.err << "leadgen-diag send: "
               << (options->input == QLatin1String("-") ? QStringLiteral("standard input") : options->input) << ": "
               << error << Qt::endl;
        return ExitUsage;
    }

    // Where to send.
    EnvironmentStore store;
    Target target;
    std::unique_ptr<EmbeddedSimulator> simulator; // lives until the call is over
    if (!options->endpoint.isEmpty()) {
        const QUrl url(options->endpoint, QUrl::StrictMode);
        // An accountID in the URL is taken as the account; a secretKey there is refused, since the
        // command line is visible to other users and kept in the shell history.
        QString accountInUrl;
        QUrlQuery query(url);
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto& item : items) {
            if (item.first.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0) {
                return usageError(io, name(),
                                  QStringLiteral("--endpoint must not carry the secretKey (the command "
                                                 "line is visible to other users and kept in the shell "
                                                 "history): pass --secret-env VAR instead"));
            }
            if (item.first.compare(QLatin1String("accountID"), Qt::CaseInsensitive) == 0) {
                accountInUrl = item.second;
                query.removeAllQueryItems(item.first);
            }
        }
        QUrl endpoint = url;
        endpoint.setQuery(query.isEmpty() ? QString() : query.query(QUrl::FullyEncoded));
        const EnvironmentStore::Check check = EnvironmentStore::checkUrl(endpoint, Environment::Kind::Custom, false);
        if (!check.errors.isEmpty())
            return usageError(io, name(), QStringLiteral("--endpoint: ") + check.errors.join(QStringLiteral("; ")));
        if (check.needsAcknowledgement) {
            return usageError(io, name(),
                              QStringLiteral("--endpoint %1 is plain http:// to another computer, which would send the "
                                             "secret key unencrypted: use https://, or define a custom environment in "
                                             "the GUI, acknowledge the warning there and use --env")
                                  .arg(endpoint.toDisplayString()));
        }
        target.endpoint = endpoint;
        target.accountId = accountInUrl;
        // An environment with this URL lends its keychain entry and trusted certificates.
        const QList<Environment> all = store.environments();
        for (const Environment& environment : all) {
            if (!environment.isSimulator() && environment.baseUrl.matches(endpoint, QUrl::StripTrailingSlash)) {
                target.environmentId = environment.id;
                target.environmentName = environment.name;
                target.trustedCertificates = environment.trustedCertificates;
                if (target.accountId.isEmpty())
                    target.accountId = environment.accountId;
                break;
            }
        }
    } else {
        const QString wanted = options->environment.isEmpty() ? EnvironmentStore::simulatorId() : options->environment;
        const std::optional<Environment> environment = store.find(wanted);
        if (!environment) {
            QStringList names;
            const QList<Environment> all = store.environments();
            for (const Environment& e : all)
                names << QStringLiteral("“%1”").arg(e.name);
            return usageError(
                io, name(),
                QStringLiteral("no environment named “%1”; known: %2").arg(wanted, names.join(QStringLiteral(", "))));
        }
        if (environment->isSimulator()) {
            // An in-process simulator with the demo set-up, exactly as the GUI starts it.
            simulator = std::make_unique<EmbeddedSimulator>();
            QString simulatorError;
            if (!simulator->start(SimConfig(), &simulatorError)) {
                io.err << "leadgen-diag send: cannot start the built-in simulator: " << simulatorError << Qt::endl;
                return ExitNoResponse;
            }
            target.simulator = true;
        }
        target.environmentId = environment->id;
        target.environmentName = environment->name;
        target.endpoint = simulator ? simulator->endpoint(apiVersionName(environment->version)) : environment->baseUrl;
        target.accountId =
            environment->accountId.isEmpty() && simulator ? simulator->config().accountId : environment->accountId;
        target.trustedCertificates = environment->trustedCertificates;
        target.caCertificateFiles = environment->caCertificateFiles;
    }
    // The file's account counts only for the environment it was saved for: a production account
    // sent to another environment would only produce an authentication error.
    if (!file->accountId.isEmpty() &&
        (file->environment.isEmpty() || file->environment.compare(target.environmentName, Qt::CaseInsensitive) == 0))
        target.accountId = file->accountId;
    if (!options->account.isEmpty())
        target.accountId = options->account;

    // The secret: an environment variable named on the command line, or the keychain.
    if (!options->secretVariable.isEmpty()) {
        const QByteArray variable = options->secretVariable.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(variable.constData())) {
            return usageError(
                io, name(),
                QStringLiteral("the environment variable %1 (--secret-env) is not set").arg(options->secretVariable));
        }
        target.secret = qEnvironmentVariable(variable.constData());
    } else if (simulator) {
        // The demo secrets are public by design; an account the simulator does not know gets the
        // main one and, like the real service, an HTTP 401.
        target.secret = simulatorSecret(simulator->config(), target.accountId);
    } else if (!target.environmentId.isEmpty() && !target.accountId.isEmpty()) {
        SecretStore secrets;
        QString why;
        const std::optional<QString> secret =
            secrets.readBlocking(SecretStore::keyFor(target.environmentId, target.accountId), &why);
        if (!secret) {
            return usageError(io, name(),
                              QStringLiteral("no secret key for account %1 in “%2” (%3): put it in an environment "
                                             "variable and pass --secret-env VAR, or save it in the GUI with Remember")
                                  .arg(target.accountId, target.environmentName, why));
        }
        target.secret = *secret;
    } else if (target.accountId.isEmpty()) {
        return usageError(io, name(),
                          QStringLiteral("no account ID: pass --account ID (or save one with the environment)"));
    } else {
        return usageError(
            io, name(),
            QStringLiteral("no secret key for %1: pass --secret-env VAR").arg(target.endpoint.toDisplayString()));
    }

    // Warnings and notes only once the command is sure to send: a usage error stays one line.
    for (const QString& warning : std::as_const(warnings))
        io.err << "leadgen-diag send: warning: " << warning << Qt::endl;
    if (!file->environment.isEmpty() && !target.environmentName.isEmpty() &&
        file->environment.compare(target.environmentName, Qt::CaseInsensitive) != 0) {
        io.err << "leadgen-diag send: note: the file was saved for “" << file->environment << "”; sending to “"
               << target.environmentName << "” as asked" << Qt::endl;
    }

    // The file's extra headers go through the same checks as the composer's Headers tab (the GUI
    // loads them there before sending): a transport header or the secret in a value is refused.
    const HeaderLines::Result extraHeaders = HeaderLines::parse(HeaderLines::format(file->headers), target.secret);
    if (!extraHeaders.ok()) {
        QStringList problems;
        for (const HeaderLines::Problem& problem : extraHeaders.problems)
            problems << problem.message;
        return usageError(io, name(),
                          QStringLiteral("the request file's headers: %1").arg(problems.join(QStringLiteral("; "))));
    }

    ApiRequest request;
    request.endpoint = target.endpoint;
    request.headers = extraHeaders.headers;
    request.accountId = target.accountId;
    request.secretKey = target.secret;
    request.body = file->body;
    request.timeoutMs = options->timeoutMs;
    request.trustedCertificates = target.trustedCertificates;
    QString caError;
    const std::optional<QList<QSslCertificate>> authorities =
        TrustStore::loadPemFiles(target.caCertificateFiles + options->caCertificateFiles, &caError);
    if (!authorities)
        return usageError(io, name(), caError);
    request.caCertificates = *authorities;

    // Proxies (--proxy, https_proxy and no_proxy, the system's) apply to real servers, never to
    // this computer (docs/design.md, Network settings and packaging).
    ProxyConfig proxy = options->proxy;
    if (proxy.mode == ProxyConfig::Mode::Manual && !proxy.user.isEmpty())
        proxy.password = qEnvironmentVariable("LEADGEN_PROXY_PASSWORD");

    // Bulk runs (docs/design.md, Bulk work); a single call of a batch too big for one call is
    // refused before sending.
    if (options->bulk.any()) {
        BulkSend::Context context{
            request,          file->body,    target.environmentName,
            target.accountId, target.secret, target.simulator || Environment::isLoopbackHost(target.endpoint.host()),
            options->json,    proxy};
        return BulkSend::run(options->bulk, context, io);
    }
    if (const int refused = BulkSend::refuseOversizedBatch(file->body, options->json, io); refused >= 0)
        return refused;

    QNetworkAccessManager network;
    NetworkSettings::configure(network, proxy, QProcessEnvironment::systemEnvironment());
    ApiClient client(&network);
    CallCapture capture;
    QEventLoop loop;
    QObject::connect(&client, &ApiClient::finished, &loop, [&](const CallCapture& finished) {
        capture = finished;
        loop.quit();
    });
    // Ctrl+C or kill: cancel the call and return normally, so that the spill file of a big
    // response (held by the capture) is removed like on any other exit. Until the command
    // returns, the signals only end the call.
    bool interrupted = false;
    const Platform::StopSignalWatcher stopSignals([&] {
        interrupted = true;
        if (client.isRunning())
            client.cancel();
        loop.quit();
    });
    client.send(request);
    if (client.isRunning())
        loop.exec();
    if (interrupted) {
        io.err << "leadgen-diag send: interrupted; no response is shown" << Qt::endl;
        return ExitNoResponse;
    }

    QString readError;
    const QByteArray body = capture.hasResponse ? capture.readBody(&readError) : QByteArray();

    // The diagnosis (the inspect object of docs/design.md, Command line), for every response that arrived.
    std::optional<Diagnosis> diagnosis;
    if (capture.hasResponse) {
        ResponseAnalyzer::Context context;
        context.httpStatus = capture.httpStatus;
        context.headers = capture.responseHeaders;
        if (const auto envelope = RequestEnvelope::parse(file->body))
            context.request = envelope->object();
        const JsonIndex index =
            capture.isSpilled() ? JsonIndex::fromFile(capture.spillPath) : JsonIndex::fromBytes(body);
        diagnosis = ResponseAnalyzer().analyze(index, context);
    }
    // Every call goes into the call history (docs/design.md, Call history), the secret masked.
    const HistorySettings historySettings = HistorySettings::load(QSettings());
    HistoryRecorder history(historySettings.recordingPath());
    history.setRetention(historySettings.keepDays, qint64(historySettings.maxMegabytes) * 1000 * 1000);
    history.record(
        HistoryRecord::fromCall(capture, body, diagnosis ? &*diagnosis : nullptr,
                                target.environmentName.isEmpty() ? target.endpoint.host() : target.environmentName,
                                target.accountId, QStringLiteral("cli"), target.secret, historySettings.bodyLimit));
    if (history.isEnabled() && (!history.flush() || !history.lastFailure().isEmpty()))
        io.err << "leadgen-diag send: warning: the call was not recorded in the history: "
               << (history.lastFailure().isEmpty() ? QStringLiteral("timed out") : history.lastFailure()) << Qt::endl;

    const int status = !capture.hasResponse                                              ? int(ExitNoResponse)
                       : (capture.layer != FailureLayer::None || diagnosis->hasErrors()) ? int(ExitFound)
                                                                                         : int(ExitOk);

    QString output;
    QTextStream stream(&output);
    if (options->json) {
        QJsonObject out;
        out.insert(QStringLiteral("request"), redactedRequest(file->body));
        out.insert(QStringLiteral("url"), capture.displayUrl);
        out.insert(QStringLiteral("environment"), target.environmentName.isEmpty()
                                                      ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(target.environmentName));
        out.insert(QStringLiteral("http_status"),
                   capture.hasResponse ? QJsonValue(capture.httpStatus) : QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("reason"),
                   capture.hasResponse ? QJsonValue(capture.reasonPhrase) : QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("elapsed_ms"), capture.totalMs);
        out.insert(QStringLiteral("time_to_first_byte_ms"),
                   capture.firstByteMs >= 0 ? QJsonValue(capture.firstByteMs) : QJsonValue(QJsonValue::Null));
        out.insert(QStringLiteral("bytes_sent"), capture.bytesSent);
        out.insert(QStringLiteral("bytes_received"), capture.bytesReceived);
        QJsonObject headers;
        for (const CallCapture::Header& header : std::as_const(capture.responseHeaders)) {
            const QString key = QString::fromLatin1(header.first);
            const QString value = QString::fromLatin1(header.second);
            headers.insert(key, headers.contains(key) ? headers.value(key).toString() + QStringLiteral(", ") + value
                                                      : value);
        }
        out.insert(QStringLiteral("response_headers"), headers);
        out.insert(QStringLiteral("response"),
                   capture.hasResponse ? responseValue(body, target.secret) : QJsonValue(QJsonValue::Null));
        if (capture.layer != FailureLayer::None) {
            QJsonObject failure;
            failure.insert(QStringLiteral("layer"), failureLayerName(capture.layer));
            failure.insert(QStringLiteral("key"),
                           capture.errorKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(capture.errorKey));
            failure.insert(QStringLiteral("qt_error"), capture.networkError);
            failure.insert(QStringLiteral("qt_message"), capture.networkErrorString);
            failure.insert(QStringLiteral("facts"), capture.facts);
            failure.insert(QStringLiteral("explanation"), capture.explanation);
            out.insert(QStringLiteral("failure"), failure);
        } else {
            out.insert(QStringLiteral("failure"), QJsonValue(QJsonValue::Null));
        }
        if (TlsDetails::applies(capture))
            out.insert(QStringLiteral("tls"), TlsDetails::toJson(capture, target.endpoint.host()));
        out.insert(QStringLiteral("diagnosis"),
                   diagnosis ? QJsonValue(diagnosis->toJson()) : QJsonValue(QJsonValue::Null));
        stream << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
    } else {
        writeHuman(stream, capture, target.environmentName, body, readError, diagnosis);
    }
    stream.flush();
    io.out << maskSecret(output, target.secret);
    io.out.flush();
    return status;
}
