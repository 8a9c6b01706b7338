#include "SimCommand.h"

#include "Platform.h"
#include "Redactor.h"
#include "ScenarioCatalog.h"
#include "SimServer.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>

namespace {
bool parseNumber(const QCommandLineParser& parser, const QString& option, qint64 min, qint64 max, qint64* out,
                 QString* error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("--%1 expects a number between %2 and %3, got '%4'")
                     .arg(option)
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(option));
        return false;
    }
    *out = value;
    return true;
}

QString shellQuote(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

void printScenarios(const SimConfig& config, CliIo& io, const std::function<QString(const QString&)>& shown)
{
    const QList<Scenario> scenarios = ScenarioCatalog::builtin().scenarios(config.scenarioContext());
    const QString port = config.port ? QString::number(config.port) : QStringLiteral("$PORT");
    io.out << "Requests that reproduce each error code on a simulator started with the same --account, --secret,\n"
              "--per-second and --daily options"
           << (config.port ? QString() : QStringLiteral(" (set PORT to its port)")) << ":\n";
    for (const Scenario& s : scenarios) {
        io.out << '\n' << s.code << "  " << s.title << "  [" << s.level << (s.natural ? "" : ", fault header") << "]\n";
        // The URL is percent-encoded, hence safe inside double quotes, where $PORT expands.
        const QString pathAndQuery = s.url(QUrl(QStringLiteral("http://localhost")))
                                         .toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded);
        const QString host =
            config.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + config.host + QLatin1Char(']') : config.host;
        QString curl = QStringLiteral("curl -sS -X POST \"http://%1:%2%3\"").arg(host, port, pathAndQuery);
        for (auto it = s.headers.begin(); it != s.headers.end(); ++it)
            curl += QStringLiteral(" -H ") + shellQuote(it.key() + QStringLiteral(": ") + it.value().toString());
        const QString body = QString::fromUtf8(s.bodyBytes());
        if (body.size() <= 400)
            curl += QStringLiteral(" --data-binary ") + shellQuote(body);
        else
            curl += QStringLiteral(" --data-binary @body.json   # %1 bytes: see --json").arg(body.toUtf8().size());
        io.out << "    " << shown(curl) << '\n';
        if (s.repeat > 1)
            io.out << "    repeat: send it " << s.repeat << " times in a row\n";
        if (!s.note.isEmpty())
            io.out << "    note: " << s.note << '\n';
    }
}
} // namespace

CliCommandDoc SimCommand::doc() const
{
    const SimConfig defaults;
    CliCommandDoc d;
    d.summary =
        QStringLiteral("Runs the offline simulator of the API until Ctrl+C: prints the endpoint and demo credentials,\n"
                       "then one line per request. It answers like the real API, including every error code (see\n"
                       "--scenarios for the requests that reproduce each one).");
    d.options = {
        {QStringLiteral("--host H"), QStringLiteral("address to listen on"), defaults.host},
        {QStringLiteral("--port N"), QStringLiteral("port to listen on; 0 picks a free one and prints it"),
         QString::number(defaults.port)},
        {QStringLiteral("--account ID"), QStringLiteral("accountID of the main demo account"), defaults.accountId},
        {QStringLiteral("--secret KEY"),
         QStringLiteral("secretKey of the main demo account (visible in the process list: prefer --secret-env)"),
         defaults.secretKey},
        {QStringLiteral("--secret-env VAR"), QStringLiteral("take that secretKey from environment variable VAR"), {}},
        {QStringLiteral("--per-second N"), QStringLiteral("calls per second per account before 107 (0: unlimited)"),
         QString::number(defaults.perSecond)},
        {QStringLiteral("--daily N"), QStringLiteral("calls per day per account before 106 (0: unlimited)"),
         QString::number(defaults.daily)},
        {QStringLiteral("--leads N"), QStringLiteral("number of demo leads"), QString::number(defaults.leads)},
        {QStringLiteral("--seed N"), QStringLiteral("demo data seed: the same seed gives the same data"),
         QString::number(defaults.seed)},
        {QStringLiteral("--batch-shape observed|documented"),
         QStringLiteral("how batch calls report failed objects: observed (top-level error array) or documented "
                        "(error null, success \"false\")"),
         QStringLiteral("observed")},
        {QStringLiteral("--quiet"), QStringLiteral("do not log each request"), {}},
        {QStringLiteral("--scenarios"),
         QStringLiteral("print the request reproducing each error code (as curl commands), then exit"),
         {}},
        {QStringLiteral("--json"), QStringLiteral("with --scenarios: print one JSON document"), {}},
    };
    d.examples = {
        QStringLiteral("sim --port 8080"),
        QStringLiteral("sim --per-second 2 --daily 100 --quiet"),
        QStringLiteral("sim --scenarios --json"),
    };
    return d;
}

