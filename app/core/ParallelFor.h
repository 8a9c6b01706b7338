#pragma once

#include <QtGlobal>
#include <QThread>

#include <thread>
#include <vector>

// Runs f(i) for i in [0, n) on up to QThread::idealThreadCount() threads (the caller's included),
// in contiguous ranges, and returns when all are done. For independent, CPU-bound items only (log
// lines, HAR entries): each f(i) must touch item i alone.
template<typename F>
void parallelFor(qsizetype n, const F& f, qsizetype minPerThread = 16)
{
    const qsizetype threads = qBound<qsizetype>(1, qMin<qsizetype>(QThread::idealThreadCount(), 8),
                                                qMax<qsizetype>(1, n / qMax<qsizetype>(1, minPerThread)));
    if (threads <= 1) {
        for (qsizetype i = 0; i < n; ++i)
            f(i);
        return;
    }
    const auto range = [&f, n, threads](qsizetype part) {
        const qsizetype begin = n * part / threads;
        const qsizetype end = n * (part + 1) / threads;
        for (qsizetype i = begin; i < end; ++i)
            f(i);
    };
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads - 1));
    for (qsizetype part = 1; part < threads; ++part)
        workers.emplace_back(range, part);
    range(0);
    for (std::thread& worker : workers)
        worker.join();
}
