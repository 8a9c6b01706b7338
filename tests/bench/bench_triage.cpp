// Triage of big JSON Lines logs (docs/design.md, Support workflow) against a same-run baseline:
//
//   build/dev/bench/bench_triage [--sizes 100,1000] [--dir DIR] [--keep]
//
// For each size (MB = 10^6 bytes) a deterministic log of bare API responses is generated (getLeads
// pages of 10 leads, createLeads batches with a duplicate, 105, 205 and 107 errors), then, each in
// its own child process so that peak RSS (wait4's ru_maxrss) and CPU time (user + system) belong
// to it alone:
//   triage   build/<preset>/bin/leadgen-diag triage FILE --json >/dev/null, the real command
//   jq       jq -c 'select(.error != null) | .error' FILE >/dev/null (the baseline)
// Goals: jq / triage wall time ≥ 5x; triage peak RSS ≤ 200 MB and the same (±20 %) at every size.
// The triage counts are checked against what was generated.
#include "BenchChild.h"
#include "TestPaths.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Child = BenchChild::Result;

Child run(const std::vector<std::string>& argv, bool capture)
{
    return BenchChild::run(argv, capture ? BenchChild::Output::Capture : BenchChild::Output::Discard);
}

struct Generated
{
    qint64 lines = 0;
    qint64 ok = 0;
    qint64 partial = 0;
    qint64 apiErrors = 0;
    qint64 code301 = 0;
};

