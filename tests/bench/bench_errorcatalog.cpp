// ErrorCatalog costs, each next to a baseline measured in the same run:
//  - search: per query kind (typed words, codes, method names, pasted responses), against a naive
//    filter that lower-cases every entry's text and calls QString::contains (what a plain
//    list filter would do, with none of the ranking);
//  - load: parse + validate of resources/errors.json, and load + first search (which builds the
//    search index), against QJsonDocument::fromJson of the same bytes alone.
//
//   build/dev/bench/bench_errorcatalog [rounds]
#include "ErrorCatalog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {
template<typename F>
double medianMicros(int rounds, int repeat, F&& step)
{
    std::vector<double> samples;
    samples.reserve(size_t(rounds));
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < repeat; ++i)
            step();
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0 / double(repeat));
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

QStringList typed(const QString& word)
{
    QStringList list;
    for (int i = 1; i <= word.size(); ++i)
        list << word.left(i);
    return list;
}

// A pasted batch response with `objects` results, every third one failed.
QString pastedBatch(int objects)
{
    QString items;
    QString errors;
    for (int i = 0; i < objects; ++i) {
        if (!items.isEmpty())
            items += QLatin1Char(',');
        if (i % 3 == 2) {
            const QString e = QStringLiteral(R"({"code":301,"message":"Entry already exists.","data":[]})");
            items += QStringLiteral(R"({"success":false,"error":%1})").arg(e);
            errors += (errors.isEmpty() ? QString() : QStringLiteral(",")) + e;
        } else {
            items += QStringLiteral(R"({"success":true,"error":null,"id":3467432%1})").arg(52994 + i);
        }
    }
    return QStringLiteral(R"({"result":{"creates":[%1]},"error":[%2],"id":"req-2"})").arg(items, errors);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(3, QString::fromLocal8Bit(argv[1]).toInt()) : 30;
    const ErrorCatalog& catalog = ErrorCatalog::builtin();

    // The naive filter's haystacks: every text field of an entry, lower-cased once.
    std::vector<QString> haystacks;
    for (const ErrorEntry& e : catalog.entries())
        haystacks.push_back((QStringList{e.displayId(), e.name, e.title, e.message, e.summary} + e.causes + e.fixes +
                             e.keywords + e.methods)
                                .join(QLatin1Char(' '))
                                .toLower());

    struct Kind
    {
        const char* label;
        QStringList queries;
    };
    const std::vector<Kind> kinds = {
        {"typed words (\"rate limit\", \"duplicate\", \"foreign key\")", typed(QStringLiteral("rate limit")) +
                                                                             typed(QStringLiteral("duplicate")) +
                                                                             typed(QStringLiteral("foreign key"))},
        {"codes, hex, names (105, 0x69, ENTRY_EXISTS)",
         {QStringLiteral("105"), QStringLiteral("0x69"), QStringLiteral("ENTRY_EXISTS"),
          QStringLiteral("http_401_text")}},
        {"method names (getLeads, createLeads)",
         typed(QStringLiteral("getLeads")) + typed(QStringLiteral("createLeads"))},
        {"pasted API error (100 bytes)",
         {QStringLiteral(
             R"({"result":null,"error":{"code":205,"message":"Invalid parameters.","data":{}},"id":"r1"})")}},
        {"pasted batch, 30 objects (2.4 KB)", {pastedBatch(30)}},
        {"pasted batch, 500 objects (40 KB)", {pastedBatch(500)}},
    };

    QTextStream out(stdout);
    out << "bench_errorcatalog: " << catalog.entries().size() << " entries, median of " << rounds << " rounds\n";
    out << QStringLiteral("  %1 %2 %3 %4\n")
               .arg(QStringLiteral("query kind"), -52)
               .arg(QStringLiteral("search us"), 10)
               .arg(QStringLiteral("naive us"), 10)
               .arg(QStringLiteral("ratio"), 7);
    qint64 sink = 0;
    for (const Kind& kind : kinds) {
        const int repeat = std::max(1, 200 / int(kind.queries.size()));
        const double search = medianMicros(rounds, repeat,
                                           [&] {
                                               for (const QString& q : kind.queries)
                                                   sink += catalog.search(q).size();
                                           }) /
                              double(kind.queries.size());
        const double naive = medianMicros(rounds, repeat,
                                          [&] {
                                              for (const QString& q : kind.queries) {
                                                  const QString lower = q.toLower();
                                                  for (const QString& h : haystacks)
                                                      sink += h.contains(lower) ? 1 : 0;
                                              }
                                          }) /
                             double(kind.queries.size());
        out << QStringLiteral("  %1 %2 %3 %4x\n")
                   .arg(QString::fromLatin1(kind.label), -52)
                   .arg(search, 10, 'f', 1)
                   .arg(naive, 10, 'f', 1)
                   .arg(search / naive, 6, 'f', 2);
    }

    QFile file(QStringLiteral(":/leadgen/errors.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no :/leadgen/errors.json");
    const QByteArray json = file.readAll();
    const double parse = medianMicros(rounds, 5, [&] { sink += QJsonDocument::fromJson(json).isObject() ? 1 : 0; });
    const double load = medianMicros(rounds, 5, [&] {
        ErrorCatalog c;
        sink += c.loadFromJson(json) ? 1 : 0;
    });
    // The search index is built by the first search, so time it separately.
    const double firstSearch = medianMicros(rounds, 5, [&] {
        ErrorCatalog c;
        c.loadFromJson(json);
        sink += c.search(QStringLiteral("rate limit")).size();
    });
    out << QStringLiteral(
               "  load errors.json (%1 KB): parse+validate %2 us, QJsonDocument::fromJson alone %3 us, %4x\n")
               .arg(json.size() / 1024)
               .arg(load, 0, 'f', 0)
               .arg(parse, 0, 'f', 0)
               .arg(load / parse, 0, 'f', 2);
    out << QStringLiteral("  load + first search (builds the search index): %1 us, %2x fromJson\n")
               .arg(firstSearch, 0, 'f', 0)
               .arg(firstSearch / parse, 0, 'f', 2);
    out << "  (checksum " << sink << ")\n";
    return 0;
}