void SimCommand::stop()
{
    if (m_loop)
        m_loop->quit();
}

int SimCommand::run(const QStringList& args, CliIo& io)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const SimConfig defaults;
    parser.addOptions({
        {QStringLiteral("host"), QStringLiteral("Address to bind (default 127.0.0.1)."), QStringLiteral("H")},
        {QStringLiteral("port"), QStringLiteral("Port (default 0: a free one, printed)."), QStringLiteral("N")},
        {QStringLiteral("account"), QStringLiteral("accountID of the main demo account."), QStringLiteral("ID")},
        {QStringLiteral("secret"), QStringLiteral("secretKey of the main demo account (visible in the process list)."),
         QStringLiteral("KEY")},
        {QStringLiteral("secret-env"), QStringLiteral("Take that secretKey from the environment variable VAR."),
         QStringLiteral("VAR")},
        {QStringLiteral("per-second"), QStringLiteral("Calls per second per account (0 = unlimited)."),
         QStringLiteral("N")},
        {QStringLiteral("daily"), QStringLiteral("Calls per day per account (0 = unlimited)."), QStringLiteral("N")},
        {QStringLiteral("leads"), QStringLiteral("Number of demo leads."), QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("Demo data seed."), QStringLiteral("N")},
        {QStringLiteral("batch-shape"),
         QStringLiteral("How batch calls report failed objects: observed (default; top-level error array) or "
                        "documented (top-level error null, success \"false\")."),
         QStringLiteral("SHAPE")},
        {QStringLiteral("quiet"), QStringLiteral("Do not log each request.")},
        {QStringLiteral("scenarios"), QStringLiteral("Print the request reproducing each error code, then exit.")},
        {QStringLiteral("json"), QStringLiteral("With --scenarios: one JSON document.")},
    });
    if (!parser.parse(QStringList{QStringLiteral("leadgen-diag sim")} + args))
        return usageError(io, name(), parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(io, name(),
                          QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(QStringLiteral("json")) && !parser.isSet(QStringLiteral("scenarios")))
        return usageError(io, name(), QStringLiteral("--json is only meaningful with --scenarios"));

    SimConfig config;
    if (parser.isSet(QStringLiteral("host")))
        config.host = parser.value(QStringLiteral("host"));
    if (parser.isSet(QStringLiteral("account")))
        config.accountId = parser.value(QStringLiteral("account"));
    if (parser.isSet(QStringLiteral("secret")) && parser.isSet(QStringLiteral("secret-env")))
        return usageError(io, name(), QStringLiteral("--secret and --secret-env both set the key: use one of them"));
    if (parser.isSet(QStringLiteral("secret")))
        config.secretKey = parser.value(QStringLiteral("secret"));
    if (parser.isSet(QStringLiteral("batch-shape"))) {
        const std::optional<SimConfig::BatchShape> shape =
            SimConfig::batchShapeFromName(parser.value(QStringLiteral("batch-shape")));
        if (!shape)
            return usageError(io, name(),
                              QStringLiteral("--batch-shape must be observed or documented, not '%1'")
                                  .arg(parser.value(QStringLiteral("batch-shape"))));
        config.batchShape = *shape;
    }
    if (parser.isSet(QStringLiteral("secret-env"))) {
        const QString variable = parser.value(QStringLiteral("secret-env"));
        if (!qEnvironmentVariableIsSet(variable.toLocal8Bit().constData()))
            return usageError(io, name(),
                              QStringLiteral("the environment variable %1 (--secret-env) is not set").arg(variable));
        config.secretKey = qEnvironmentVariable(variable.toLocal8Bit().constData());
    }
    // A key of the user's own is printed masked (the demo keys are public by design), and
    // --secret is flagged: any user can read it in the process list.
    const bool ownSecret = config.secretKey != QLatin1String(SimConfig::kDemoSecretKey);
    const auto shown = [&](const QString& text) {
        return ownSecret ? Redactor::redactSecret(text, config.secretKey) : text;
    };
    qint64 port = config.port, perSecond = config.perSecond, daily = config.daily, leads = config.leads,
           seed = config.seed;
    QString error;
    if (!parseNumber(parser, QStringLiteral("port"), 0, 65535, &port, &error) ||
        !parseNumber(parser, QStringLiteral("per-second"), 0, SimConfig::kMaxPerSecond, &perSecond, &error) ||
        !parseNumber(parser, QStringLiteral("daily"), 0, std::numeric_limits<int>::max(), &daily, &error) ||
        !parseNumber(parser, QStringLiteral("leads"), SimConfig::kMinLeads, SimConfig::kMaxLeads, &leads, &error) ||
        !parseNumber(parser, QStringLiteral("seed"), 0, std::numeric_limits<quint32>::max(), &seed, &error))
        return usageError(io, name(), error);
    config.port = quint16(port);
    config.perSecond = int(perSecond);
    config.daily = int(daily);
    config.leads = int(leads);
    config.seed = quint32(seed);
    const QStringList problems = config.validate();
    if (!problems.isEmpty())
        return usageError(io, name(), problems.join(QStringLiteral("; ")));

    if (parser.isSet(QStringLiteral("scenarios"))) {
        if (parser.isSet(QStringLiteral("json")))
            io.out << shown(QString::fromUtf8(QJsonDocument(ScenarioCatalog::builtin().toJson(config.scenarioContext()))
                                                  .toJson(QJsonDocument::Indented)));
        else
            printScenarios(config, io, shown);
        io.out.flush();
        return ExitOk;
    }

    if (ownSecret && parser.isSet(QStringLiteral("secret")))
        io.err << "leadgen-diag sim: warning: --secret is visible to other users in the process list; put the key "
                  "in an environment variable and pass --secret-env VAR"
               << Qt::endl;

    SimServer server(config);
    if (!server.listen(&error)) {
        io.err << "leadgen-diag sim: " << error << Qt::endl;
        return ExitUsage;
    }
    const QUrl url = server.endpoint();
    io.out << "Lead Gen & CRM API simulator listening on " << url.toString() << "  (also "
           << server.endpoint(QStringLiteral("v1")).path() << ")\n"
           << "  accountID  " << config.accountId << '\n'
           << "  secretKey  " << shown(config.secretKey) << '\n'
           << "  agency     " << config.agencyAccountId << " / " << config.agencySecretKey << '\n'
           << "  reseller   " << config.resellerAccountId << " / " << config.resellerSecretKey << '\n'
           << "  limits     "
           << (config.perSecond ? QString::number(config.perSecond) + QStringLiteral(" calls/s")
                                : QStringLiteral("no per-second limit"))
           << ", "
           << (config.daily ? QString::number(config.daily) + QStringLiteral(" calls/day")
                            : QStringLiteral("no daily limit"))
           << " per account\n"
           << "  demo data  " << config.leads << " leads, seed " << config.seed << '\n'
           << "  batches    " << SimConfig::batchShapeName(config.batchShape) << " shape\n"
           << "  faults     header X-Simulator-Fault: code=N | http=502 | latency=MS | truncate | drop | not-json\n"
           << "  try        curl -sS -X POST "
           << shown(shellQuote(url.toString() + QStringLiteral("?accountID=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(config.accountId)) +
                               QStringLiteral("&secretKey=") +
                               QString::fromLatin1(QUrl::toPercentEncoding(config.secretKey))))
           << " -H 'Content-Type: application/json' --data-binary "
           << shellQuote(QStringLiteral("{\"method\":\"getLead\",\"params\":{\"id\":346743252994},\"id\":\"1\"}"))
           << '\n'
           << "Stop with Ctrl+C." << Qt::endl;

    int handled = 0;
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    QObject::connect(&server, &SimServer::requestHandled, &server, [&](const SimLogEntry& entry) {
        ++handled;
        if (!quiet)
            io.out << shown(entry.toLine()) << Qt::endl;
    });

    QEventLoop loop;
    m_loop = &loop;
    const Platform::StopSignalWatcher stopSignals([&loop] { loop.quit(); });
    if (m_startedHook)
        m_startedHook(server);
    loop.exec();
    m_loop = nullptr;
    server.close();
    io.out << "Simulator stopped after " << handled << " request(s)." << Qt::endl;
    return ExitOk;
}
