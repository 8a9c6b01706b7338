#pragma once

#include <QtGlobal>

#include <cstddef>
#include <functional>
#include <memory>

// Everything that differs between operating systems, in one place: the rest of the tree uses Qt
// (QStandardPaths, QFile::map, QSocketNotifier …) and these functions. On a system without an
// implementation each one is a harmless no-op (docs/HACKING.md, Portability).
namespace Platform {

// Asks the kernel to back [start, start + bytes) with transparent huge pages (Linux); the range
// is rounded inward to 2 MiB boundaries. Advisory.
void adviseHugePages(const void* start, std::size_t bytes);

// Gives the whole pages of [start, end) back to the system; the memory stays allocated and reads
// as zeros afterwards (Linux: MADV_DONTNEED). Advisory.
void releasePages(const void* start, const void* end);

// True when a process with this id exists (it may belong to another user). Unix: kill(pid, 0);
// elsewhere always true, so nothing is ever taken for abandoned.
bool processExists(qint64 pid);
// The user id files are owned by (QFileInfo::ownerId()); -2 where there is none.
uint currentUserId();

// While it exists, SIGINT and SIGTERM (Ctrl+C, kill) call onStop from the event loop of the
// thread that created it instead of ending the process, so a server can shut down cleanly. The
// previous handlers come back when it is destroyed. Unix only; elsewhere it does nothing.
class StopSignalWatcher
{
public:
    explicit StopSignalWatcher(std::function<void()> onStop);
    ~StopSignalWatcher();
    StopSignalWatcher(const StopSignalWatcher&) = delete;
    StopSignalWatcher& operator=(const StopSignalWatcher&) = delete;

    // False when the signals could not be redirected (or on a system without them).
    bool isActive() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace Platform
