#pragma once

class SimMethods;

// Fields: getFields lists standard and custom fields; createFields adds a
// custom field (a new column of leads, opportunities or accounts, named label_<13 hex>);
// updateFields changes a custom field's label or flags; deleteFields removes custom fields only
// (211 for standard ones).
class FieldMethods
{
public:
    static void registerInto(SimMethods& methods);
};
