#include "ErrorCatalog.h"

// Skeleton: the catalogue issue replaces this file.
const ErrorCatalog& ErrorCatalog::builtin()
{
    static const ErrorCatalog catalog;
    return catalog;
}