// Deterministic: line i's kind is i % 20.
Generated generate(const QString& path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    Generated g;
    QByteArray buffer;
    qint64 written = 0;
    while (written < bytes) {
        const qint64 i = g.lines++;
        QByteArray line;
        const int kind = int(i % 20);
        const QByteArray id = "\"req-" + QByteArray::number(i) + '"';
        if (kind < 13) {
            line = "{\"result\":{\"lead\":[";
            for (int l = 0; l < 10; ++l) {
                const QByteArray n = QByteArray::number(i * 10 + l);
                if (l)
                    line += ',';
                line += "{\"id\":\"" + n +
                        "\",\"accountID\":\"\",\"ownerID\":\"311\",\"campaignID\":null,"
                        "\"leadStatus\":\"open\",\"leadScore\":\"20\",\"active\":\"1\",\"firstName\":\"Ann" +
                        n + "\",\"lastName\":\"Lee\",\"emailAddress\":\"ann" + n +
                        "@example.com\",\"companyName\":"
                        "\"Acme\",\"title\":\"Buyer\",\"street\":\"1 Main St\",\"city\":\"Boston\",\"zipcode\":"
                        "\"02139\",\"phoneNumber\":\"+1 617 555 0100\",\"updateTimestamp\":\"2024-01-02 03:04:05\"}";
            }
            line += "]},\"error\":null,\"id\":" + id + ",\"callCount\":\"" + QByteArray::number(i % 50000) +
                    "\",\"queryLimit\":\"50000\"}";
            ++g.ok;
        } else if (kind < 17) {
            line = "{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":" + QByteArray::number(i) +
                   "},{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}]},"
                   "\"error\":[{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}],\"id\":" +
                   id + "}";
            ++g.partial;
            ++g.code301;
        } else if (kind == 17) {
            line = "{\"result\":null,\"error\":{\"code\":105,\"message\":\"User authentication failed.\",\"data\":{}},"
                   "\"id\":" +
                   id + "}";
            ++g.apiErrors;
        } else if (kind == 18) {
            line = "{\"error\":{\"code\":205,\"message\":\"Invalid parameters\",\"data\":{\"validParams\":[\"where\","
                   "\"limit\",\"offset\",\"fields\"]}},\"id\":" +
                   id + "}";
            ++g.apiErrors;
        } else {
            line = "{\"result\":null,\"error\":{\"code\":107,\"message\":\"Too many requests.\",\"data\":{}},\"id\":" +
                   id + "}";
            ++g.apiErrors;
        }
        line += '\n';
        buffer += line;
        written += line.size();
        if (buffer.size() > (8 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return g;
}

} // namespace

int main(int argc, char** argv)
{
    QList<int> sizes{100, 1000};
    QString dirPath;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--sizes" && i + 1 < argc) {
            sizes.clear();
            for (const QByteArray& part : QByteArray(argv[++i]).split(','))
                sizes.append(part.toInt());
        } else if (arg == "--dir" && i + 1 < argc) {
            dirPath = QString::fromLocal8Bit(argv[++i]);
        } else if (arg == "--keep") {
            keep = true;
        } else {
            std::fprintf(stderr, "usage: bench_triage [--sizes 100,1000] [--dir DIR] [--keep]\n");
            return 2;
        }
    }
    const bool withJq = !QStandardPaths::findExecutable(QStringLiteral("jq")).isEmpty();
    QTemporaryDir temp;
    const QString dir = dirPath.isEmpty() ? temp.path() : dirPath;
    temp.setAutoRemove(!keep);
    const std::string binary = LEADGEN_BINARY_DIR "/bin/leadgen-diag";
    std::printf("bench_triage: %s; jq %s\n", binary.c_str(), withJq ? "found" : "not installed (no baseline)");
    QList<qint64> rss;
    for (const int mb : std::as_const(sizes)) {
        const QString path = QDir(dir).filePath(QStringLiteral("log-%1MB.jsonl").arg(mb));
        QElapsedTimer clock;
        clock.start();
        const Generated g = generate(path, qint64(mb) * 1000 * 1000);
        std::printf("\n%d MB: %lld lines (generated in %.1f s)\n", mb, g.lines, double(clock.elapsed()) / 1000);
        const Child triage = run({binary, "triage", path.toStdString(), "--json"}, true);
        const QJsonObject summary = QJsonDocument::fromJson(triage.out).object();
        const QJsonObject verdicts = summary.value(QLatin1String("verdicts")).toObject();
        const bool countsRight = summary.value(QLatin1String("api_calls")).toInteger() == g.lines &&
                                 verdicts.value(QLatin1String("ok")).toInteger() == g.ok &&
                                 verdicts.value(QLatin1String("partial_failure")).toInteger() == g.partial &&
                                 verdicts.value(QLatin1String("api_error")).toInteger() == g.apiErrors;
        std::printf("  %-44s wall %8.0f ms  cpu %8.0f ms  peak RSS %6.1f MB  %s\n", "leadgen-diag triage --json",
                    triage.wallMs, triage.cpuMs, double(triage.maxRssKb) / 1024,
                    triage.status > 1 ? "FAILED" : (countsRight ? "counts exact" : "COUNTS WRONG"));
        rss.append(triage.maxRssKb);
        if (withJq) {
            const Child jq = run({"jq", "-c", "select(.error != null) | .error", path.toStdString()}, false);
            std::printf("  %-44s wall %8.0f ms  cpu %8.0f ms  peak RSS %6.1f MB  %s\n",
                        "jq -c 'select(.error != null) | .error'", jq.wallMs, jq.cpuMs, double(jq.maxRssKb) / 1024,
                        jq.status == 0 ? "" : "FAILED");
            std::printf("  jq / triage: wall %.1fx, cpu %.1fx (goal >= 5x)\n", jq.wallMs / triage.wallMs,
                        jq.cpuMs / triage.cpuMs);
        }
        std::printf("  triage peak RSS %.1f MB (goal <= 200 MB)\n", double(triage.maxRssKb) / 1024);
        if (!keep)
            QFile::remove(path);
    }
    if (rss.size() > 1) {
        const double ratio = double(rss.last()) / double(rss.first());
        std::printf("\npeak RSS largest / smallest size: %.2f (goal 0.8 .. 1.2)\n", ratio);
    }
    return 0;
}
