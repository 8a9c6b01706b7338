// How long RequestLinter::lint takes on request bodies the composer lints while the user types,
// next to two baselines measured in the same run on the same text: QJsonDocument::fromJson
// (parsing alone, the floor of any JSON check) and JsonSourceScanner::scan (the linter's own
// position-keeping parse).
//
//   build/dev/bench/bench_requestlinter [rounds]
#include "JsonSourceScanner.h"
#include "RequestLinter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {
template<typename F>
double medianMicros(int rounds, F&& step)
{
    std::vector<double> samples;
    samples.reserve(size_t(rounds));
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        step();
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

// createLeads with `count` realistic records (standard and custom fields), pretty-printed as
// the composer shows it; every fifth record carries a mistake so the rules have work to do.
QString createLeadsBody(int count)
{
    QJsonArray objects;
    for (int i = 0; i < count; ++i) {
        QJsonObject lead{{QStringLiteral("emailAddress"), QStringLiteral("lead%1@example.com").arg(i)},
                         {QStringLiteral("firstName"), QStringLiteral("Ada")},
                         {QStringLiteral("lastName"), QStringLiteral("Lovelace %1").arg(i)},
                         {QStringLiteral("companyName"), QStringLiteral("Analytical Engines Ltd")},
                         {QStringLiteral("title"), QStringLiteral("Head of Research")},
                         {QStringLiteral("city"), QStringLiteral("London")},
                         {QStringLiteral("leadStatus"), QStringLiteral("open")},
                         {QStringLiteral("ownerID"), 311256064},
                         {QStringLiteral("Favorite_Color_5a0dd86e6e290"), QStringLiteral("teal")}};
        if (i % 5 == 0)
            lead.insert(QStringLiteral("phonenumber"), QStringLiteral("+44 20 7946 0000"));
        objects.append(lead);
    }
    const QJsonObject envelope{{QStringLiteral("method"), QStringLiteral("createLeads")},
                               {QStringLiteral("params"), QJsonObject{{QStringLiteral("objects"), objects}}},
                               {QStringLiteral("id"), QStringLiteral("bench")}};
    return QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Indented));
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(3, QString::fromLocal8Bit(argv[1]).toInt()) : 30;
    QTextStream out(stdout);
    const RequestLinter linter;

    const QList<std::pair<QString, QString>> bodies = {
        {QStringLiteral("getLeads (small)"),
         QStringLiteral(R"({"method": "getLeads", "params": {"where": {}, "limit": 500, "offset": 0}, "id": "1"})")},
        {QStringLiteral("createLeads x 50"), createLeadsBody(50)},
        {QStringLiteral("createLeads x 500"), createLeadsBody(500)},
    };
    out << "rounds: " << rounds << ", median per lint\n";
    out << qSetFieldWidth(20) << Qt::left << "body" << qSetFieldWidth(10) << Qt::right << "bytes"
        << "findings"
        << "fromJson"
        << "scan"
        << "lint"
        << "lint/fromJson" << qSetFieldWidth(0) << '\n';
    qsizetype sink = 0;
    for (const auto& [name, text] : bodies) {
        const QByteArray utf8 = text.toUtf8();
        const double parse = medianMicros(rounds, [&] { sink += QJsonDocument::fromJson(utf8).object().size(); });
        const double scan = medianMicros(rounds, [&] { sink += JsonSourceScanner::scan(text).ok ? 1 : 0; });
        qsizetype findings = 0;
        const double lint = medianMicros(rounds, [&] { findings = linter.lint(text).size(); });
        out << qSetFieldWidth(20) << Qt::left << name << qSetFieldWidth(10) << Qt::right << utf8.size() << findings
            << QString::number(parse, 'f', 1) + QStringLiteral("us")
            << QString::number(scan, 'f', 1) + QStringLiteral("us")
            << QString::number(lint, 'f', 1) + QStringLiteral("us")
            << QString::number(lint / parse, 'f', 1) + QStringLiteral("x") << qSetFieldWidth(0) << '\n';
    }
    out << (sink > 0 ? "" : " ") << Qt::flush;
    return 0;
}
