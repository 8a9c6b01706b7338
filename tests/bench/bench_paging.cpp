// Simulator paging cost: a page deep in a big table against the first page of the same method,
// measured in the same run on the same store (no sockets: SimApi::handle in process).
//
//   build/dev/bench/bench_paging [--leads N] [--offset N] [--runs N]
//
// For every method methods.json marks paginated: its template params with limit 500 at offset 0
// and at the deepest full page up to --offset (default 900,000; methods whose table is smaller
// use their last full page). Prints the median of --runs calls of each, the ratio (budget 1.5),
// and the first call at the deep offset on its own (it indexes the matching rows once).
#include "MethodCatalog.h"
#include "SimApi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {
QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

HttpRequest pageRequest(const SimConfig& config, const QString& method, QJsonObject params, qint64 offset, int limit)
{
    params.insert(QStringLiteral("offset"), offset);
    params.insert(QStringLiteral("limit"), limit);
    QJsonObject envelope;
    envelope.insert(QStringLiteral("method"), method);
    envelope.insert(QStringLiteral("params"), params);
    envelope.insert(QStringLiteral("id"), QStringLiteral("bench"));
    HttpRequest request;
    request.method = "POST";
    request.path = "/pubapi/v1.2/";
    request.query = "accountID=" + config.accountId.toUtf8() + "&secretKey=" + config.secretKey.toUtf8();
    request.target = request.path + '?' + request.query;
    request.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    return request;
}

// Records in the answer (counted as objects of the result list; enough for a sanity column).
int recordCount(const QByteArray& body)
{
    const QJsonObject result = QJsonDocument::fromJson(body).object().value(QStringLiteral("result")).toObject();
    for (auto it = result.constBegin(); it != result.constEnd(); ++it) {
        if (it.value().isArray())
            return int(it.value().toArray().size());
    }
    return -1;
}

double medianMs(SimApi& api, const HttpRequest& request, int runs)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const SimReply reply = api.handle(request);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        Q_UNUSED(reply);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("leads"), QStringLiteral("demo leads (default 1000000)"), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("offset"), QStringLiteral("deep offset (default 900000)"), QStringLiteral("N"),
                      QStringLiteral("900000")});
    parser.addOption(
        {QStringLiteral("runs"), QStringLiteral("calls per measurement (default 15)"), QStringLiteral("N"), "15"});
    parser.process(app);

    SimConfig config;
    config.leads = parser.value(QStringLiteral("leads")).toInt();
    config.perSecond = 0;
    config.daily = 0;
    const qint64 deepWanted = parser.value(QStringLiteral("offset")).toLongLong();
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    constexpr int kLimit = 500;

    QElapsedTimer setup;
    setup.start();
    SimApi api(config);
    out() << "store with " << config.leads << " leads built in " << setup.elapsed() << " ms\n\n";
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                 .arg(QStringLiteral("method"), -26)
                 .arg(QStringLiteral("deep offset"), 12)
                 .arg(QStringLiteral("first call"), 11)
                 .arg(QStringLiteral("offset 0"), 10)
                 .arg(QStringLiteral("deep"), 10)
                 .arg(QStringLiteral("ratio"), 7)
                 .arg(QStringLiteral("records"), 9);
    out().flush();

    bool allWithin = true;
    for (const MethodSpec& method : MethodCatalog::builtin().methods()) {
        if (!method.paginated)
            continue;
        QJsonObject params = method.paramsTemplate;
        // A date range wide enough to hold every record.
        if (method.param(QStringLiteral("startDate")))
            params.insert(QStringLiteral("startDate"), QStringLiteral("2000-01-01 00:00:00"));
        if (method.param(QStringLiteral("endDate")))
            params.insert(QStringLiteral("endDate"), QStringLiteral("2100-01-01 00:00:00"));
        // The deepest offset with a full page: the number of matching records, found by bisection
        // with single-record pages (they share the deep pages' index).
        qint64 low = 0;
        qint64 high = deepWanted + kLimit;
        if (recordCount(api.handle(pageRequest(config, method.name, params, 0, 1)).response.body) <= 0)
            high = 0;
        while (low + 1 < high) {
            const qint64 mid = (low + high) / 2;
            if (recordCount(api.handle(pageRequest(config, method.name, params, mid, 1)).response.body) > 0)
                low = mid;
            else
                high = mid;
        }
        const qint64 count = high == 0 ? 0 : low + 1;
        const qint64 deep = qMax<qint64>(0, qMin(deepWanted, count - kLimit));

        // The first call after a change indexes the matching rows once: a write in between makes the
        // next deep call cold again.
        const HttpRequest first = pageRequest(config, method.name, params, 0, kLimit);
        const HttpRequest deeper = pageRequest(config, method.name, params, deep, kLimit);
        api.store().mainCompany().table(QStringLiteral("lead")).find(SimStore::kFirstLeadId); // a "change"
        QElapsedTimer cold;
        cold.start();
        const SimReply deepReply = api.handle(deeper);
        const double coldMs = double(cold.nsecsElapsed()) / 1e6;
        const double firstMs = medianMs(api, first, runs);
        const double deepMs = medianMs(api, deeper, runs);
        const double ratio = firstMs > 0 ? deepMs / firstMs : 0;
        // Pages with few records are too short to compare; only full pages count for the budget.
        const int records = recordCount(deepReply.response.body);
        if (records == kLimit && ratio > 1.5)
            allWithin = false;
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(method.name, -26)
                     .arg(deep, 12)
                     .arg(QStringLiteral("%1 ms").arg(coldMs, 0, 'f', 2), 11)
                     .arg(QStringLiteral("%1 ms").arg(firstMs, 0, 'f', 2), 10)
                     .arg(QStringLiteral("%1 ms").arg(deepMs, 0, 'f', 2), 10)
                     .arg(QStringLiteral("%1").arg(ratio, 0, 'f', 2), 7)
                     .arg(records, 9);
        out().flush();
    }
    out() << "\nfull deep pages within 1.5x of the first page: " << (allWithin ? "yes" : "NO") << '\n';
    return allWithin ? 0 : 1;
}
