// Big responses (docs/design.md, Big responses): `inspect` against same-run baselines on deterministic
// generated documents of 10 MB, 100 MB and 1 GB (MB = 10^6 bytes).
//
//   build/dev/bench/bench_inspect [--sizes 10,100,1000] [--runs 3] [--dir DIR] [--keep] [--no-jq] [--no-qt]
//                                 [--no-dom]
//
// Below 1 GB each phase runs --runs times and the median is printed (jq once from 100 MB on,
// everything once at 1 GB and above).
//
// Every measured phase runs in its own child process (the real binary, jq, or this program
// re-executed with --phase), so each peak RSS (wait4's ru_maxrss, the whole process) and CPU
// time (user + system, from the same rusage) belong to that phase alone. CPU time is printed
// next to wall time because the machines we share are often busy: it does not count waiting.
//   inspect     build/<preset>/bin/leadgen-diag inspect FILE --json >/dev/null, the real command
//   breakdown   the same steps in-process with timers: index, analysis, JSON output
//   simdjson    simdjson 3.0.1 DOM: padded_string::load + parser.parse (parse timed alone too)
//   qjson       QFile::readAll + QJsonDocument::fromJson (skipped at ≥ 2 GiB, where Qt fails)
//   jq          `jq -c . FILE >/dev/null`, when jq is installed
//   gui         QApplication (offscreen) with a QTreeView on a JsonTreeModel, an AnalysisTask
//               loading the file, and a 10 ms heartbeat timer: the longest gap between beats is
//               the longest the event loop was blocked (goal ≤ 50 ms at 100 MB); also when the
//               tree became usable, and the gap while the document is dropped again
//   cancel      an AnalysisTask canceled mid-index: time until its worker has stopped
//
// The document: ResponseGenerator::writeLeadsAndBatch (tests/support), shared with
// bench_inspector_gui.
#include "AnalysisTask.h"
#include "BenchChild.h"
#include "JsonIndex.h"
#include "JsonTreeModel.h"
#include "ResponseGenerator.h"
#include "TestPaths.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#define BENCH_STRINGIFY2(x) #x
#define BENCH_STRINGIFY(x) BENCH_STRINGIFY2(x)

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <simdjson.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

// --- child processes ------------------------------------------------------------------------

struct ChildResult
{
    int status = -1;
    double wallMs = 0;
    double cpuMs = 0; // user + system
    qint64 maxRssKb = 0;
    std::map<std::string, std::string> values; // key=value pairs the child printed
};

// The child's own figures (BenchChild) and the key=value pairs it printed after "RESULT ".
ChildResult runChild(const std::vector<std::string>& argv, bool captureStdout)
{
    const BenchChild::Result child =
        BenchChild::run(argv, captureStdout ? BenchChild::Output::Capture : BenchChild::Output::Discard);
    ChildResult r;
    r.status = child.status;
    r.wallMs = child.wallMs;
    r.cpuMs = child.cpuMs;
    r.maxRssKb = child.maxRssKb;
    const std::string text = child.out.toStdString();
    size_t pos = 0;
    while ((pos = text.find("RESULT ", pos)) != std::string::npos) {
        const size_t end = text.find('\n', pos);
        const std::string line = text.substr(pos + 7, end - pos - 7);
        size_t p = 0;
        while (p < line.size()) {
            const size_t space = line.find(' ', p);
            const std::string pair = line.substr(p, space == std::string::npos ? std::string::npos : space - p);
            const size_t eq = pair.find('=');
            if (eq != std::string::npos)
                r.values[pair.substr(0, eq)] = pair.substr(eq + 1);
            if (space == std::string::npos)
                break;
            p = space + 1;
        }
        pos = end;
    }
    return r;
}

const char* text(const ChildResult& r, const char* key)
{
    const auto it = r.values.find(key);
    return it == r.values.end() ? "?" : it->second.c_str();
}

// The median run of several (by wall time), with the largest peak RSS of all: on a shared machine
// the median resists the odd run that waited for a CPU.
ChildResult runMedian(const std::vector<std::string>& argv, bool captureStdout, int runs)
{
    std::vector<ChildResult> results;
    for (int i = 0; i < std::max(1, runs); ++i)
        results.push_back(runChild(argv, captureStdout));
    std::sort(results.begin(), results.end(),
              [](const ChildResult& a, const ChildResult& b) { return a.wallMs < b.wallMs; });
    ChildResult median = results[results.size() / 2];
    for (const ChildResult& r : results)
        median.maxRssKb = std::max(median.maxRssKb, r.maxRssKb);
    return median;
}

