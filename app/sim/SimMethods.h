#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

class SimCall;

using SimHandler = std::function<void(SimCall&)>;

// The simulator's implementation of each API method, by exact method name. Which names exist,
// their params and result keys come from methods.json (MethodCatalog); this is the behaviour.
class SimMethods
{
public:
    static const SimMethods& instance();

    // nullptr when the simulator has no model of that method (SimApi then answers the generic
    // "known by name only" result).
    const SimHandler* find(const QString& name) const;
    QStringList names() const { return m_handlers.keys(); }

    void add(const QString& name, const SimHandler& handler) { m_handlers.insert(name, handler); }

private:
    SimMethods();
    QHash<QString, SimHandler> m_handlers;
};
