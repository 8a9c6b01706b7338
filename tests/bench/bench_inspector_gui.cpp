// Does loading a huge response freeze the inspector? Loads a generated getLeads response
// (default 100 MB, also a 50 MB one that takes the pretty-printed path) into the real
// InspectorWidget, offscreen, while a 10 ms heartbeat QTimer runs on the GUI thread, and
// prints the longest gap between heartbeats (the longest time the event loop was blocked, plus
// the 10 ms period) and the time until the tree is browsable and until everything is laid out.
//
// Baselines from the same run: the same heartbeat over an idle event loop (what this machine's
// scheduler costs), and the bare core work (JsonIndex + ResponseAnalyzer, synchronously, no
// GUI): the inspector cannot be browsable sooner than that. Then it browses: expands the lead
// array, selects the last lead, scrolls the body to the end and finds a string near the end,
// still under the heartbeat. Goal (issue 5): longest gap ≤ 50 ms.
//
//   build/dev/bench/bench_inspector_gui [megabytes...]      (default: 100 50)
#include "BodyView.h"
#include "CallCapture.h"
#include "ErrorCatalog.h"
#include "InspectorWidget.h"
#include "JsonTreeModel.h"
#include "ResponseAnalyzer.h"
#include "ResponseGenerator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

namespace {
constexpr qint64 kGoalMs = 50;

// Longest interval between two ticks of a 10 ms timer while `work` runs and until `done`.
struct Heartbeat
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longest = 0;
    int ticks = 0;

    Heartbeat()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
            ++ticks;
        });
    }
    void start()
    {
        clock.start();
        last = 0;
        longest = 0;
        ticks = 0;
        timer.start();
    }
    // Also counts the time from the last tick to now, so a block at the very end is seen.
    qint64 stop()
    {
        timer.stop();
        longest = std::max(longest, clock.elapsed() - last);
        return longest;
    }
};

