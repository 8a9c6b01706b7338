#pragma once

#include "LintRule.h"

// RequestLinter's rules for the objects list of a batch method (Objects scope), each record (Element scope) and each
// field of a record (Field scope).
class LintObjectRules
{
public:
    static LintRuleTable rules();
};
