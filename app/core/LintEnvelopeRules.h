#pragma once

#include "LintRule.h"

// RequestLinter's rules for the envelope (Envelope scope) and the method it names (Method scope).
class LintEnvelopeRules
{
public:
    static LintRuleTable rules();
};
