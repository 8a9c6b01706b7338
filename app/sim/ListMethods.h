#pragma once

class SimMethods;

// Lists and list members: getActiveLists (with member counts),
// getListMembers / getRemovedListMembers (their odd result keys and lower-case item keys),
// addListMember(s)[EmailAddress] (213 already a member, 214 unknown lead), removeListMember,
// getContactListMemberships, getListMemberships, createList, deleteList.
class ListMethods
{
public:
    static void registerInto(SimMethods& methods);
};
