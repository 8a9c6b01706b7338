#include "SimMethods.h"

#include "AgencyMethods.h"
#include "EntityMethods.h"
#include "FieldMethods.h"
#include "LeadMethods.h"
#include "ListMethods.h"

const SimMethods& SimMethods::instance()
{
    static const SimMethods methods;
    return methods;
}

SimMethods::SimMethods()
{
    EntityMethods::registerInto(*this);
    LeadMethods::registerInto(*this);
    FieldMethods::registerInto(*this);
    ListMethods::registerInto(*this);
    AgencyMethods::registerInto(*this);
}

const SimHandler* SimMethods::find(const QString& name) const
{
    const auto it = m_handlers.constFind(name);
    return it == m_handlers.constEnd() ? nullptr : &*it;
}
