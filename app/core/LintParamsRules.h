#pragma once

#include "LintRule.h"

// RequestLinter's rules for params as a whole (Params scope) and each parameter (Param scope).
class LintParamsRules
{
public:
    static LintRuleTable rules();
};
