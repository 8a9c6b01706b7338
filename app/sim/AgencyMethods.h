#pragma once

class SimMethods;

// Agency and reseller calls (codes 215-223 and 304-307): getClients,
// updateAccountSendLimit, createClient, updateClient, enableAccountSending,
// disableAccountSending.
//
// The last three are known by name only; the simulator's model (documented in
// docs/simulator.md): updateClient takes `clientID` plus createClient's company fields;
// enable/disableAccountSending take `accountIDs`, a list of managed company ids, and are for
// reseller and agency accounts (305 otherwise, 304 for an empty list, 307 for an unknown id, 306
// for a company managed by someone else).
class AgencyMethods
{
public:
    static void registerInto(SimMethods& methods);
};
