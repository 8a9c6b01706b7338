#include "SimClock.h"

namespace {
class SystemClock : public SimClock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};
} // namespace

const SimClock* SimClock::system()
{
    static const SystemClock clock;
    return &clock;
}