// Runs the event loop until `condition` or the timeout.
template<typename F>
bool spin(F&& condition, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

QString ms(qint64 value)
{
    return QStringLiteral("%1 ms").arg(value, 6);
}

QString verdict(qint64 gap)
{
    return gap <= kGoalMs ? QStringLiteral("ok") : QStringLiteral("OVER GOAL");
}
} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    QList<qint64> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.append(QString::fromLocal8Bit(argv[i]).toLongLong() * 1'000'000);
    if (sizes.isEmpty())
        sizes = {100'000'000, 50'000'000};

    InspectorWidget widget(ErrorCatalog::builtin());
    widget.resize(1366, 768);
    widget.show();
    spin([] { return false; }, 300); // settle: first layout and paint
    Heartbeat heartbeat;

    // Baseline: the heartbeat alone, over an idle loop.
    heartbeat.start();
    spin([] { return false; }, 2000);
    const qint64 idleGap = heartbeat.stop();
    out << "leadgen-diag inspector GUI benchmark (offscreen, 10 ms heartbeat, goal: longest gap <= " << kGoalMs
        << " ms)\n";
    out << "  idle event loop, 2 s:            longest gap " << ms(idleGap) << "  (" << heartbeat.ticks << " ticks)\n";
    out.flush();

    QTemporaryDir dir;
    bool allOk = true;
    for (const qint64 size : sizes) {
        const QByteArray body = ResponseGenerator::getLeads(size);
        const QString path = dir.filePath(QStringLiteral("getleads-%1.json").arg(size));
        {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size()) {
                out << "cannot write " << path << "\n";
                return 2;
            }
        }
        out << "\n"
            << QLocale::c().formattedDataSize(body.size(), 1, QLocale::DataSizeSIFormat) << ", "
            << ResponseGenerator::leadCount(body) << " leads\n";

        // Baseline: the core alone, on this thread, nothing else running.
        QElapsedTimer core;
        core.start();
        const JsonIndex index = JsonIndex::fromBytes(body);
        const qint64 indexMs = core.elapsed();
        const Diagnosis diagnosis = ResponseAnalyzer().analyze(index, {});
        const qint64 coreMs = core.elapsed();
        out << "  core alone (index + analyze):     " << ms(coreMs) << "  (index " << indexMs << " ms, verdict "
            << Diagnosis::verdictName(diagnosis.verdict) << ")\n";
        out.flush();

        for (const bool fromFile : {false, true}) {
            QSignalSpy treeReady(&widget, &InspectorWidget::treeReady);
            QSignalSpy loaded(&widget, &InspectorWidget::loaded);
            QElapsedTimer clock;
            heartbeat.start();
            clock.start();
            if (fromFile) {
                widget.openFile(path);
            } else {
                CallCapture capture;
                capture.hasResponse = true;
                capture.httpStatus = 200;
                capture.reasonPhrase = QStringLiteral("OK");
                capture.responseHeaders = {{"Content-Type", "application/json"}};
                capture.body = body;
                capture.bodySize = body.size();
                capture.requestBody = R"({"method":"getLeads","params":{"where":{},"limit":500},"id":"bench"})";
                capture.displayUrl = QStringLiteral("http://127.0.0.1/pubapi/v1.2/?accountID=BENCH&secretKey=•••");
                widget.openCapture(capture);
            }
            const qint64 openCallMs = clock.elapsed();
            if (!spin([&] { return !treeReady.isEmpty(); })) {
                out << "  tree never became ready\n";
                return 1;
            }
            const qint64 treeMs = clock.elapsed();
            if (!spin([&] { return !loaded.isEmpty(); })) {
                out << "  never finished loading\n";
                return 1;
            }
            const qint64 loadedMs = clock.elapsed();
            spin([] { return false; }, 200); // paints after loading count too
            const qint64 loadGap = heartbeat.stop();
            allOk = allOk && loadGap <= kGoalMs;
            const BodyView* bodyView = widget.bodyView();
            out << (fromFile ? "  File → Open (mapped file)\n" : "  received (CallCapture in memory)\n");
            out << "    openCapture/openFile returns:   " << ms(openCallMs) << "\n";
            out << "    tree browsable after:           " << ms(treeMs) << "  ("
                << QString::number(double(treeMs) / double(std::max<qint64>(1, coreMs)), 'f', 2) << "x core alone)\n";
            out << "    body laid out after:            " << ms(loadedMs) << "  ("
                << (bodyView->bodyLayout()->mode() == BodyLayout::Mode::Pretty ? "pretty-printed, " : "raw, ")
                << bodyView->bodyLayout()->lineCount() << " lines)\n";
            out << "    longest event-loop gap:         " << ms(loadGap) << "  ("
                << QString::number(double(loadGap) / double(std::max<qint64>(1, idleGap)), 'f', 1) << "x idle)  "
                << verdict(loadGap) << "\n";
            out.flush();
        }

        // Browsing the loaded document: expand the lead array, select the last lead, scroll the
        // body to the end, find something near the end.
        heartbeat.start();
        QElapsedTimer browse;
        browse.start();
        auto* tree = widget.findChild<QTreeView*>(QStringLiteral("treeView"));
        const JsonIndex& shown = *widget.result()->index;
        const JsonIndex::NodeId leads =
            shown.member(shown.member(shown.root(), QLatin1String("result")), QLatin1String("lead"));
        const JsonIndex::NodeId lastLead = shown.child(leads, shown.childCount(leads) - 1);
        const QModelIndex lastIndex = widget.treeModel()->indexForNode(lastLead);
        tree->expand(lastIndex.parent());
        tree->setCurrentIndex(lastIndex);
        tree->scrollTo(lastIndex);
        const qint64 selectMs = browse.elapsed();
        spin([] { return false; }, 100);
        widget.bodyView()->verticalScrollBar()->setValue(widget.bodyView()->verticalScrollBar()->maximum());
        spin([] { return false; }, 100);
        QSignalSpy found(widget.bodyView(), &BodyView::findFinished);
        widget.showFindBar();
        auto* edit = widget.findChild<QLineEdit*>(QStringLiteral("findEdit"));
        edit->setText(QStringLiteral("bench-getleads"));
        widget.bodyView()->verticalScrollBar()->setValue(0);
        QElapsedTimer findClock;
        findClock.start();
        widget.findNext();
        spin([&] { return !found.isEmpty(); });
        const qint64 findMs = findClock.elapsed();
        spin([] { return false; }, 100);
        const qint64 browseGap = heartbeat.stop();
        allOk = allOk && browseGap <= kGoalMs;
        out << "  browsing: select the last of " << shown.childCount(leads) << " leads " << selectMs
            << " ms, find at the end " << findMs << " ms ("
            << (widget.bodyView()->currentMatch().found ? "found" : "NOT FOUND") << ")\n";
        out << "    longest event-loop gap:         " << ms(browseGap) << "  " << verdict(browseGap) << "\n";
        out.flush();
    }
    out << "\n" << (allOk ? "all loads within the goal" : "SOME GAPS OVER THE GOAL") << "\n";
    return allOk ? 0 : 1;
}
