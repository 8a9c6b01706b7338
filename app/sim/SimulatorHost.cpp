#include "SimulatorHost.h"

#include "NetworkModule.h"

namespace {
SimulatorHost::Factory s_factory = nullptr;
} // namespace

std::unique_ptr<SimulatorHost> SimulatorHost::create(QString* error)
{
    if (!s_factory && !NetworkModule::load(error))
        return nullptr;
    if (!s_factory) {
        if (error)
            *error = NetworkModule::incompleteMessage(QStringLiteral("EmbeddedSimulator"));
        return nullptr;
    }
    return s_factory();
}

bool SimulatorHost::registerFactory(Factory factory)
{
    s_factory = factory;
    return true;
}
