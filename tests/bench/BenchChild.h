#pragma once

// What the command-line benchmarks share: running a phase in a child process, so that its peak
// RSS (wait4's ru_maxrss) and CPU time (user + system) are its own, whatever it is (leadgen-diag,
// jq, or a phase of the benchmark itself).
#include <QByteArray>
#include <QElapsedTimer>
#include <QtGlobal>

#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace BenchChild {

struct Result
{
    int status = -1;
    double wallMs = 0;
    double cpuMs = 0; // user + system
    qint64 maxRssKb = 0;
    QByteArray out;      // with Output::Capture
    qint64 outBytes = 0; // with Output::Capture or Output::Count
};

enum class Output
{
    Discard, // /dev/null
    Capture, // kept in Result::out
    Count,   // read and counted, not kept (output of any size)
};

// Runs `body` in a forked child whose standard output goes where `output` says.
template<typename Body>
Result inChild(Output output, Body&& body)
{
    int fds[2] = {-1, -1};
    if (output != Output::Discard && pipe(fds) != 0)
        qFatal("pipe failed");
    QElapsedTimer clock;
    clock.start();
    const pid_t pid = fork();
    if (pid == 0) {
        if (output == Output::Discard) {
            dup2(::open("/dev/null", O_WRONLY), STDOUT_FILENO);
        } else {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
        }
        body();
        _exit(127);
    }
    Result r;
    if (output != Output::Discard) {
        close(fds[1]);
        char chunk[65536];
        ssize_t n;
        while ((n = read(fds[0], chunk, sizeof chunk)) > 0) {
            r.outBytes += n;
            if (output == Output::Capture)
                r.out.append(chunk, n);
        }
        close(fds[0]);
    }
    int status = 0;
    struct rusage usage
    {
    };
    wait4(pid, &status, 0, &usage);
    r.wallMs = double(clock.nsecsElapsed()) / 1e6;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.maxRssKb = usage.ru_maxrss;
    r.cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
              double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
    return r;
}

// Runs a program (looked up in PATH unless the name has a slash).
inline Result run(const std::vector<std::string>& argv, Output output)
{
    return inChild(output, [&] {
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
    });
}

} // namespace BenchChild
