// Does opening a big HAR file freeze the window? Writes a HAR 1.2 file of 5,000 API calls (about
// 200 MB: getLeads pages of 40 KB, one call in ten a failed createLeads batch or an error) and
// opens it through SupportController as File → Open does (SupportCallsDialog: read and diagnosed
// on a worker thread, then listed), opens the last call in the real InspectorWidget, then runs
// File → Triage… on the same file (TriageDialog), while a 10 ms heartbeat QTimer runs on the GUI thread. Prints the
// longest gap between heartbeats (the longest time the event loop was blocked) per phase.
//
// Baselines from the same run: the heartbeat over an idle event loop (what the machine's
// scheduler costs), and SupportFileLoader::read on this thread (the work the dialog must not do
// on the GUI thread): the dialog cannot list the calls sooner than that. Goal: longest gap
// <= 50 ms, judged on the median of --runs (default 3). Next to each gap, the longest CPU time the
// GUI thread itself used between two ticks: on a shared machine the wall-clock gap also holds time
// the scheduler gave to other processes.
//
//   build/dev/bench/bench_support_gui [--runs N] [--entries N] [--kb-per-response N]
#include "BenchHeartbeat.h"
#include "ErrorCatalog.h"
#include "InspectorWidget.h"
#include "support/SupportCallsDialog.h"
#include "support/SupportController.h"
#include "support/SupportFileLoader.h"
#include "support/TriageDialog.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QWidget>

namespace {
using namespace BenchHeartbeat;

QByteArray leadsPage(int entry, int bytes)
{
    QByteArray leads;
    int n = 0;
    while (leads.size() < bytes) {
        if (n > 0)
            leads += ',';
        const QByteArray id = QByteArray::number(qint64(entry) * 1000 + n);
        leads += "{\"id\":\"" + id + "\",\"firstName\":\"Zoë " + id +
                 "\",\"lastName\":\"Lindqvist\",\"emailAddress\":\"lead" + id +
                 "@example.com\",\"companyName\":\"Acme Ströme GmbH\",\"title\":\"Head of Operations\","
                 "\"street\":\"12 Rue de la Paix\",\"city\":\"Paris\",\"country\":\"FR\",\"phoneNumber\":\"+33 1 23 45 "
                 "67 89\",\"leadScore\":\"42\",\"leadStatus\":\"open\",\"createTimestamp\":\"2026-11-30 "
                 "09:12:44\",\"updateTimestamp\":\"2026-12-01 10:00:00\",\"description\":null}";
        ++n;
    }
    return "{\"result\":{\"lead\":[" + leads + "]},\"error\":null,\"id\":\"" + QByteArray::number(entry) +
           "\",\"callCount\":\"" + QByteArray::number(entry + 1) + "\",\"queryLimit\":\"50000\"}";
}

// One HAR entry: every tenth call fails (a createLeads batch with a duplicate, or an error).
QJsonObject entry(int i, int responseBytes)
{
    QByteArray request;
    QByteArray response;
    if (i % 20 == 9) {
        request = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":\"a@example.com\"},"
                  "{\"emailAddress\":\"a@example.com\"}]},\"id\":\"" +
                  QByteArray::number(i) + "\"}";
        response =
            "{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":\"" + QByteArray::number(i) +
            "\"},{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":{}}}]},"
            "\"error\":[{\"code\":301,\"message\":\"Entry already exists\",\"data\":{}}],\"id\":\"" +
            QByteArray::number(i) + "\"}";
    } else if (i % 20 == 19) {
        request = "{\"method\":\"getLead\",\"params\":{},\"id\":\"" + QByteArray::number(i) + "\"}";
        response =
            "{\"result\":null,\"error\":{\"code\":205,\"message\":\"Invalid parameters\",\"data\":{\"field\":\"id\"}},"
            "\"id\":\"" +
            QByteArray::number(i) + "\"}";
    } else {
        request =
            "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":40,\"offset\":" + QByteArray::number(i * 40) +
            "},\"id\":\"" + QByteArray::number(i) + "\"}";
        response = leadsPage(i, responseBytes);
    }
    const QString url = QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/?accountID=BENCH&secretKey=%1").arg(i);
    QJsonObject req{
        {QStringLiteral("method"), QStringLiteral("POST")},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("headers"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Content-Type")},
                                {QStringLiteral("value"), QStringLiteral("application/json")}}}},
        {QStringLiteral("postData"), QJsonObject{{QStringLiteral("mimeType"), QStringLiteral("application/json")},
                                                 {QStringLiteral("text"), QString::fromUtf8(request)}}}};
    QJsonObject res{
        {QStringLiteral("status"), 200},
        {QStringLiteral("statusText"), QStringLiteral("OK")},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("headers"), QJsonArray()},
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), response.size()},
                                                {QStringLiteral("mimeType"), QStringLiteral("application/json")},
                                                {QStringLiteral("text"), QString::fromUtf8(response)}}}};
    const qint64 startMs = 1'796'000'000'000 + qint64(i) * 1000;
    return {{QStringLiteral("startedDateTime"),
             QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("time"), 120},
            {QStringLiteral("request"), req},
            {QStringLiteral("response"), res},
            {QStringLiteral("timings"), QJsonObject{{QStringLiteral("wait"), 100}, {QStringLiteral("receive"), 20}}}};
}

