// Startup time of leadgen-diag's GUI: from process start to the first painted main window
// (catalogues loaded, the embedded simulator NOT started: it starts on the first call), against
// a minimal QMainWindow program (startup_minimal) measured in the same run. Both are started
// offscreen: startup_app (leadgen-diag's own GuiApplication::main, same libraries) and
// startup_minimal print "first-paint" when their window is painted and quit (FirstPaintExit.h);
// the time is taken when that line arrives. Rounds
// alternate between the two programs so machine noise hits both alike; the paired ratio (each
// round's leadgen-diag time over the same round's baseline, then the median of those) is the
// figure least moved by a machine that slows down and speeds up during the run.
//
//   build/dev/bench/bench_startup [--rounds N]       (default 21; goal: paired median ratio <= 2.0)
//
// leadgen-diag runs with its own settings directory (a temporary HOME / XDG_CONFIG_HOME): one
// unmeasured warm-up run is its first start (it writes the draft and the composer's layout that a
// later start reads; the exit hook quits without closing, so the window keeps its default
// 1366x768, the baseline's size), then every measured run is an ordinary later start.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// Milliseconds from QProcess::start to the "first-paint" line; -1 on failure.
double timeToFirstPaint(const QString& program, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(program, {});
    if (!process.waitForStarted(10000))
        return -1;
    QByteArray out;
    while (!out.contains("first-paint\n")) {
        if (!process.waitForReadyRead(30000))
            break;
        out += process.readAllStandardOutput();
    }
    const double ms = timer.nsecsElapsed() / 1e6;
    if (!process.waitForFinished(30000))
        process.kill();
    if (!out.contains("first-paint\n")) {
        std::fprintf(stderr, "%s: no first paint\n%s\n", qPrintable(program),
                     process.readAllStandardError().constData());
        return -1;
    }
    return ms;
}

struct Figures
{
    double median = 0;
    double best = 0;
};

Figures figures(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    return {n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2, samples.front()};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int rounds = 21;
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--rounds"))); i > 0 && i + 1 < args.size())
        rounds = std::max(1, args.at(i + 1).toInt());

    const QString leadgen = QCoreApplication::applicationDirPath() + QStringLiteral("/startup_app");
    const QString minimal = QCoreApplication::applicationDirPath() + QStringLiteral("/startup_minimal");

    QTemporaryDir home;
    QDir(home.path()).mkpath(QStringLiteral("config"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));

    // Warm-up (not measured): disk caches, and leadgen-diag's first start.
    if (timeToFirstPaint(minimal, environment) < 0 || timeToFirstPaint(leadgen, environment) < 0)
        return 1;

    std::vector<double> ours;
    std::vector<double> baseline;
    std::vector<double> paired;
    for (int round = 0; round < rounds; ++round) {
        // Alternate which one goes first, too.
        const bool leadgenFirst = round % 2 == 0;
        for (int k = 0; k < 2; ++k) {
            const bool isLeadgen = (k == 0) == leadgenFirst;
            const double ms = timeToFirstPaint(isLeadgen ? leadgen : minimal, environment);
            if (ms < 0)
                return 1;
            (isLeadgen ? ours : baseline).push_back(ms);
        }
        paired.push_back(ours.back() / baseline.back());
    }

    const Figures a = figures(ours);
    const Figures b = figures(baseline);
    std::printf("startup to first paint (offscreen, %d rounds)\n", rounds);
    std::printf("  %-26s median %7.1f ms   best %7.1f ms\n", "minimal QMainWindow", b.median, b.best);
    std::printf("  %-26s median %7.1f ms   best %7.1f ms\n", "leadgen-diag", a.median, a.best);
    std::printf("  ratio                      median %7.2fx    best %7.2fx\n", a.median / b.median, a.best / b.best);
    std::printf("  paired ratio               median %7.2fx   (goal <= 2.00x)\n", figures(paired).median);
    return 0;
}
