#include "CallSender.h"

#include "NetworkModule.h"

namespace {
CallSender::Factory s_factory = nullptr;
} // namespace

CallSender* CallSender::create(QObject* parent, QString* error)
{
    if (!s_factory && !NetworkModule::load(error))
        return nullptr;
    if (!s_factory) {
        if (error)
            *error = NetworkModule::incompleteMessage(QStringLiteral("ApiClient"));
        return nullptr;
    }
    return s_factory(parent);
}

bool CallSender::registerFactory(Factory factory)
{
    s_factory = factory;
    return true;
}
