#include "Platform.h"

#include <QObject>
#include <QSocketNotifier>

#include <cstdint>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace Platform {

void adviseHugePages(const void* start, std::size_t bytes)
{
#ifdef Q_OS_LINUX
    constexpr std::uintptr_t kHuge = 2u << 20;
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(start) + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t end = (reinterpret_cast<std::uintptr_t>(start) + bytes) & ~(kHuge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(start);
    Q_UNUSED(bytes);
#endif
}

void releasePages(const void* start, const void* end)
{
#ifdef Q_OS_LINUX
    static const std::uintptr_t page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(start) + page - 1) & ~(page - 1);
    const std::uintptr_t stop = reinterpret_cast<std::uintptr_t>(end) & ~(page - 1);
    if (stop > begin)
        madvise(reinterpret_cast<void*>(begin), stop - begin, MADV_DONTNEED);
#else
    Q_UNUSED(start);
    Q_UNUSED(end);
#endif
}

bool processExists(qint64 pid)
{
#ifdef Q_OS_UNIX
    // EPERM: it exists but belongs to someone else.
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
#else
    Q_UNUSED(pid);
    return true;
#endif
}

uint currentUserId()
{
#ifdef Q_OS_UNIX
    return uint(::getuid());
#else
    return uint(-2);
#endif
}

#ifdef Q_OS_UNIX
namespace {
// A signal handler may only do async-signal-safe things: it writes a byte to a socket pair, and
// a QSocketNotifier on the other end brings the news into the event loop.
int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}
} // namespace

struct StopSignalWatcher::State
{
    std::unique_ptr<QSocketNotifier> notifier;
    struct sigaction oldInt = {};
    struct sigaction oldTerm = {};
    bool installed = false;
};

StopSignalWatcher::StopSignalWatcher(std::function<void()> onStop)
    : m_state(std::make_unique<State>())
{
    // One watcher at a time: the handler has one socket pair to write to.
    if (g_signalFds[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    m_state->notifier = std::make_unique<QSocketNotifier>(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(m_state->notifier.get(), &QSocketNotifier::activated, m_state->notifier.get(),
                     [onStop = std::move(onStop)] {
                         char byte = 0;
                         [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
                         onStop();
                     });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &m_state->oldInt);
    ::sigaction(SIGTERM, &action, &m_state->oldTerm);
    m_state->installed = true;
}

StopSignalWatcher::~StopSignalWatcher()
{
    if (!m_state->installed)
        return;
    ::sigaction(SIGINT, &m_state->oldInt, nullptr);
    ::sigaction(SIGTERM, &m_state->oldTerm, nullptr);
    m_state->notifier.reset();
    for (int& fd : g_signalFds) {
        ::close(fd);
        fd = -1;
    }
}

bool StopSignalWatcher::isActive() const
{
    return m_state->installed;
}
#else
struct StopSignalWatcher::State
{
};

StopSignalWatcher::StopSignalWatcher(std::function<void()>)
    : m_state(std::make_unique<State>())
{}

StopSignalWatcher::~StopSignalWatcher() = default;

bool StopSignalWatcher::isActive() const
{
    return false;
}
#endif

} // namespace Platform
