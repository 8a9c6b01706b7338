#pragma once

#include "DemoDataGenerator.h"

// The demo data's vocabulary: names, companies, places, pipelines, lists, e-mails. Only
// DemoDataGenerator reads these; it picks from them with its seeded generator, so reordering
// or editing an entry changes the generated data (and the tests' expectations).
namespace DemoDataTables {

inline constexpr const char* kFirstNames[] = {
    "James",   "Mary",      "Robert",  "Patricia", "John",    "Jennifer", "Michael", "Linda", "David",    "Elizabeth",
    "William", "Barbara",   "Richard", "Susan",    "Joseph",  "Jessica",  "Thomas",  "Sarah", "Daniel",   "Karen",
    "Matthew", "Nancy",     "Anthony", "Lisa",     "Mark",    "Margaret", "Priya",   "Arjun", "Wei",      "Mei",
    "Hiroshi", "Yuki",      "Sofia",   "Mateo",    "Lucía",   "José",     "Zoë",     "Chloé", "François", "Søren",
    "Łukasz",  "Agnieszka", "Björn",   "Ingrid",   "Olumide", "Amara",    "Fatima",  "Omar",  "Aylin",    "Emre",
    "Giulia",  "Marco",     "Hannah",  "Lukas",    "Ana",     "João",     "Siobhán", "Niamh", "Kwame",    "Aroha"};
inline constexpr const char* kLastNames[] = {
    "Smith",     "Johnson", "Williams", "Brown",    "Jones",   "Garcia", "Miller",    "Davis",        "Rodriguez",
    "Martinez",  "Lopez",   "Wilson",   "Anderson", "Taylor",  "Moore",  "Jackson",   "Martin",       "Lee",
    "Thompson",  "White",   "Harris",   "Clark",    "Lewis",   "Walker", "Young",     "Allen",        "King",
    "Wright",    "Müller",  "Schmidt",  "Dubois",   "Lefèvre", "Rossi",  "Bianchi",   "Kowalski",     "Nowak",
    "Andersson", "Nielsen", "O'Brien",  "Murphy",   "Tanaka",  "Suzuki", "Chen",      "Wang",         "Patel",
    "Sharma",    "Okafor",  "Adeyemi",  "Yılmaz",   "Silva",   "Santos", "Fernández", "van der Berg", "de Vries",
    "Novák",     "Horvat",  "Ivanova",  "Haddad",   "Kim",     "Nguyen"};

struct DemoCompany
{
    const char* name; // as stored: names typed in the UI come back HTML-encoded
    const char* domain;
    const char* industry;
};
inline constexpr DemoCompany kCompanies[] = {
    {"Acme Logistics", "acme-logistics.example", "Logistics"},
    {"Globex Corporation", "globex.example", "Manufacturing"},
    {"Initech", "initech.example", "Software"},
    {"Umbrella Health", "umbrella-health.example", "Healthcare"},
    {"Northwind Traders", "northwind.example", "Retail"},
    {"Contoso Pharmaceuticals", "contoso-pharma.example", "Healthcare"},
    {"Fabrikam Design", "fabrikam.example", "Media"},
    {"Tailspin Toys", "tailspin-toys.example", "Retail"},
    {"Adventure Works Cycles", "adventure-works.example", "Manufacturing"},
    {"Litware Software", "litware.example", "Software"},
    {"Woodgrove Bank", "woodgrove.example", "Financial Services"},
    {"Baker &amp; Bishop LLP", "bakerbishop.example", "Legal"},
    {"O&#039;Reilly Hardware", "oreilly-hardware.example", "Retail"},
    {"Müller Maschinenbau GmbH", "mueller-maschinenbau.example", "Manufacturing"},
    {"Société Lumière SARL", "societe-lumiere.example", "Energy"},
    {"Nordlys Energi AS", "nordlys.example", "Energy"},
    {"Sakura Robotics KK", "sakura-robotics.example", "Manufacturing"},
    {"Lumen Solar", "lumen-solar.example", "Energy"},
    {"Harbor & Pine Consulting", "harborpine.example", "Consulting"},
    {"Quantum Leap Fitness", "quantumleap.example", "Health & Fitness"},
    {"Redwood Capital", "redwood-capital.example", "Financial Services"},
    {"Silverline Media", "silverline.example", "Media"},
    {"Evergreen Dental", "evergreen-dental.example", "Healthcare"},
    {"Atlas Freight", "atlas-freight.example", "Logistics"},
    {"Blue Fjord Seafood", "bluefjord.example", "Food & Beverage"},
    {"Cobalt Cyber Security", "cobalt-sec.example", "Software"},
    {"Desert Rose Hospitality", "desertrose.example", "Hospitality"},
    {"Greenleaf Organics", "greenleaf.example", "Food & Beverage"},
    {"Ironclad Insurance", "ironclad.example", "Financial Services"},
    {"Juniper Schools", "juniper-schools.example", "Education"},
    {"Keystone Construction", "keystone-build.example", "Construction"},
    {"Maple Leaf Realty", "mapleleaf-realty.example", "Real Estate"},
    {"Pinnacle Analytics", "pinnacle-analytics.example", "Software"},
    {"Riverbend Veterinary", "riverbend-vet.example", "Healthcare"},
    {"Starlight Events", "starlight-events.example", "Hospitality"},
    {"Summit Outdoor Gear", "summit-gear.example", "Retail"},
    {"Tidewater Shipping", "tidewater.example", "Logistics"},
    {"Urban Roots Coffee", "urbanroots.example", "Food & Beverage"},
    {"Vertex Aerospace", "vertex-aero.example", "Manufacturing"},
    {"Willow Creek Clinic", "willowcreek.example", "Healthcare"},
};

struct Place
{
    const char* country;
    const char* city;
    const char* state;
    const char* zip;
    const char* phonePrefix;
};
inline constexpr Place kPlaces[] = {
    {"United States", "New York", "NY", "10001", "+1 212 555"},
    {"United States", "Austin", "TX", "78701", "+1 512 555"},
    {"United States", "San Francisco", "CA", "94105", "+1 415 555"},
    {"United States", "Chicago", "IL", "60601", "+1 312 555"},
    {"United States", "Boston", "MA", "02108", "+1 617 555"},
    {"United States", "Denver", "CO", "80202", "+1 303 555"},
    {"United States", "Seattle", "WA", "98101", "+1 206 555"},
    {"United Kingdom", "London", "", "EC1A 1BB", "+44 20 7946"},
    {"United Kingdom", "Manchester", "", "M1 1AE", "+44 161 496"},
    {"Germany", "Berlin", "Berlin", "10115", "+49 30 901820"},
    {"Germany", "München", "Bayern", "80331", "+49 89 2190"},
    {"France", "Paris", "Île-de-France", "75001", "+33 1 70 18"},
    {"Italy", "Milano", "Lombardia", "20121", "+39 02 4547"},
    {"Spain", "Madrid", "Madrid", "28001", "+34 91 123"},
    {"Netherlands", "Amsterdam", "Noord-Holland", "1012 AB", "+31 20 794"},
    {"Canada", "Toronto", "ON", "M5H 2N2", "+1 416 555"},
    {"Australia", "Sydney", "NSW", "2000", "+61 2 5550"},
    {"Brazil", "São Paulo", "SP", "01000-000", "+55 11 5555"},
    {"Japan", "Tokyo", "Tokyo", "100-0001", "+81 3 5555"},
    {"India", "Bengaluru", "Karnataka", "560001", "+91 80 5555"},
    {"Sweden", "Stockholm", "", "111 20", "+46 8 555"},
    {"Ireland", "Dublin", "", "D02 X285", "+353 1 555"},
    {"Mexico", "Ciudad de México", "CDMX", "06000", "+52 55 5555"},
};

inline constexpr const char* kTitles[] = {"CEO",
                                          "CTO",
                                          "CFO",
                                          "VP of Marketing",
                                          "Marketing Manager",
                                          "Sales Director",
                                          "Account Executive",
                                          "Operations Manager",
                                          "Head of Growth",
                                          "Product Manager",
                                          "Software Engineer",
                                          "Office Manager",
                                          "Procurement Lead",
                                          "HR Director",
                                          "Founder"};
inline constexpr const char* kStreets[] = {"Main Street", "Market Street", "Harbour Road",    "Station Road",
                                           "Oak Avenue",  "Hauptstraße",   "Rue de la Paix",  "Via Roma",
                                           "Calle Mayor", "Elm Street",    "King Street",     "Park Lane",
                                           "Mill Lane",   "High Street",   "Sunset Boulevard"};
inline constexpr const char* kColors[] = {"Red", "Green", "Blue", "Purple", "Orange"};
inline constexpr const char* kLanguages[] = {"English", "Deutsch", "Français", "Español", "Italiano", "日本語"};
inline constexpr const char* kPersonas[] = {"Decision Maker", "Influencer", "End User"};
inline constexpr const char* kEventPages[] = {
    "/pricing", "/features", "/blog/lead-scoring-101", "/contact", "/webinars", "/case-studies/acme", "/docs/api"};

inline constexpr DemoDataGenerator::CustomField kCustomFields[] = {
    {"Favorite_Color_5a0dd86e6e290", "Favorite Color", "picklist", "lead"},
    {"shoe_size_384c1e3eacbb3", "shoe size", "string", "lead"},
    {"api_big_text_area_57f6638adc5b8", "API big text area", "textarea", "lead"},
    {"preferred_language_61f0c2a9b4e7d", "Preferred language", "picklist", "lead"},
    {"newsletter_opt_in_date_5c9e7d3b2a1f0", "Newsletter opt-in date", "date", "lead"},
    {"contract_length_months_60a1b2c3d4e5f", "Contract length (months)", "string", "opportunity"},
    {"account_tier_5e8f7a6b5c4d3", "Account tier", "picklist", "account"},
};

// Fields getFields returns for leads although getLead does not.
inline constexpr const char* kLeadFieldsOnlyInGetFields[] = {
    "crmID", "numBounces", "hardBounced", "hasOpportunity", "isQualified", "isContact", "isCustomer"};

// Lead columns getLead returns that are not fields: getFields does not list them.
inline constexpr const char* kLeadColumnsNotFields[] = {"accountID", "active"};

// Lead statuses, weighted by repetition.
inline constexpr const char* kLeadStatuses[] = {"unqualified", "unqualified", "open",          "open",
                                                "qualified",   "contact",     "contactWithOpp"};

struct DealStage
{
    const char* name;
    const char* description;
    int probability;
    bool editable;
};
inline constexpr DealStage kDealStages[] = {{"Prospecting", "First contact made", 10, true},
                                            {"Qualification", "Budget, authority, need and timing confirmed", 20, true},
                                            {"Needs Analysis", "Requirements workshop held", 40, true},
                                            {"Proposal", "Quote delivered to the buyer", 60, true},
                                            {"Negotiation", "Terms under discussion", 80, true},
                                            {"Closed Won", "Contract signed", 100, false},
                                            {"Closed Lost", "Opportunity lost or abandoned", 0, false}};

struct DemoCampaign
{
    const char* name;
    const char* type;
    const char* origin;
};
inline constexpr DemoCampaign kCampaigns[] = {
    {"Spring Webinar Series 2024", "Webinar", "Organic"},      {"Trade Show Berlin 2023", "Trade Show", "Partner"},
    {"Google Ads - Lead Scoring", "Paid Search", "Paid"},      {"LinkedIn Retargeting Q1", "Social", "Paid"},
    {"Customer Referral Program", "Referral", "Organic"},      {"Monthly Newsletter", "Email", "Organic"},
    {"Partner Co-marketing: Lumen Solar", "Email", "Partner"}, {"Black Friday 2023", "Email", "Paid"}};

inline constexpr const char* kAccountTiers[] = {"Gold", "Silver", "Bronze", ""};

struct KnownLead
{
    const char* first;
    const char* last;
    const char* email;
    const char* status;
};
inline constexpr KnownLead kKnownLeads[] = {{"Grace", "Hopper", "grace.hopper@northwind.example", "open"},
                                            {"Alan", "Turing", "alan.turing@northwind.example", "qualified"},
                                            {"Katherine", "Johnson", "katherine.johnson@northwind.example", "contact"}};

inline constexpr const char* kListNames[] = {"Newsletter subscribers",
                                             "Webinar attendees 2024",
                                             "Trade show leads - Berlin",
                                             "Customers",
                                             "Trial users",
                                             "Enterprise prospects",
                                             "Re-engagement",
                                             "Product updates",
                                             "Event invitees",
                                             "Partners",
                                             "VIP",
                                             "Cold leads"};

inline constexpr const char* kRemovedFlags[] = {"removed", "unsubscribed", "hardbounced"};

inline constexpr const char* kEmailNames[] = {"Welcome",
                                              "Monthly newsletter - January",
                                              "Monthly newsletter - February",
                                              "Webinar invitation",
                                              "Webinar follow-up",
                                              "Trial ending soon",
                                              "Product update 4.2",
                                              "Black Friday offer",
                                              "Re-engagement",
                                              "Event reminder"};

inline constexpr const char* kUnsubscribeCategories[][2] = {{"Newsletter", "Monthly product and company news"},
                                                            {"Events", "Webinar and trade show invitations"},
                                                            {"Offers", "Promotions and discounts"}};

inline constexpr const char* kListTags[] = {"marketing", "sales", "events", "customers"};

inline constexpr const char* kCallResults[] = {"connected", "noAnswerNoMessage", "leftMessage", "wrongNumber", "busy"};

inline constexpr const char* kTaskSubjects[] = {"Send proposal", "Schedule demo", "Follow-up call", "Prepare contract",
                                                "Check in after trial"};

struct AgencyClient
{
    const char* name;
    const char* country;
    const char* city;
    const char* phone;
    int emailLimit;
};
inline constexpr AgencyClient kAgencyClients[] = {{"Acme Bakery", "US", "Portland", "+1 503 555 0199", 10000},
                                                  {"Fjord Outdoor AS", "NO", "Bergen", "+47 55 55 01 23", 5000},
                                                  {"Café Lumière SARL", "FR", "Lyon", "+33 4 72 00 00 00", 2500}};

inline constexpr const char* kResellerSubAccounts[] = {"Alpha Dental Group", "Beta Plumbing Ltd", "Gamma Yoga Studio"};

} // namespace DemoDataTables
