#pragma once

class SimMethods;

// Leads: getLead, getLeads, getLeadsDateRange, createLeads, updateLeads
// (with its silent-success quirks), updateLeadsV2 (404), deleteLeads, subscribeToLeadUpdates,
// getLeadTimeline.
class LeadMethods
{
public:
    static void registerInto(SimMethods& methods);
};
