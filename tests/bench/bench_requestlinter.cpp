// How long RequestLinter::lint takes on request bodies the composer lints while the user types,
// next to two baselines measured in the same run on the same text: QJsonDocument::fromJson
// (parsing alone, the floor of any JSON check) and JsonSourceScanner::scan (the linter's own
// position-keeping parse). A second table grows single objects (12.5k to 200k keys, ~2 MB at
// the top) and a method name (up to 1 MB): the linter must stay linear in both.
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
// An envelope whose params hold one object of `keys` members ("k0".."kN", then "k0" again) at
// `where`: as a filter of getLeads (the per-parameter rules see it) or inside a createLeads
// record (the per-field rules see every key).
QString bigObjectBody(int keys, bool inRecord)
{
    QString object;
    object.reserve(keys * 12 + 16);
    object += QLatin1Char('{');
    for (int i = 0; i < keys; ++i)
        object += QStringLiteral("\"k%1\":0,").arg(i);
    object += QStringLiteral("\"k0\":1}");
    if (inRecord)
        return QStringLiteral("{\"method\":\"createLeads\",\"params\":{\"objects\":[%1]},\"id\":\"1\"}").arg(object);
    return QStringLiteral("{\"method\":\"getLeads\",\"params\":{\"where\":%1},\"id\":\"1\"}").arg(object);
}

QString longMethodBody(int length)
{
    return QStringLiteral("{\"method\":\"%1\",\"params\":{},\"id\":\"1\"}").arg(QString(length, QLatin1Char('x')));
}

void printRow(QTextStream& out, const QString& name, const QString& text, const RequestLinter& linter, int rounds,
              qsizetype* sink)
{
    const QByteArray utf8 = text.toUtf8();
    const double parse = medianMicros(rounds, [&] { *sink += QJsonDocument::fromJson(utf8).object().size(); });
    const double scan = medianMicros(rounds, [&] { *sink += JsonSourceScanner::scan(text).ok ? 1 : 0; });
    qsizetype findings = 0;
    const double lint = medianMicros(rounds, [&] { findings = linter.lint(text).size(); });
    out << qSetFieldWidth(24) << Qt::left << name << qSetFieldWidth(10) << Qt::right << utf8.size() << findings
        << QString::number(parse / 1000, 'f', 1) + QStringLiteral("ms")
        << QString::number(scan / 1000, 'f', 1) + QStringLiteral("ms")
        << QString::number(lint / 1000, 'f', 1) + QStringLiteral("ms")
        << QString::number(lint / parse, 'f', 1) + QStringLiteral("x") << qSetFieldWidth(0) << '\n'
        << Qt::flush;
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

    const int bigRounds = std::min(rounds, 5);
    out << "\nbig objects and names, median of " << bigRounds << '\n';
    out << qSetFieldWidth(24) << Qt::left << "body" << qSetFieldWidth(10) << Qt::right << "bytes"
        << "findings"
        << "fromJson"
        << "scan"
        << "lint"
        << "lint/fromJson" << qSetFieldWidth(0) << '\n';
    for (const bool inRecord : {false, true}) {
        for (const int keys : {12500, 25000, 50000, 100000, 200000})
            printRow(out, QStringLiteral("%1 %2k keys").arg(inRecord ? "record" : "where").arg(keys / 1000.0),
                     bigObjectBody(keys, inRecord), linter, bigRounds, &sink);
    }
    for (const int length : {1 << 17, 1 << 18, 1 << 19, 1 << 20})
        printRow(out, QStringLiteral("method name %1 KB").arg(length / 1024), longMethodBody(length), linter, bigRounds,
                 &sink);
    out << (sink > 0 ? "" : " ") << Qt::flush;
    return 0;
}
