// How long one keystroke in the error browser's search field takes, from the filter run to the
// detail pane showing the best match, next to the catalogue search alone (the floor: the browser
// cannot be faster than ErrorCatalog::search) measured in the same run.
//
//   build/dev/bench/bench_errorfilter [rounds]
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "ErrorCodeModel.h"
#include "ErrorFilterProxyModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {
// Queries as they grow while typed, one keystroke at a time.
QStringList keystrokes()
{
    QStringList list;
    for (const QString& word :
         {QStringLiteral("duplicate"), QStringLiteral("0x69"), QStringLiteral("getLeads"),
          QStringLiteral("\"code\": 301"), QStringLiteral("rate limit"), QStringLiteral("zzzz")}) {
        for (int i = 1; i <= word.size(); ++i)
            list << word.left(i);
        list << QString(); // cleared before the next word
    }
    return list;
}

template<typename F>
double medianMicros(int rounds, const QStringList& queries, F&& step)
{
    std::vector<double> samples;
    samples.reserve(size_t(rounds));
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (const QString& q : queries)
            step(q);
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0 / double(queries.size()));
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}
} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the widget remembers its splitter: not in the user's settings
    const int rounds = argc > 1 ? std::max(3, QString::fromLocal8Bit(argv[1]).toInt()) : 30;
    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    const QStringList queries = keystrokes();

    int sink = 0;
    const double search =
        medianMicros(rounds, queries, [&](const QString& q) { sink += int(catalog.search(q).size()); });

    ErrorCodeModel model(catalog);
    ErrorFilterProxyModel proxy(&model);
    const double filter = medianMicros(rounds, queries, [&](const QString& q) {
        proxy.setQuery(q);
        sink += proxy.rowCount();
    });

    ErrorBrowserWidget browser(catalog);
    browser.resize(1366, 720);
    browser.show();
    const double widget = medianMicros(rounds, queries, [&](const QString& q) {
        browser.setQuery(q); // filter, select the best match, render its detail
        QCoreApplication::processEvents();
        sink += browser.currentEntry() ? 1 : 0;
    });

    // The part of a keystroke spent on the detail pane: showing another entry, no filtering.
    const QStringList entries{QStringLiteral("301"), QStringLiteral("105")};
    const double detail = medianMicros(rounds, entries, [&](const QString& key) {
        browser.showEntry(key);
        QCoreApplication::processEvents();
    });

    QTextStream out(stdout);
    out << "bench_errorfilter: " << catalog.entries().size() << " entries, " << queries.size()
        << " keystrokes, median of " << rounds << " rounds (checksum " << sink << ")\n";
    out << QStringLiteral("  ErrorCatalog::search (baseline)  %1 us/keystroke\n").arg(search, 9, 'f', 1);
    out << QStringLiteral("  filter proxy (search + filter)   %1 us/keystroke  %2x baseline\n")
               .arg(filter, 9, 'f', 1)
               .arg(filter / search, 0, 'f', 2);
    out << QStringLiteral("  browser widget (+ list, detail)  %1 us/keystroke  %2x baseline, %3% of a 16.7 ms frame\n")
               .arg(widget, 9, 'f', 1)
               .arg(widget / search, 0, 'f', 2)
               .arg(widget / 16667.0 * 100.0, 0, 'f', 1);
    out << QStringLiteral("  of which detail pane (one entry)  %1 us/entry\n").arg(detail, 9, 'f', 1);
    return 0;
}