// Writes the file through and reads it once, so every phase starts from the same warm, clean
// page cache (the first reader after the generator would otherwise pay for write-back).
void settle(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    ::fsync(file.handle());
    char buffer[1 << 16];
    while (file.read(buffer, sizeof buffer) > 0) {
    }
}

double value(const ChildResult& r, const char* key)
{
    const auto it = r.values.find(key);
    return it == r.values.end() ? -1.0 : std::atof(it->second.c_str());
}

// --- phases (run in the child) ----------------------------------------------------------

// What InspectCommand does, step by step with timers (the totals come from the real binary).
int phaseBreakdown(const QString& path)
{
    QElapsedTimer clock;
    clock.start();
    (void)ErrorCatalog::builtin();
    const double catalogMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    const JsonIndex index = JsonIndex::fromFile(path);
    const double indexMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    const Diagnosis d = ResponseAnalyzer().analyze(index, {});
    const double analyzeMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    const QByteArray json = QJsonDocument(d.toJson()).toJson(QJsonDocument::Indented);
    const double jsonMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("RESULT catalog_ms=%.1f index_ms=%.1f analyze_ms=%.1f json_ms=%.1f json_bytes=%lld nodes=%u "
                "index_mb=%.1f findings=%d verdict=%s failed=%lld objects=%lld\n",
                catalogMs, indexMs, analyzeMs, jsonMs, qint64(json.size()), index.nodeCount(),
                double(index.indexMemory()) / 1e6, int(d.findings.size()),
                qPrintable(Diagnosis::verdictName(d.verdict)), d.stats.failed, d.stats.objects);
    return 0;
}

int phaseSimdjson(const QString& path)
{
    QElapsedTimer clock;
    clock.start();
    simdjson::padded_string json;
    if (simdjson::padded_string::load(QFile::encodeName(path).toStdString()).get(json) != simdjson::SUCCESS)
        return 2;
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const simdjson::error_code error = parser.parse(json).get(root);
    const double parseMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("RESULT ok=%d load_ms=%.1f parse_ms=%.1f\n", error == simdjson::SUCCESS, loadMs, parseMs);
    return error == simdjson::SUCCESS ? 0 : 3;
}

int phaseQJson(const QString& path)
{
    QElapsedTimer clock;
    clock.start();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray bytes = file.readAll();
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    const double parseMs = double(clock.nsecsElapsed()) / 1e6;
    std::printf("RESULT ok=%d load_ms=%.1f parse_ms=%.1f\n", error.error == QJsonParseError::NoError, loadMs, parseMs);
    return error.error == QJsonParseError::NoError ? 0 : 3;
}

