#include "ResponseGenerator.h"

#include <QByteArrayView>

namespace {
struct Random
{
    quint64 state;
    quint32 next()
    {
        // SplitMix64: fast and good enough for test data.
        quint64 z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return quint32((z ^ (z >> 31)) >> 32);
    }
    template<size_t N>
    const char* pick(const char* const (&list)[N])
    {
        return list[next() % N];
    }
};

const char* const kFirst[] = {"Anna",  "Marco", "Sofia",  "James",   "Chen", "Olivia", "Lukas",
                              "Emma",  "Noah",  "Mia",    "Дмитрий", "Анна", "Jürgen", "Zoë",
                              "Søren", "José",  "Łukasz", "Ελένη",   "陈",   "Ngọc"};
const char* const kLast[] = {"Rossi",  "Smith",   "Müller", "García",       "Kowalski", "Nguyen",   "Dubois", "Jensen",
                             "Иванов", "Петрова", "Öztürk", "Παπαδόπουλος", "O'Brien",  "Ferreira", "Novák",  "李"};
const char* const kCity[] = {"Milano", "Atlanta", "München", "Kraków", "São Paulo",
                             "Москва", "Zürich",  "Lyon",    "Austin", "Göteborg"};
const char* const kCompany[] = {"Acme Corp",        "Globex",      "Initech",     "Umbrella GmbH",
                                "Stark Industries", "ООО Ромашка", "Café Müller", "Wayne Enterprises"};
const char* const kStatus[] = {"open", "unqualified", "qualified", "contact", "contactWithOpp"};

void appendString(QByteArray& out, const char* key, QByteArrayView value)
{
    out += '"';
    out += key;
    out += "\":\"";
    out += value;
    out += "\",";
}

void appendNull(QByteArray& out, const char* key)
{
    out += '"';
    out += key;
    out += "\":null,";
}
} // namespace

namespace ResponseGenerator {
QByteArray getLeads(qint64 targetBytes, quint32 seed)
{
    Random random{seed};
    QByteArray out;
    out.reserve(targetBytes + 4096);
    out += "{\"result\":{\"lead\":[";
    qint64 id = 88038560770;
    while (out.size() < targetBytes) {
        const char* first = random.pick(kFirst);
        const char* last = random.pick(kLast);
        out += '{';
        appendString(out, "id", QByteArray::number(id++));
        appendString(out, "accountID", QByteArray::number(700000 + random.next() % 90000));
        appendString(out, "ownerID", QByteArray::number(311000 + random.next() % 50));
        appendString(out, "companyName", random.pick(kCompany));
        appendString(out, "title", random.next() % 3 ? "Manager" : "Director of Operations");
        appendString(out, "firstName", first);
        appendString(out, "lastName", last);
        appendString(out, "street", QByteArray::number(random.next() % 900 + 1) + " Main Street");
        appendString(out, "city", random.pick(kCity));
        appendString(out, "country", random.next() % 2 ? "US" : "IT");
        appendString(out, "state", random.next() % 2 ? "GA" : "");
        appendString(out, "zipcode", QByteArray::number(10000 + random.next() % 89999));
        appendString(out, "emailAddress",
                     "lead" + QByteArray::number(id) + "." + QByteArray::number(random.next() % 1000) + "@example.com");
        appendString(out, "website", "https://www.example.com/");
        appendString(out, "phoneNumber", "+1 404 555 " + QByteArray::number(1000 + random.next() % 8999));
        appendNull(out, "officePhoneNumber");
        appendString(out, "phoneNumberExtension", "");
        appendString(out, "mobilePhoneNumber", random.next() % 4 ? "" : "+39 333 1234567");
        appendNull(out, "faxNumber");
        appendString(out, "description",
                     random.next() % 4 ? "Met at the trade fair; wants a demo in Q3."
                                       : "Встреча на выставке; просит демо. Спросить про интеграцию с CRM.");
        appendString(out, "industry", random.next() % 2 ? "Software" : "Manufacturing");
        appendString(out, "active", "1");
        appendString(out, "isUnsubscribed", random.next() % 10 ? "0" : "1");
        appendString(out, "leadStatus", random.pick(kStatus));
        appendString(out, "leadScore", QByteArray::number(random.next() % 100));
        appendString(out, "leadScoreWeighted", QByteArray::number(random.next() % 400));
        appendString(out, "persona", "");
        appendString(out, "createTimestamp",
                     "2024-0" + QByteArray::number(1 + random.next() % 9) + "-1" +
                         QByteArray::number(random.next() % 10) + " 09:1" + QByteArray::number(random.next() % 10) +
                         ":00");
        appendString(out, "updateTimestamp", "2025-01-15 12:00:00");
        out += "\"trackingID\":\"";
        out += QByteArray::number(quint64(random.next()) * 4099u + 1);
        out += "\"},";
    }
    out.chop(1); // the last comma
    out += "]},\"error\":null,\"id\":\"bench-getleads\"}";
    return out;
}

qint64 leadCount(const QByteArray& body)
{
    return body.count("{\"id\":\"");
}
} // namespace ResponseGenerator
