// `inspect` on a batch where every object failed (docs/design.md, Command line: output stays
// proportional to the distinct problems), next to a bare simdjson DOM parse of the same file in
// the same run. Each phase runs in its own child process (fork + exec or fork, then wait4), so
// peak RSS and CPU time are that phase's alone.
//
//   build/dev/bench/bench_inspect_failed [MB]      (default 72; the file is made in a temp dir)
//   build/dev/bench/bench_inspect_failed --succeeded [MB]     (default 72: the same batch, all succeeded)
//   build/dev/bench/bench_inspect_failed --array [MILLIONS]   (default 10: [0,0,...], 2 bytes a node)
//   build/dev/bench/bench_inspect_failed --nested [MILLIONS]  (default 10: [[[...]]] that deep)
//
// Printed: wall/CPU time, peak RSS and stdout bytes of `inspect FILE`, `inspect FILE --json`
// (default --max-findings) and the simdjson parse, the ratios inspect / simdjson, peak RSS / input
// size, and whether inspect is within its budget (wall <= 3x simdjson, RSS <= 3x the input).
#include "BenchChild.h"
#include "TestPaths.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <fcntl.h>
#include <simdjson.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {
using Phase = BenchChild::Result;

// Runs `body` in a forked child (stdout into a counted pipe) and returns its own figures.
template<typename Body>
Phase inChild(Body&& body)
{
    return BenchChild::inChild(BenchChild::Output::Count, std::forward<Body>(body));
}

Phase runProgram(const std::vector<std::string>& argv)
{
    return BenchChild::run(argv, BenchChild::Output::Count);
}

// The budget (docs/design.md, Big responses): wall time at most 3x simdjson's, peak RSS at most
// 3x the input's size. CPU time is printed too: on a busy machine it is the steadier figure.
void print(const char* name, const Phase& p, const Phase& base, qint64 inputBytes, bool budget)
{
    const double wall = p.wallMs / qMax(1.0, base.wallMs);
    const double cpu = p.cpuMs / qMax(1.0, base.cpuMs);
    const double rss = double(p.maxRssKb) * 1024 / double(qMax<qint64>(1, inputBytes));
    std::printf("%-20s status %3d  wall %7.0f ms  cpu %7.0f ms  peak RSS %6lld MB  stdout %9lld B"
                "  | x simdjson: wall %5.2f  cpu %5.2f  RSS %5.2f | RSS x input %5.2f%s\n",
                name, p.status, p.wallMs, p.cpuMs, p.maxRssKb / 1024, p.outBytes, wall, cpu,
                double(p.maxRssKb) / double(qMax<qint64>(1, base.maxRssKb)), rss,
                !budget                     ? ""
                : wall <= 3.0 && rss <= 3.0 ? "  within budget"
                                            : "  OVER BUDGET (3x time, 3x input RSS)");
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // The worst cases for the index: the smallest possible nodes (an array of 0s, brackets
    // nested ten million deep) next to the all-failed batch, the worst case for the findings.
    const QByteArray shape = argc > 1 && QByteArray(argv[1]).startsWith("--") ? QByteArray(argv[1]) : QByteArray();
    const int countArg = shape.isEmpty() ? 1 : 2;
    const bool batch = shape.isEmpty() || shape == "--succeeded";
    const qint64 amount = argc > countArg ? QByteArray(argv[countArg]).toLongLong() : (batch ? 72 : 10);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("all-failed.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        if (shape == "--array" || shape == "--nested") {
            const qint64 n = amount * 1000 * 1000;
            const bool nested = shape == "--nested";
            QByteArray chunk;
            for (qint64 i = 0; i < n; ++i) {
                chunk += nested ? "[" : (i ? ",0" : "[0");
                if (chunk.size() > (1 << 20)) {
                    file.write(chunk);
                    chunk.clear();
                }
            }
            if (nested)
                chunk += QByteArray(1, ']').repeated(qsizetype(n));
            else
                chunk += ']';
            file.write(chunk);
            std::printf("%s with %lld million elements, %lld bytes\n", nested ? "nested arrays" : "one array", amount,
                        file.size());
        } else if (batch) {
            const qint64 megabytes = amount;
            file.write("{\"result\":{\"creates\":[");
            // The succeeded batch is the densest in nodes per byte of the realistic shapes.
            const QByteArray element =
                shape.isEmpty()
                    ? QByteArray("{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\","
                                 "\"data\":[]}}")
                    : QByteArray("{\"success\":true,\"error\":null,\"id\":\"500232194\"}");
            qint64 objects = 0;
            for (qint64 written = 0; written < megabytes * 1000 * 1000; written += element.size() + 1, ++objects)
                file.write(objects ? "," + element : element);
            file.write("]},\"error\":null,\"id\":\"bench\"}");
            std::printf("%lld MB, %lld objects, %s\n", megabytes, objects,
                        shape.isEmpty() ? "every one failed with 301" : "every one succeeded");
        } else {
            std::fprintf(stderr, "usage: bench_inspect_failed [MB] | --succeeded [MB] | --array [MILLIONS] | "
                                 "--nested [MILLIONS]\n");
            return 2;
        }
    }
    const std::string file = path.toStdString();
    const std::string binary = LEADGEN_BINARY_DIR "/bin/leadgen-diag";

    const Phase simdjsonParse = inChild([&] {
        simdjson::dom::parser parser;
        simdjson::padded_string json;
        if (simdjson::padded_string::load(file).get(json) != simdjson::SUCCESS)
            _exit(2);
        // simdjson stops at depth 1024 by default; the nested case needs its real depth.
        if (shape == "--nested" && parser.allocate(json.size(), json.size() / 2 + 1) != simdjson::SUCCESS)
            _exit(3);
        simdjson::dom::element root;
        _exit(parser.parse(json).get(root) == simdjson::SUCCESS ? 0 : 1);
    });
    const Phase text = runProgram({binary, "inspect", file});
    const Phase json = runProgram({binary, "inspect", file, "--json"});
    const qint64 inputBytes = QFileInfo(path).size();
    print("simdjson DOM parse", simdjsonParse, simdjsonParse, inputBytes, false);
    print("inspect (text)", text, simdjsonParse, inputBytes, true);
    print("inspect --json", json, simdjsonParse, inputBytes, true);
    return 0;
}