int phaseGui(const QString& path, int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTreeView view;
    view.setUniformRowHeights(true);
    JsonTreeModel model;
    view.setModel(&model);
    view.resize(1000, 700);
    view.show();

    QElapsedTimer clock;
    double last = 0;
    double maxGap = 0;
    QString maxGapWhere = QStringLiteral("idle");
    QString phase = QStringLiteral("start");
    int beats = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double now = double(clock.nsecsElapsed()) / 1e6;
        if (now - last > maxGap) {
            maxGap = now - last;
            maxGapWhere = phase;
        }
        last = now;
        ++beats;
    });

    double indexAt = -1;
    double usableAt = -1;
    double doneAt = -1;
    double releaseGap = 0;
    double revealMs = 0; // indexForNode + scrollTo of the last finding
    double resetMs = 0;  // model reset with the view attached
    double clearMs = 0;  // dropping the task's result
    AnalysisTask task;
    QObject::connect(&task, &AnalysisTask::indexReady, [&](std::shared_ptr<const JsonIndex> index) {
        indexAt = double(clock.nsecsElapsed()) / 1e6;
        phase = QStringLiteral("tree");
        model.setDocument(index);
        // What the inspector does first: open $, $.result and the lead array.
        const QModelIndex root = model.index(0, 0);
        view.expand(root);
        const QModelIndex result = model.indexForNode(index->member(index->root(), QLatin1String("result")));
        view.expand(result);
        const QModelIndex leads = model.index(0, 0, result);
        view.expand(leads);
        view.scrollTo(model.index(model.rowCount(leads) - 1, 0, leads));
        usableAt = double(clock.nsecsElapsed()) / 1e6;
        phase = QStringLiteral("analysis");
    });
    QObject::connect(&task, &AnalysisTask::finished, [&](std::shared_ptr<const AnalysisTask::Result> result) {
        doneAt = double(clock.nsecsElapsed()) / 1e6;
        phase = QStringLiteral("findings");
        // Select the last finding the way the inspector will: fetch along its path.
        QElapsedTimer step;
        step.start();
        if (!result->diagnosis.findings.isEmpty())
            view.scrollTo(model.indexForNode(result->diagnosis.findings.last().node));
        revealMs = double(step.nsecsElapsed()) / 1e6;
        phase = QStringLiteral("idle after load");
        QTimer::singleShot(300, [&] {
            // Drop the document (the inspector loading the next one): measured separately.
            const double before = maxGap;
            const QString beforeWhere = maxGapWhere;
            maxGap = 0;
            phase = QStringLiteral("release");
            QElapsedTimer release;
            release.start();
            model.setDocument(nullptr);
            resetMs = double(release.nsecsElapsed()) / 1e6;
            release.restart();
            task.clearResult(); // the last reference: the index is freed now (on a pool thread)
            clearMs = double(release.nsecsElapsed()) / 1e6;
            QTimer::singleShot(300, [&, before, beforeWhere] {
                releaseGap = maxGap;
                if (before >= maxGap) {
                    maxGap = before;
                    maxGapWhere = beforeWhere;
                }
                app.quit();
            });
        });
    });
    QObject::connect(&task, &AnalysisTask::failed, [&](const QString& message) {
        std::printf("failed: %s\n", qPrintable(message));
        app.exit(3);
    });

    QTimer::singleShot(100, [&] {
        phase = QStringLiteral("indexing");
        task.startFile(path);
    });
    clock.start();
    heartbeat.start();
    const int status = app.exec();
    std::printf("RESULT reveal_ms=%.1f reset_ms=%.1f clear_ms=%.1f\n", revealMs, resetMs, clearMs);
    std::printf("RESULT max_gap_ms=%.1f where=%s beats=%d index_at_ms=%.1f usable_at_ms=%.1f done_at_ms=%.1f "
                "release_gap_ms=%.1f\n",
                maxGap, qPrintable(QString(maxGapWhere).replace(QLatin1Char(' '), QLatin1Char('_'))), beats,
                indexAt - 100, usableAt - 100, doneAt - 100, releaseGap);
    return status;
}

int phaseCancel(const QString& path)
{
    int fakeArgc = 1;
    char name[] = "bench_inspect";
    char* fakeArgv[] = {name, nullptr};
    QCoreApplication app(fakeArgc, fakeArgv);
    double cancelAt = 0;
    double stoppedAt = 0;
    QElapsedTimer clock;
    {
        AnalysisTask task;
        QObject::connect(&task, &AnalysisTask::progress, [&](int permille) {
            // Cancel once indexing is well under way.
            if (permille >= 500 && cancelAt == 0) {
                clock.start();
                task.cancel();
                cancelAt = 1;
                app.quit();
            }
        });
        QObject::connect(&task, &AnalysisTask::finished, &app, &QCoreApplication::quit);
        task.startFile(path);
        app.exec();
        if (cancelAt == 0) {
            std::printf("RESULT cancel_latency_ms=-1\n"); // finished before reaching 50 %
            return 0;
        }
        // The destructor waits for the worker: that wait is the cancellation latency.
    }
    stoppedAt = double(clock.nsecsElapsed()) / 1e6;
    std::printf("RESULT cancel_latency_ms=%.1f\n", stoppedAt);
    return 0;
}

QString mb(qint64 kb)
{
    return QStringLiteral("%1 MB").arg(double(kb) * 1024 / 1e6, 0, 'f', 0);
}

QString ms(double v)
{
    if (v < 0)
        return QStringLiteral("n/a");
    if (v >= 10000)
        return QStringLiteral("%1 s").arg(v / 1000, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(v, 0, 'f', 0);
}

} // namespace

