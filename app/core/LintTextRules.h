#pragma once

#include "LintRule.h"

// RequestLinter's rules for the credentials (Context scope, the query string: checked before the body) and the body as
// text and parsed tree (Text scope).
class LintTextRules
{
public:
    static LintRuleTable rules();
};
