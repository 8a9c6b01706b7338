#include "AnalysisTask.h"

#include <QElapsedTimer>
#include <QThreadPool>

namespace {
constexpr int kIndexShare = 950; // permille of the progress bar for indexing; the rest is analysis
constexpr qint64 kProgressIntervalMs = 30;
constexpr qint64 kReleaseOffThreadBytes = 16 << 20;

// Freeing a few hundred MB of mappings and node tables, or a million batch rows, takes tens to
// hundreds of milliseconds: let a pool thread do it, whichever thread drops the last reference.
template<typename T>
std::shared_ptr<const T> shareReleasedOffThread(T* owned, bool big)
{
    if (!big)
        return std::shared_ptr<const T>(owned);
    return std::shared_ptr<const T>(owned, [](const T* p) {
        QThreadPool* pool = QThreadPool::globalInstance();
        if (pool)
            pool->start([p] { delete p; });
        else
            delete p;
    });
}

std::shared_ptr<const JsonIndex> shareIndex(JsonIndex&& index)
{
    const bool big = index.size() + index.indexMemory() >= kReleaseOffThreadBytes;
    return shareReleasedOffThread(new JsonIndex(std::move(index)), big);
}

std::atomic<int> analyses{0};
} // namespace

struct AnalysisTask::Run
{
    QByteArray body;
    QString path;
    ResponseAnalyzer::Context context;
    std::atomic<bool> cancel{false};
};

AnalysisTask::AnalysisTask(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const JsonIndex>>();
    qRegisterMetaType<std::shared_ptr<const AnalysisTask::Result>>();
}

AnalysisTask::~AnalysisTask()
{
    if (m_run)
        m_run->cancel = true;
    // No worker may outlive the object it posts to.
    for (const QPointer<QThread>& thread : std::as_const(m_threads)) {
        if (thread) {
            thread->wait();
            delete thread.data();
        }
    }
}

void AnalysisTask::startBytes(const QByteArray& body, const ResponseAnalyzer::Context& context)
{
    start(body, QString(), context);
}

void AnalysisTask::startFile(const QString& path, const ResponseAnalyzer::Context& context)
{
    start(QByteArray(), path, context);
}

void AnalysisTask::cancel()
{
    if (!m_run)
        return;
    m_run->cancel = true;
    m_run.reset(); // whatever the worker still posts for it is dropped
    m_running = false;
    emit canceled();
}

void AnalysisTask::start(const QByteArray& body, const QString& path, const ResponseAnalyzer::Context& context)
{
    if (m_run) {
        m_run->cancel = true;
        m_run.reset();
    }
    auto run = std::make_shared<Run>();
    run->body = body;
    run->path = path;
    run->context = context;
    m_run = run;
    m_result.reset();
    m_running = true;

    m_threads.removeAll(QPointer<QThread>());
    QPointer<AnalysisTask> self(this);
    QThread* thread = QThread::create([run, self] { work(run, self); });
    thread->setObjectName(QStringLiteral("AnalysisTask"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    emit started();
    emit progress(0);
    thread->start(QThread::LowPriority);
}

std::shared_ptr<const AnalysisTask::Result> AnalysisTask::analyse(std::shared_ptr<const JsonIndex> index,
                                                                  const ResponseAnalyzer::Context& context)
{
    QElapsedTimer clock;
    clock.start();
    auto* result = new Result;
    result->index = std::move(index);
    result->diagnosis = ResponseAnalyzer().analyze(*result->index, context);
    result->analyzeMs = clock.elapsed();
    analyses.fetch_add(1, std::memory_order_relaxed);
    constexpr int kBigBatch = 10000;
    return shareReleasedOffThread(result,
                                  result->diagnosis.batch.size() + result->diagnosis.findings.size() >= kBigBatch);
}

std::shared_ptr<const AnalysisTask::Result> AnalysisTask::analyseNow(const QByteArray& body,
                                                                     const ResponseAnalyzer::Context& context)
{
    QElapsedTimer clock;
    clock.start();
    std::shared_ptr<const JsonIndex> index = shareIndex(JsonIndex::fromBytes(body));
    const qint64 indexMs = clock.elapsed();
    auto result = std::const_pointer_cast<Result>(analyse(std::move(index), context));
    result->indexMs = indexMs;
    return result;
}

int AnalysisTask::analysisCount()
{
    return analyses.load(std::memory_order_relaxed);
}

// Runs on the worker thread. The task outlives the thread (its destructor waits), so posting
// to it is safe; each posted call first checks that its run is still the current one.
void AnalysisTask::work(const std::shared_ptr<Run>& run, const QPointer<AnalysisTask>& task)
{
    AnalysisTask* target = task.data();
    auto post = [&](auto&& call) {
        QMetaObject::invokeMethod(
            target,
            [run, target, call = std::forward<decltype(call)>(call)]() {
                if (target->m_run == run)
                    call(target);
            },
            Qt::QueuedConnection);
    };

    QElapsedTimer clock;
    clock.start();
    qint64 lastPost = -kProgressIntervalMs;
    int lastPermille = 0;
    auto report = [&](int permille) {
        if (permille > lastPermille && clock.elapsed() - lastPost >= kProgressIntervalMs) {
            lastPost = clock.elapsed();
            lastPermille = permille;
            post([permille](AnalysisTask* t) { emit t->progress(permille); });
        }
    };
    const JsonIndex::Progress onProgress = [&](double fraction) {
        report(int(fraction * kIndexShare));
        return !run->cancel.load(std::memory_order_relaxed);
    };

    JsonIndex built =
        run->path.isEmpty() ? JsonIndex::fromBytes(run->body, onProgress) : JsonIndex::fromFile(run->path, onProgress);
    const qint64 indexMs = clock.elapsed();
    run->body = QByteArray(); // the index holds its own reference
    switch (built.status()) {
    case JsonIndex::Status::Canceled:
        return; // cancel() has already told the caller
    case JsonIndex::Status::Unreadable:
    case JsonIndex::Status::TooLarge: {
        const QString message = run->path.isEmpty()
                                    ? built.errorMessage()
                                    : QStringLiteral("cannot read %1: %2").arg(run->path, built.errorMessage());
        post([message](AnalysisTask* t) {
            t->m_run.reset();
            t->m_running = false;
            emit t->failed(message);
        });
        return;
    }
    default:
        break;
    }
    if (run->cancel)
        return;
    const std::shared_ptr<const JsonIndex> index = shareIndex(std::move(built));
    post([index](AnalysisTask* t) { emit t->indexReady(index); });

    auto shared = std::const_pointer_cast<Result>(analyse(index, run->context));
    shared->source = run->path;
    shared->indexMs = indexMs;
    if (run->cancel)
        return;
    post([shared](AnalysisTask* t) {
        t->m_result = shared;
        t->m_run.reset();
        t->m_running = false;
        emit t->progress(1000);
        emit t->finished(shared);
    });
}