bool writeHar(const QString& path, int entries, int responseBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"bench\",\"version\":\"1\"},\"entries\":[\n");
    for (int i = 0; i < entries; ++i) {
        if (i > 0)
            file.write(",\n");
        file.write(QJsonDocument(entry(i, responseBytes)).toJson(QJsonDocument::Compact));
    }
    file.write("]}}\n");
    return file.error() == QFileDevice::NoError;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    int runs = 3;
    int entries = 5000;
    int kb = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const int value = std::max(1, QString::fromLocal8Bit(argv[i + 1]).toInt());
        if (arg == QLatin1String("--runs"))
            runs = value;
        else if (arg == QLatin1String("--entries"))
            entries = value;
        else if (arg == QLatin1String("--kb-per-response"))
            kb = value;
    }

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("calls.har"));
    if (!writeHar(path, entries, kb * 1000)) {
        out << "cannot write " << path << "\n";
        return 2;
    }
    out << "leadgen-diag support GUI benchmark (offscreen, 10 ms heartbeat, " << runs
        << " runs each, goal: longest gap <= " << kGoalMs << " ms)\n";
    out << "HAR: " << entries << " entries, "
        << QLocale::c().formattedDataSize(QFileInfo(path).size(), 1, QLocale::DataSizeSIFormat) << "\n";

    Heartbeat heartbeat;
    Stats idle;
    for (int run = 0; run < runs; ++run) {
        heartbeat.start(QStringLiteral("idle"));
        spin([] { return false; }, 2000);
        idle.values.append(heartbeat.stop());
    }
    out << "  idle event loop, 2 s windows:      longest gap " << idle.summary() << "\n";
    out.flush();

    // Baseline: the worker's job, done on this thread.
    Stats core;
    qsizetype calls = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer clock;
        clock.start();
        const SupportFileLoader::Contents contents = SupportFileLoader::read({path}, QString());
        core.values.append(clock.elapsed());
        calls = contents.calls.size();
    }
    out << "  read + diagnose alone (no GUI):    " << core.summary() << ", " << calls << " calls\n";
    out.flush();

    QWidget window;
    window.resize(1366, 768);
    window.show();
    InspectorWidget inspector(ErrorCatalog::builtin());
    inspector.resize(1366, 768);
    inspector.show();
    SupportController controller(window, inspector);
    spin([] { return false; }, 300);

    bool allOk = true;
    Stats listed, listGaps, triaged, triageGaps, opened, openGaps, listCpu, openCpu, triageCpu;
    for (int run = 0; run < runs; ++run) {
        // As File → Open does for a HAR file.
        QElapsedTimer clock;
        heartbeat.start(QStringLiteral("open HAR"));
        clock.start();
        if (!controller.openSupportFile(path)) {
            out << "  not recognised as a HAR file\n";
            return 1;
        }
        SupportCallsDialog* dialog = controller.callsDialog();
        if (!spin([&] { return !dialog->isLoading(); }, 600000)) {
            out << "  the calls never loaded\n";
            return 1;
        }
        listed.values.append(clock.elapsed());
        spin([] { return false; }, 200); // the paint after loading counts too
        listGaps.values.append(heartbeat.stop());
        listCpu.values.append(heartbeat.longestCpuUs / 1000);
        if (dialog->model()->rowCount() != calls) {
            out << "  listed " << dialog->model()->rowCount() << " calls, expected " << calls << "\n";
            return 1;
        }

        QSignalSpy inspected(&inspector, &InspectorWidget::loaded);
        heartbeat.start(QStringLiteral("open last call"));
        clock.restart();
        dialog->openRow(dialog->model()->rowCount() - 1);
        spin([&] { return !inspected.isEmpty(); });
        opened.values.append(clock.elapsed());
        spin([] { return false; }, 200);
        openGaps.values.append(heartbeat.stop());
        openCpu.values.append(heartbeat.longestCpuUs / 1000);

        // As File → Triage… does.
        heartbeat.start(QStringLiteral("triage"));
        clock.restart();
        TriageDialog* triage = controller.triage({path});
        QSignalSpy finished(triage, &TriageDialog::finished);
        if (!spin([&] { return !finished.isEmpty(); }, 600000)) {
            out << "  triage never finished\n";
            return 1;
        }
        triaged.values.append(clock.elapsed());
        spin([] { return false; }, 200);
        triageGaps.values.append(heartbeat.stop());
        triageCpu.values.append(heartbeat.longestCpuUs / 1000);
    }
    const auto report = [&](const char* what, const Stats& time, const Stats& gaps, const Stats& cpu) {
        allOk = allOk && gaps.median() <= kGoalMs;
        out << "  " << what << "\n";
        out << "    done after:                      " << time.summary() << "\n";
        out << "    longest event-loop gap:          " << gaps.summary() << "  (idle: " << idle.median() << " ms)  "
            << verdict(gaps.median()) << "\n";
        out << "    longest GUI-thread CPU between two ticks: " << cpu.summary() << "\n";
    };
    report("File → Open (SupportCallsDialog lists the calls)", listed, listGaps, listCpu);
    out << "    (" << QString::number(double(listed.median()) / double(std::max<qint64>(1, core.median())), 'f', 2)
        << "x read + diagnose alone)\n";
    report("open the last call in the inspector", opened, openGaps, openCpu);
    report("File → Triage… (TriageDialog)", triaged, triageGaps, triageCpu);
    out << "\n" << (allOk ? "every phase within the goal (median of runs)" : "SOME PHASES OVER THE GOAL") << "\n";
    return allOk ? 0 : 1;
}