int main(int argc, char** argv)
{
    // Child mode.
    if (argc >= 4 && std::strcmp(argv[1], "--phase") == 0) {
        const QString phase = QString::fromLocal8Bit(argv[2]);
        const QString path = QString::fromLocal8Bit(argv[3]);
        if (phase == QLatin1String("breakdown"))
            return phaseBreakdown(path);
        if (phase == QLatin1String("simdjson"))
            return phaseSimdjson(path);
        if (phase == QLatin1String("qjson"))
            return phaseQJson(path);
        if (phase == QLatin1String("gui"))
            return phaseGui(path, argc, argv);
        if (phase == QLatin1String("cancel"))
            return phaseCancel(path);
        return 2;
    }

    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QList<qint64> sizes{10, 100, 1000};
    QString dirPath;
    bool keep = false;
    bool withJq = !QStandardPaths::findExecutable(QStringLiteral("jq")).isEmpty();
    bool withQt = true;
    int repeats = 3;
    bool withDom = true;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes") && i + 1 < args.size()) {
            sizes.clear();
            for (const QString& s : args[++i].split(QLatin1Char(',')))
                sizes.append(s.toLongLong());
        } else if (args[i] == QLatin1String("--dir") && i + 1 < args.size()) {
            dirPath = args[++i];
        } else if (args[i] == QLatin1String("--keep")) {
            keep = true;
        } else if (args[i] == QLatin1String("--no-jq")) {
            withJq = false;
        } else if (args[i] == QLatin1String("--no-qt")) {
            withQt = false;
        } else if (args[i] == QLatin1String("--no-dom")) {
            withDom = false; // simdjson's DOM needs ~3.6x the file: skip it for 3 GB on a shared machine
        } else if (args[i] == QLatin1String("--runs") && i + 1 < args.size()) {
            repeats = std::max(1, args[++i].toInt());
        } else {
            std::fprintf(stderr, "usage: bench_inspect [--sizes 10,100,1000] [--runs 3] [--dir DIR] [--keep] [--no-jq] "
                                 "[--no-qt] [--no-dom]\n");
            return 2;
        }
    }
    QTemporaryDir tempDir(dirPath.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_inspect-XXXXXX")
                                            : dirPath + QStringLiteral("/bench_inspect-XXXXXX"));
    tempDir.setAutoRemove(!keep);
    const std::string self = QCoreApplication::applicationFilePath().toStdString();
    const std::string leadgenDiag = LEADGEN_BINARY_DIR "/bin/leadgen-diag";

    std::printf("bench_inspect: simdjson %s (%s kernel), Qt %s, jq %s\n", BENCH_STRINGIFY(SIMDJSON_VERSION),
                simdjson::get_active_implementation()->name().c_str(), qVersion(), withJq ? "yes" : "no");
    for (qint64 size : sizes) {
        const QString path = tempDir.filePath(QStringLiteral("leads-%1MB.json").arg(size));
        QElapsedTimer genClock;
        genClock.start();
        const ResponseGenerator::Info info = ResponseGenerator::writeLeadsAndBatch(path, size * 1000000);
        std::printf("\n== %lld MB: %lld bytes, %lld leads + %lld batch results, %lld failed (generated in %.1f s)\n",
                    size, info.bytes, info.leads, info.leads, info.failed, double(genClock.elapsed()) / 1000);
        const std::string file = path.toStdString();
        const double fileMb = double(info.bytes) / 1e6;
        auto rss = [&](const ChildResult& r) {
            return QStringLiteral("%1 (%2x)")
                .arg(mb(r.maxRssKb))
                .arg(double(r.maxRssKb) * 1024 / 1e6 / fileMb, 0, 'f', 2);
        };

        settle(path);
        const int runs = size >= 1000 ? 1 : repeats;
        const ChildResult inspect = runMedian({leadgenDiag, "inspect", file, "--json"}, false, runs);
        const ChildResult parts = runMedian({self, "--phase", "breakdown", file}, true, runs);
        const ChildResult dom = withDom ? runMedian({self, "--phase", "simdjson", file}, true, runs) : ChildResult{};
        auto times = [](double wall, double cpu) {
            return QStringLiteral("%1 (cpu %2)").arg(ms(wall), -8).arg(ms(cpu));
        };
        std::printf("  %-38s %-24s peak %s\n", "leadgen-diag inspect --json (process)",
                    qPrintable(times(inspect.wallMs, inspect.cpuMs)), qPrintable(rss(inspect)));
        if (inspect.status != 1)
            std::printf("  !! inspect exited with %d (expected 1: the document has error findings)\n", inspect.status);
        std::printf("    in-process: catalogue %s, index %s, analysis %s, JSON %s (%s bytes); %s nodes, index %s MB, "
                    "%s findings, verdict %s\n",
                    qPrintable(ms(value(parts, "catalog_ms"))), qPrintable(ms(value(parts, "index_ms"))),
                    qPrintable(ms(value(parts, "analyze_ms"))), qPrintable(ms(value(parts, "json_ms"))),
                    text(parts, "json_bytes"), text(parts, "nodes"), text(parts, "index_mb"), text(parts, "findings"),
                    text(parts, "verdict"));
        if (withDom) {
            std::printf("  %-38s %-24s peak %s\n", "simdjson DOM load+parse (process)",
                        qPrintable(times(dom.wallMs, dom.cpuMs)), qPrintable(rss(dom)));
            std::printf("    in-process: padded_string::load %s, parse %s\n", qPrintable(ms(value(dom, "load_ms"))),
                        qPrintable(ms(value(dom, "parse_ms"))));
        } else {
            std::printf("  %-38s skipped\n", "simdjson DOM load+parse");
        }
        ChildResult qt;
        if (withQt && info.bytes < (qint64(1) << 31)) {
            qt = runMedian({self, "--phase", "qjson", file}, true, size >= 1000 ? 1 : repeats);
            std::printf("  %-38s %-24s peak %s%s\n", "QFile::readAll + QJsonDocument (process)",
                        qPrintable(times(qt.wallMs, qt.cpuMs)), qPrintable(rss(qt)),
                        value(qt, "ok") > 0 ? "" : "  FAILED");
            std::printf("    in-process: readAll %s, fromJson %s\n", qPrintable(ms(value(qt, "load_ms"))),
                        qPrintable(ms(value(qt, "parse_ms"))));
        } else {
            std::printf("  %-38s %s\n", "QJsonDocument::fromJson",
                        withQt ? "n/a (Qt cannot parse 2 GiB or more)" : "skipped");
        }
        ChildResult jq;
        if (withJq) {
            jq = runMedian({"jq", "-c", ".", file}, false, size >= 100 ? 1 : repeats);
            std::printf("  %-38s %-24s peak %s%s\n", "jq -c . >/dev/null (process)",
                        qPrintable(times(jq.wallMs, jq.cpuMs)), qPrintable(rss(jq)), jq.status == 0 ? "" : "  FAILED");
        }

        const double inspectRss = double(inspect.maxRssKb) * 1024 / 1e6 / fileMb;
        if (withDom)
            std::printf("  inspect / simdjson: wall %.2fx, cpu %.2fx; inspect index+analysis / simdjson parse alone "
                        "%.2fx (goal ≤ 2x); ",
                        inspect.wallMs / dom.wallMs, inspect.cpuMs / dom.cpuMs,
                        (value(parts, "index_ms") + value(parts, "analyze_ms")) / value(dom, "parse_ms"));
        std::printf("  peak RSS %.2fx the file (goal ≤ 3x)", inspectRss);
        if (withJq && jq.status == 0)
            std::printf("; jq / inspect: wall %.1fx, cpu %.1fx (goal ≥ 10x)", jq.wallMs / inspect.wallMs,
                        jq.cpuMs / inspect.cpuMs);
        if (qt.status == 0)
            std::printf("; QJsonDocument / inspect: wall %.1fx, cpu %.1fx", qt.wallMs / inspect.wallMs,
                        qt.cpuMs / inspect.cpuMs);
        std::printf("\n");

        if (size <= 1000) {
            const ChildResult gui = runChild({self, "--phase", "gui", file}, true);
            std::printf("  GUI: longest event-loop gap %.1f ms during '%s' over %s beats of 10 ms (goal ≤ 50 ms); "
                        "tree usable %s after start (index ready %s), findings %s; revealing the last finding %s; "
                        "dropping the document: gap %.1f ms (model reset %s, result release %s); peak %s\n",
                        value(gui, "max_gap_ms"), text(gui, "where"), text(gui, "beats"),
                        qPrintable(ms(value(gui, "usable_at_ms"))), qPrintable(ms(value(gui, "index_at_ms"))),
                        qPrintable(ms(value(gui, "done_at_ms"))), qPrintable(ms(value(gui, "reveal_ms"))),
                        value(gui, "release_gap_ms"), qPrintable(ms(value(gui, "reset_ms"))),
                        qPrintable(ms(value(gui, "clear_ms"))), qPrintable(rss(gui)));
            const ChildResult cancel = runChild({self, "--phase", "cancel", file}, true);
            if (value(cancel, "cancel_latency_ms") >= 0)
                std::printf("  cancel: worker stopped %.1f ms after cancel() at 50%% of indexing\n",
                            value(cancel, "cancel_latency_ms"));
            else
                std::printf("  cancel: indexing finished before a 50%% progress report could cancel it\n");
        }
        if (!keep)
            QFile::remove(path);
        std::fflush(stdout);
    }
    return 0;
}
