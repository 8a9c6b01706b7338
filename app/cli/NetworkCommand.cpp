#include "NetworkCommand.h"

#include "NetworkModule.h"

#include <QHash>

namespace {
QHash<QString, NetworkCommand::Factory>& factories()
{
    static QHash<QString, NetworkCommand::Factory> registered;
    return registered;
}
} // namespace

NetworkCommand::NetworkCommand(const QString& name)
    : m_name(name)
{}

NetworkCommand::~NetworkCommand() = default;

bool NetworkCommand::registerFactory(const QString& name, Factory factory)
{
    factories().insert(name, factory);
    return true;
}

CliCommand* NetworkCommand::target(QString* error) const
{
    if (m_target)
        return m_target.get();
    if (!factories().contains(m_name) && !NetworkModule::load(error))
        return nullptr;
    const Factory factory = factories().value(m_name);
    if (!factory) {
        *error = NetworkModule::incompleteMessage(QStringLiteral("the %1 command").arg(m_name));
        return nullptr;
    }
    m_target = factory();
    return m_target.get();
}

QString NetworkCommand::synopsis() const
{
    QString error;
    CliCommand* command = target(&error);
    return command ? command->synopsis() : m_name + QStringLiteral(" …  (unavailable: ") + error + QLatin1Char(')');
}

int NetworkCommand::run(const QStringList& args, CliIo& io)
{
    QString error;
    CliCommand* command = target(&error);
    if (!command) {
        io.err << "leadgen-diag " << m_name << ": " << error << Qt::endl;
        return ExitNoResponse;
    }
    return command->run(args, io);
}
