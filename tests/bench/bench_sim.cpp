// Simulator throughput and memory, next to a baseline measured in the same run.
//
//   build/dev/bench/bench_sim [--seconds S] [--rounds N] [--connections N] [--requests N] [--skip-rss]
//
// Load: wrk (Debian package `wrk`) with keep-alive connections POSTing a small getLead call
// (limits off). Baseline: a bare QTcpServer on the same thread model answering every request
// with the same fixed body the simulator returns, i.e. what the event loop and the sockets
// cost without any HTTP parsing, JSON or API work. Then RSS before and after a run of N
// requests (default 1 000 000) against the simulator: it must stay flat.
#include "SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {
QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

const QByteArray kBody = R"({"method":"getLead","params":{"id":346743252994},"id":"bench"})";
const QString kQuery = QStringLiteral("accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001");

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// The floor: accepts keep-alive connections, waits for a complete request (head plus
// Content-Length bytes) and writes a fixed answer. No parsing beyond that, no JSON, no API.
class BareServer : public QObject
{
public:
    explicit BareServer(const QByteArray& response)
        : m_response(response)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                auto* buffer = new QByteArray;
                connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
                    delete buffer;
                    socket->deleteLater();
                });
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const qsizetype cl = buffer->indexOf("Content-Length: ");
                        const qsizetype length =
                            cl >= 0 && cl < end ? buffer->mid(cl + 16, 12).split('\r').first().toLongLong() : 0;
                        if (buffer->size() < end + 4 + length)
                            return;
                        buffer->remove(0, end + 4 + length);
                        socket->write(m_response);
                        socket->flush();
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    QByteArray m_response;
};

struct WrkResult
{
    double requestsPerSecond = 0;
    qint64 requests = 0;
    QString latency;
    bool ok = false;
    QString error;
};

// Runs wrk against the port while this thread's event loop serves it.
WrkResult runWrk(const QString& wrk, const QString& script, quint16 port, int connections, int seconds)
{
    QProcess process;
    const QString url = QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/?%2").arg(port).arg(kQuery);
    process.start(wrk,
                  {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections), QStringLiteral("-d%1s").arg(seconds),
                   QStringLiteral("--latency"), QStringLiteral("-s"), script, url});
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    loop.exec();
    WrkResult result;
    const QString text = QString::fromLocal8Bit(process.readAllStandardOutput());
    const QRegularExpressionMatch rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(text);
    const QRegularExpressionMatch total = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(text);
    const QRegularExpressionMatch p99 =
        QRegularExpression(QStringLiteral("^\\s+99%\\s+(\\S+)"), QRegularExpression::MultilineOption).match(text);
    const QRegularExpressionMatch errors =
        QRegularExpression(QStringLiteral("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*")).match(text);
    result.ok = rps.hasMatch() && !errors.hasMatch();
    result.requestsPerSecond = rps.captured(1).toDouble();
    result.requests = total.captured(1).toLongLong();
    result.latency = p99.captured(1);
    if (!result.ok)
        result.error = text + QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("seconds"), QStringLiteral("Duration of each throughput run."),
                        QStringLiteral("S"), QStringLiteral("3")},
                       {QStringLiteral("rounds"), QStringLiteral("Alternating baseline/simulator rounds."),
                        QStringLiteral("N"), QStringLiteral("5")},
                       {QStringLiteral("connections"), QStringLiteral("Keep-alive connections."), QStringLiteral("N"),
                        QStringLiteral("50")},
                       {QStringLiteral("requests"), QStringLiteral("Requests of the RSS run."), QStringLiteral("N"),
                        QStringLiteral("1000000")},
                       {QStringLiteral("skip-rss"), QStringLiteral("Skip the RSS run.")}});
    parser.process(app);
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int connections = parser.value(QStringLiteral("connections")).toInt();
    const int rounds = qMax(1, parser.value(QStringLiteral("rounds")).toInt());
    const qint64 rssRequests = parser.value(QStringLiteral("requests")).toLongLong();

    const QString wrk = QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (wrk.isEmpty()) {
        std::fprintf(stderr, "bench_sim: wrk not found (apt-get install wrk; scripts/setup.sh installs it)\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("post.lua"));
    {
        QFile lua(script);
        if (!lua.open(QIODevice::WriteOnly))
            return 2;
        lua.write("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = '" + kBody +
                  "'\n");
    }

    SimConfig config;
    config.perSecond = 0;
    config.daily = 0;
    SimServer sim(config);
    if (!sim.listen()) {
        std::fprintf(stderr, "bench_sim: cannot listen\n");
        return 2;
    }
    // The baseline answers with exactly the bytes the simulator sends for this call.
    HttpRequest probe;
    probe.method = "POST";
    probe.path = "/pubapi/v1.2/";
    probe.query = kQuery.toUtf8();
    probe.body = kBody;
    const SimReply sample = sim.api().handle(probe);
    const QByteArray fixed = sample.response.serializeHead(true, 1) + sample.response.body;
    BareServer bare(fixed);
    bare.listen();

    out() << "bench_sim: getLead over HTTP/1.1 keep-alive, wrk -t1 -c" << connections << " -d" << seconds << "s x "
          << rounds << " rounds each, limits off, " << QThread::idealThreadCount() << " CPU(s); answer " << fixed.size()
          << " bytes\n";
    out().flush();

    // Warm up both (page faults, caches), then measure in alternating rounds: the machine is
    // shared, so each round's ratio compares two runs a few seconds apart, and the medians and
    // bests over the rounds resist a burst of load from elsewhere.
    runWrk(wrk, script, bare.port(), connections, 1);
    runWrk(wrk, script, sim.port(), connections, 1);
    std::vector<double> baseRates;
    std::vector<double> simRates;
    std::vector<double> ratios;
    QString baseP99;
    QString simP99;
    for (int round = 0; round < rounds; ++round) {
        const WrkResult base = runWrk(wrk, script, bare.port(), connections, seconds);
        const WrkResult simulated = runWrk(wrk, script, sim.port(), connections, seconds);
        if (!base.ok || !simulated.ok) {
            std::fprintf(stderr, "bench_sim: wrk failed:\n%s%s\n", qPrintable(base.error), qPrintable(simulated.error));
            return 1;
        }
        baseRates.push_back(base.requestsPerSecond);
        simRates.push_back(simulated.requestsPerSecond);
        ratios.push_back(base.requestsPerSecond / simulated.requestsPerSecond);
        baseP99 = base.latency;
        simP99 = simulated.latency;
        out() << QStringLiteral("  round %1: baseline %2 req/s, simulator %3 req/s, ratio %4x\n")
                     .arg(round + 1)
                     .arg(base.requestsPerSecond, 0, 'f', 0)
                     .arg(simulated.requestsPerSecond, 0, 'f', 0)
                     .arg(ratios.back(), 0, 'f', 2);
        out().flush();
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    auto best = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
    out() << QStringLiteral("  baseline (bare QTcpServer, fixed answer): median %1 req/s, best %2 (p99 %3)\n")
                 .arg(median(baseRates), 0, 'f', 0)
                 .arg(best(baseRates), 0, 'f', 0)
                 .arg(baseP99);
    out() << QStringLiteral("  simulator (parse, auth, limits, JSON, store): median %1 req/s, best %2 (p99 %3)\n")
                 .arg(median(simRates), 0, 'f', 0)
                 .arg(best(simRates), 0, 'f', 0)
                 .arg(simP99);
    out() << QStringLiteral(
                 "  ratio baseline/simulator: median %1x, best-to-best %2x  (goal: >= 20000 req/s and <= 2x)\n")
                 .arg(median(ratios), 0, 'f', 2)
                 .arg(best(baseRates) / best(simRates), 0, 'f', 2);
    out().flush();
    const double simulatedRate = median(simRates);

    if (parser.isSet(QStringLiteral("skip-rss")))
        return 0;

    // RSS across N requests: measured after a warm-up, then once N more requests were served.
    const quint64 startCount = sim.requestCount();
    const qint64 rssStart = rssKiB();
    const int rssSeconds = int(rssRequests / qMax(1.0, simulatedRate * 0.5)) + 5; // stopped at N requests
    QProcess load;
    load.start(wrk, {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections),
                     QStringLiteral("-d%1s").arg(rssSeconds), QStringLiteral("-s"), script,
                     QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/?%2").arg(sim.port()).arg(kQuery)});
    QEventLoop loop;
    qint64 rssPeak = rssStart;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        rssPeak = qMax(rssPeak, rssKiB());
        if (sim.requestCount() - startCount >= quint64(rssRequests)) {
            load.terminate();
            loop.quit();
        }
    });
    QObject::connect(&load, &QProcess::finished, &loop, &QEventLoop::quit);
    poll.start(200);
    QElapsedTimer timer;
    timer.start();
    loop.exec();
    poll.stop();
    const quint64 served = sim.requestCount() - startCount;
    const qint64 rssEnd = rssKiB();
    load.waitForFinished(5000);
    out() << QStringLiteral("  RSS across %1 requests (%2 s): start %3 KiB, end %4 KiB, peak %5 KiB, growth %6 KiB\n")
                 .arg(served)
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                 .arg(rssStart)
                 .arg(rssEnd)
                 .arg(rssPeak)
                 .arg(rssEnd - rssStart);
    out().flush();
    return served >= quint64(rssRequests) ? 0 : 1;
}
