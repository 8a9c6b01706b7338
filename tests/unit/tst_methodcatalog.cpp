#include "ErrorCatalog.h"
#include "MethodCatalog.h"
#include "TextDistance.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

// resources/methods.json is the single source of method facts (docs/design.md, Catalogues): it
// must load clean, cover every method the API is known to have and keep the gotchas where the
// documented result key differs from the actual one.
class TestMethodCatalog : public QObject
{
    Q_OBJECT

private:
    // Every method name known from the vendor's documentation and clients (including the methods
    // known by name only).
    static QStringList apiFactsMethodNames()
    {
        return {QStringLiteral("getLead"),
                QStringLiteral("getLeads"),
                QStringLiteral("getLeadsDateRange"),
                QStringLiteral("createLeads"),
                QStringLiteral("updateLeads"),
                QStringLiteral("updateLeadsV2"),
                QStringLiteral("deleteLeads"),
                QStringLiteral("subscribeToLeadUpdates"),
                QStringLiteral("getLeadTimeline"),
                QStringLiteral("getRelatedLeadsByEmail"),
                QStringLiteral("getLeadListMemberships"),
                QStringLiteral("getEvents"),
                QStringLiteral("createEvents"),
                QStringLiteral("getEventsbyType"),
                QStringLiteral("getFields"),
                QStringLiteral("createFields"),
                QStringLiteral("updateFields"),
                QStringLiteral("deleteFields"),
                QStringLiteral("getActiveLists"),
                QStringLiteral("createList"),
                QStringLiteral("updateList"),
                QStringLiteral("deleteList"),
                QStringLiteral("getListMembers"),
                QStringLiteral("getRemovedListMembers"),
                QStringLiteral("addListMember"),
                QStringLiteral("addListMemberEmailAddress"),
                QStringLiteral("addListMembers"),
                QStringLiteral("addListMembersEmailAddress"),
                QStringLiteral("removeListMember"),
                QStringLiteral("removeListMembers"),
                QStringLiteral("removeListMemberEmailAddress"),
                QStringLiteral("removeListMembersEmailAddress"),
                QStringLiteral("removeListMembersAll"),
                QStringLiteral("getContactListMemberships"),
                QStringLiteral("getListMemberships"),
                QStringLiteral("getListTags"),
                QStringLiteral("getAccount"),
                QStringLiteral("getAccounts"),
                QStringLiteral("getAccountsDateRange"),
                QStringLiteral("createAccounts"),
                QStringLiteral("updateAccounts"),
                QStringLiteral("deleteAccounts"),
                QStringLiteral("getCampaign"),
                QStringLiteral("getCampaigns"),
                QStringLiteral("getCampaignsDateRange"),
                QStringLiteral("createCampaigns"),
                QStringLiteral("updateCampaigns"),
                QStringLiteral("deleteCampaigns"),
                QStringLiteral("getOpportunity"),
                QStringLiteral("getOpportunities"),
                QStringLiteral("getOpportunitiesDateRange"),
                QStringLiteral("createOpportunities"),
                QStringLiteral("updateOpportunities"),
                QStringLiteral("deleteOpportunities"),
                QStringLiteral("getOpportunityLead"),
                QStringLiteral("getOpportunityLeads"),
                QStringLiteral("getOpportunityLeadsDateRange"),
                QStringLiteral("createOpportunityLeads"),
                QStringLiteral("deleteOpportunityLeads"),
                QStringLiteral("getDealStage"),
                QStringLiteral("getDealStages"),
                QStringLiteral("getDealStagesDateRange"),
                QStringLiteral("createDealStages"),
                QStringLiteral("deleteDealStages"),
                QStringLiteral("getEmailListing"),
                QStringLiteral("getEmailJobs"),
                QStringLiteral("getEmail"),
                QStringLiteral("createEmail"),
                QStringLiteral("updateEmail"),
                QStringLiteral("deleteEmail"),
                QStringLiteral("getUnsubscribeCategories"),
                QStringLiteral("createEmailVariable"),
                QStringLiteral("createEmailVariables"),
                QStringLiteral("addEmailVariable"),
                QStringLiteral("setEmailVariable"),
                QStringLiteral("getEmailVariables"),
                QStringLiteral("deleteEmailVariable"),
                QStringLiteral("getEmailEvents"),
                QStringLiteral("getEmailSendEvents"),
                QStringLiteral("getEmailSend"),
                QStringLiteral("getEmailSendStatus"),
                QStringLiteral("getScheduleSends"),
                QStringLiteral("getScheduleSendStatus"),
                QStringLiteral("deleteScheduleSend"),
                QStringLiteral("getSendCount"),
                QStringLiteral("createSendMail"),
                QStringLiteral("getUserProfiles"),
                QStringLiteral("getClients"),
                QStringLiteral("updateAccountSendLimit"),
                QStringLiteral("createClient"),
                QStringLiteral("updateClient"),
                QStringLiteral("disableAccountSending"),
                QStringLiteral("enableAccountSending"),
                QStringLiteral("logCalls"),
                QStringLiteral("createNotes"),
                QStringLiteral("updateNotes"),
                QStringLiteral("deleteNotes"),
                QStringLiteral("getContactNotes"),
                QStringLiteral("getContactsNotes"),
                QStringLiteral("getAccountNotes"),
                QStringLiteral("getAccountsNotes"),
                QStringLiteral("getOpportunityNotes"),
                QStringLiteral("getOpportunitiesNotes"),
                QStringLiteral("createTasks"),
                QStringLiteral("getTasks"),
                QStringLiteral("updateTasks"),
                QStringLiteral("deleteTasks"),
                QStringLiteral("createProduct"),
                QStringLiteral("createProducts"),
                QStringLiteral("getProducts"),
                QStringLiteral("updateProduct"),
                QStringLiteral("deleteProduct"),
                QStringLiteral("createFolder"),
                QStringLiteral("createFolders"),
                QStringLiteral("getFolders"),
                QStringLiteral("updateFolder"),
                QStringLiteral("deleteFolder")

        };
    }

    // Every "source" text of a catalogue (methods, objects, error entries), and every note or description,
    // with its JSON path: they are read by users (method help, the linter's reasons).
    static void collectTexts(const QJsonValue& value, const QString& path, QList<QPair<QString, QString>>& out)
    {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                const QString key = it.key();
                if (it->isString() && (key == QLatin1String("source") || key == QLatin1String("notes") ||
                                       key == QLatin1String("description")))
                    out.append({path + QLatin1Char('.') + key, it->toString()});
                else
                    collectTexts(*it, path + QLatin1Char('.') + key, out);
            }
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QJsonValue element = array.at(i);
                const QString name = element.toObject().value(QStringLiteral("name")).toString();
                collectTexts(element, path + QStringLiteral("[%1]").arg(name.isEmpty() ? QString::number(i) : name),
                             out);
            }
        }
    }

private slots:
    // Source notes name their source in words (the vendor's article, a named client library, a
    // public sample) with a link where one exists, like errors.json; never a project-internal tag
    // such as "RM", "DL", "AE", "KB-SCH" or "SAMPLES". Notes and descriptions do not cite by tag
    // either (they may use two capitals for other things: country codes, "UI").
    void sourcesReadable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isSource");
        QList<QPair<QString, QString>> texts;
        for (const QString& name :
             {QStringLiteral("methods.json"), QStringLiteral("errors.json"), QStringLiteral("scenarios.json")}) {
            QFile file(QStringLiteral(":/leadgen/") + name);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            collectTexts(QJsonDocument::fromJson(file.readAll()).object(), name, texts);
        }
        QVERIFY(texts.size() > 100);
        for (const auto& [path, text] : std::as_const(texts))
            QTest::newRow(qPrintable(path)) << text << path.endsWith(QLatin1String(".source"));
    }
    void sourcesReadable()
    {
        QFETCH(QString, text);
        QFETCH(bool, isSource);
        static const QRegularExpression anyTag(
            QStringLiteral("\\bKB-[A-Z]+\\b|\\b[A-Z]{2}\\b|\\bSAMPLES\\b|\\bSST\\b"));
        static const QRegularExpression knownTag(
            QStringLiteral("\\bKB-[A-Z]+\\b|\\b(?:RM|DL|BD|TP|ES|OI|CB|NR|KC|LX|MG|JB|BP|LV|AE|BC|SAMPLES|SST)\\b"));
        const QRegularExpressionMatch m = (isSource ? anyTag : knownTag).match(text);
        QVERIFY2(!m.hasMatch(), qPrintable(m.captured() + QStringLiteral(" in: ") + text));
        // A note citing a public repository or the vendor's error article links it.
        if (isSource && (text.contains(QLatin1String("sharpspring-restapi PHP client")) ||
                         text.contains(QLatin1String("article on error codes"))))
            QVERIFY2(text.contains(QLatin1String("https://")), qPrintable(text));
    }

    void loadsClean()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        QVERIFY2(catalog.validationErrors().isEmpty(), qPrintable(catalog.validationErrors().join(QLatin1Char('\n'))));
        QVERIFY(!catalog.version().isEmpty());
        QCOMPARE(int(catalog.methods().size()), int(apiFactsMethodNames().size()));
    }

    void everyApiFactsMethodPresent()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        const QStringList names = apiFactsMethodNames();
        QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size());
        for (const QString& name : names)
            QVERIFY2(catalog.byName(name), qPrintable(name));
    }

    void resultKeyGotchas_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("resultKey");
        QTest::addColumn<QString>("documentedResultKey");
        QTest::newRow("getListMembers") << "getListMembers"
                                        << "getWherelistMemberGets"
                                        << "fields";
        QTest::newRow("getEmailListing") << "getEmailListing"
                                         << "getAllemailListings"
                                         << "fields";
        QTest::newRow("getDealStages") << "getDealStages"
                                       << "dealStage"
                                       << "dealStages";
        QTest::newRow("getUnsubscribeCategories") << "getUnsubscribeCategories"
                                                  << "getAllunsubscribeCategorys"
                                                  << "getAllUnsubscribeCategories";
        QTest::newRow("getEvents") << "getEvents"
                                   << "event"
                                   << "fields";
        QTest::newRow("getLeads (no gotcha)") << "getLeads"
                                              << "lead" << QString();
        QTest::newRow("createLeads") << "createLeads"
                                     << "creates" << QString();
        QTest::newRow("updateLeadsV2") << "updateLeadsV2"
                                       << "updates" << QString();
        QTest::newRow("deleteFields") << "deleteFields"
                                      << "deletes" << QString();
        QTest::newRow("getRemovedListMembers") << "getRemovedListMembers"
                                               << "getWherelistLeadMembers" << QString();
        QTest::newRow("getOpportunityLeads") << "getOpportunityLeads"
                                             << "getWhereopportunityLeads" << QString();
        QTest::newRow("getClients") << "getClients"
                                    << "getAllcompanyProfileManagedBys" << QString();
    }
    void resultKeyGotchas()
    {
        QFETCH(QString, method);
        QFETCH(QString, resultKey);
        QFETCH(QString, documentedResultKey);
        const MethodSpec* spec = MethodCatalog::builtin().byName(method);
        QVERIFY(spec);
        QCOMPARE(spec->resultKey, resultKey);
        QCOMPARE(spec->documentedResultKey, documentedResultKey);
    }

    void templatesValidAgainstOwnParams()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        for (const MethodSpec& m : catalog.methods()) {
            const QStringList problems = catalog.paramsProblems(m, m.paramsTemplate);
            QVERIFY2(problems.isEmpty(),
                     qPrintable(m.name + QStringLiteral(": ") + problems.join(QLatin1String("; "))));
            for (const MethodParam& p : m.params) {
                if (p.required)
                    QVERIFY2(m.paramsTemplate.contains(p.name), qPrintable(m.name + QLatin1Char('.') + p.name));
            }
            if (m.batch) {
                const QJsonArray objects = m.paramsTemplate.value(QStringLiteral("objects")).toArray();
                QVERIFY2(objects.size() >= 1 && objects.size() <= 2, qPrintable(m.name));
            }
        }
    }

    // paramsProblems is what proves the templates; it must also reject what is wrong.
    void paramsProblemsDetectsMistakes_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("params");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing where") << "getLeads" << QByteArray(R"({"limit": 10})") << "'where' is missing";
        QTest::newRow("unknown param") << "getLead" << QByteArray(R"({"id": 1, "ids": 2})")
                                       << "unknown parameter 'ids'";
        QTest::newRow("wrong type") << "getLead" << QByteArray(R"({"id": "abc"})") << "not of type integer";
        QTest::newRow("bad enum")
            << "getLeadsDateRange"
            << QByteArray(
                   R"({"startDate": "2024-01-01 00:00:00", "endDate": "2024-01-02 00:00:00", "timestamp": "modified"})")
            << "not one of create, update";
        QTest::newRow("scalar object") << "deleteLeads" << QByteArray(R"({"objects": [123]})") << "not of type object";
        QTest::newRow("extra key in delete")
            << "deleteLeads" << QByteArray(R"({"objects": [{"id": 1, "emailAddress": "a@b.c"}]})")
            << "only id accepted";
        QTest::newRow("unknown field") << "createLeads" << QByteArray(R"({"objects": [{"emailaddress": "a@b.c"}]})")
                                       << "unknown field 'emailaddress'";
        QTest::newRow("null in non-nullable")
            << "updateLeads" << QByteArray(R"({"objects": [{"id": 1, "firstName": null}]})")
            << "firstName must not be null";
        QTest::newRow("where lacks list id")
            << "getListMembers" << QByteArray(R"({"where": {}})") << "lacks the key 'id'";
    }
    void paramsProblemsDetectsMistakes()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, params);
        QFETCH(QString, problem);
        const MethodCatalog& catalog = MethodCatalog::builtin();
        const MethodSpec* spec = catalog.byName(method);
        QVERIFY(spec);
        const QStringList problems = catalog.paramsProblems(*spec, QJsonDocument::fromJson(params).object());
        QVERIFY2(problems.join(QLatin1Char('\n')).contains(problem), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void customFieldsAccepted()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        const MethodSpec* spec = catalog.byName(QStringLiteral("createLeads"));
        QVERIFY(spec);
        const QJsonObject params =
            QJsonDocument::fromJson(
                R"({"objects": [{"emailAddress": "a@example.com", "Favorite_Color_5a0dd86e6e290": "teal"}]})")
                .object();
        QCOMPARE(catalog.paramsProblems(*spec, params), QStringList());
        QVERIFY(MethodCatalog::isCustomFieldName(QStringLiteral("shoe_size_384c1e3eacbb3")));
        QVERIFY(!MethodCatalog::isCustomFieldName(QStringLiteral("shoe_size_384c1e3eacbb")));  // 12 hex digits
        QVERIFY(!MethodCatalog::isCustomFieldName(QStringLiteral("shoe_size_384c1e3eacbbz"))); // not hex
        QVERIFY(!MethodCatalog::isCustomFieldName(QStringLiteral("_384c1e3eacbb3")));          // no label
        QVERIFY(catalog.objectAllowsCustomFields(QStringLiteral("lead")));
        QVERIFY(!catalog.objectAllowsCustomFields(QStringLiteral("campaign")));
    }

    void closestNames_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("first");
        QTest::newRow("typo") << "getLeadz"
                              << "getLeads";
        QTest::newRow("wrong case") << "getleads"
                                    << "getLeads";
        QTest::newRow("transposition") << "getLaeds"
                                       << "getLeads";
        QTest::newRow("missing letter") << "updateLead"
                                        << "updateLeads";
        QTest::newRow("list members") << "getListMember"
                                      << "getListMembers";
        QTest::newRow("singular/plural") << "createLead"
                                         << "createLeads";
    }
    void closestNames()
    {
        QFETCH(QString, query);
        QFETCH(QString, first);
        const QStringList names = MethodCatalog::builtin().closestNames(query);
        QVERIFY2(!names.isEmpty(), qPrintable(query));
        QCOMPARE(names.first(), first);
        QVERIFY(names.size() <= 3);
    }

    void closestNamesNothingClose()
    {
        QCOMPARE(MethodCatalog::builtin().closestNames(QStringLiteral("frobnicateTheWidgets")), QStringList());
        QCOMPARE(MethodCatalog::builtin().closestNames(QString()), QStringList());
    }

    void caseInsensitiveLookup()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        QVERIFY(!catalog.byName(QStringLiteral("getleads")));
        const MethodSpec* spec = catalog.byNameCaseInsensitive(QStringLiteral("GETLEADS"));
        QVERIFY(spec);
        QCOMPARE(spec->name, QStringLiteral("getLeads"));
        QVERIFY(catalog.byNameCaseInsensitive(QStringLiteral("updateleadsv2")));
        QVERIFY(!catalog.byNameCaseInsensitive(QStringLiteral("getLeadz")));
    }

    void leadFields()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        const FieldSpec* email = catalog.objectField(QStringLiteral("lead"), QStringLiteral("emailAddress"));
        QVERIFY(email);
        QVERIFY(email->required);
        QVERIFY(!email->nullable);
        QCOMPARE(email->maxLength, 150);
        for (const char* name : {"id", "createTimestamp", "updateTimestamp"}) {
            const FieldSpec* f = catalog.objectField(QStringLiteral("lead"), QLatin1String(name));
            QVERIFY2(f && f->readOnly, name);
        }
        const FieldSpec* owner = catalog.objectField(QStringLiteral("lead"), QStringLiteral("ownerID"));
        QVERIFY(owner && owner->nullable && owner->type == QLatin1String("integer"));
        QCOMPARE(catalog.objectField(QStringLiteral("lead"), QStringLiteral("firstName"))->maxLength, 50);
        QCOMPARE(catalog.objectField(QStringLiteral("lead"), QStringLiteral("companyName"))->maxLength, 100);
        QCOMPARE(catalog.objectField(QStringLiteral("lead"), QStringLiteral("persona"))->maxLength, 128);
        QVERIFY(!catalog.objectField(QStringLiteral("lead"), QStringLiteral("emailaddress")));
        QCOMPARE(catalog.objectFieldCaseInsensitive(QStringLiteral("lead"), QStringLiteral("emailaddress"))->name,
                 QStringLiteral("emailAddress"));
        QCOMPARE(catalog.closestFieldNames(QStringLiteral("lead"), QStringLiteral("emailadress")).value(0),
                 QStringLiteral("emailAddress"));
        for (const char* type :
             {"lead", "opportunity", "account", "campaign", "field", "dealStage", "list", "event", "call", "user"})
            QVERIFY2(!catalog.objectFields(QLatin1String(type)).isEmpty(), type);
    }

    void methodFlags()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        const MethodSpec* createLeads = catalog.byName(QStringLiteral("createLeads"));
        QVERIFY(createLeads->batch && createLeads->mutating && createLeads->maxObjects == 500);
        QCOMPARE(createLeads->objectType, QStringLiteral("lead"));
        const MethodSpec* getLeads = catalog.byName(QStringLiteral("getLeads"));
        QVERIFY(!getLeads->batch && !getLeads->mutating && getLeads->paginated);
        QVERIFY(getLeads->param(QStringLiteral("where"))->required);
        QVERIFY(getLeads->param(QStringLiteral("limit"))->clamped);
        QCOMPARE(*getLeads->param(QStringLiteral("limit"))->max, 500.0);
        QVERIFY(catalog.byName(QStringLiteral("getListMembers"))->hasMore);
        const MethodSpec* notes = catalog.byName(QStringLiteral("getContactNotes"));
        QVERIFY(!notes->documented);
        QVERIFY(notes->params.isEmpty());
        QCOMPARE(notes->confidence, QStringLiteral("inferred"));
        // Every mutating name prefix is flagged as mutating (docs/design.md, Security: confirmation).
        for (const MethodSpec& m : catalog.methods()) {
            for (const char* prefix : {"create", "update", "delete", "add", "remove"}) {
                if (m.name.startsWith(QLatin1String(prefix)))
                    QVERIFY2(m.mutating, qPrintable(m.name));
            }
            if (m.name.startsWith(QLatin1String("get")))
                QVERIFY2(!m.mutating, qPrintable(m.name));
        }
    }

    // The per-method codes must exist in errors.json (the other single source of truth).
    void errorCodesExistInErrorCatalog()
    {
        const ErrorCatalog& errors = ErrorCatalog::builtin();
        for (const MethodSpec& m : MethodCatalog::builtin().methods()) {
            for (int code : m.errors)
                QVERIFY2(errors.byCode(code), qPrintable(QStringLiteral("%1: %2").arg(m.name).arg(code)));
        }
    }

    // The two catalogues must not disagree: where errors.json says a code occurs in a method,
    // methods.json expects that code from the method (it may expect more: generic parameter codes).
    void errorCatalogueMethodsAreExpectedByMethods()
    {
        const MethodCatalog& methods = MethodCatalog::builtin();
        QStringList missing;
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            if (!e.isNumeric() || e.anyMethod())
                continue;
            for (const QString& name : e.methods) {
                const MethodSpec* spec = methods.byName(name);
                if (!spec)
                    missing << QStringLiteral("%1: unknown method %2").arg(e.code).arg(name);
                else if (!spec->errors.contains(e.code))
                    missing << QStringLiteral("%1 not expected from %2").arg(e.code).arg(name);
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
    }

    // Foreign keys live in methods.json ("references" on a field): the simulator checks them.
    void references_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("object");
        QTest::addColumn<int>("code");
        QTest::newRow("lead owner") << "lead"
                                    << "ownerID"
                                    << "user" << 303;
        QTest::newRow("lead account") << "lead"
                                      << "accountID"
                                      << "account" << 303;
        QTest::newRow("opportunity deal stage") << "opportunity"
                                                << "dealStageID"
                                                << "dealStage" << 303;
        QTest::newRow("opportunity primary lead") << "opportunity"
                                                  << "primaryLeadID"
                                                  << "lead" << 303;
        QTest::newRow("call lead") << "call"
                                   << "leadID"
                                   << "lead" << 220;
        QTest::newRow("task who") << "task"
                                  << "whoID"
                                  << "lead" << 220;
        QTest::newRow("task owner") << "task"
                                    << "ownerID"
                                    << "user" << 303;
        QTest::newRow("email unsubscribe category") << "email"
                                                    << "unsubCategory"
                                                    << "unsubscribeCategory" << 303;
    }
    void references()
    {
        QFETCH(QString, type);
        QFETCH(QString, field);
        QFETCH(QString, object);
        QFETCH(int, code);
        const FieldSpec* spec = MethodCatalog::builtin().objectField(type, field);
        QVERIFY(spec);
        QVERIFY(spec->references);
        QCOMPARE(spec->references->object, object);
        QCOMPARE(spec->references->code, code);
    }

    void referencesSchema()
    {
        const MethodCatalog& catalog = MethodCatalog::builtin();
        int count = 0;
        for (const QString& type : catalog.objectTypes()) {
            for (const FieldSpec& field : catalog.objectFields(type)) {
                if (!field.references) {
                    QVERIFY2(!field.name.endsWith(QLatin1String("ID")) || field.name == QLatin1String("trackingID") ||
                                 field.name == QLatin1String("whatID") || type == QLatin1String("listMember"),
                             qPrintable(type + QLatin1Char('.') + field.name + QStringLiteral(" has no references")));
                    continue;
                }
                ++count;
                const QString where = type + QLatin1Char('.') + field.name;
                QVERIFY2(field.type == QLatin1String("integer") || field.type == QLatin1String("string"),
                         qPrintable(where));
                QVERIFY2(field.references->code == 303 || field.references->code == 220, qPrintable(where));
                QVERIFY2(ErrorCatalog::builtin().byCode(field.references->code), qPrintable(where));
                // A record type of methods.json, or one the simulator keeps beside them.
                QVERIFY2(catalog.objectTypes().contains(field.references->object) ||
                             field.references->object == QLatin1String("unsubscribeCategory"),
                         qPrintable(where));
            }
        }
        QCOMPARE(count, 18);
    }

    // Every method answered per object names the key of its answer (creates, updates, deletes).
    void batchResultKeys()
    {
        const QStringList keys = {QStringLiteral("creates"), QStringLiteral("updates"), QStringLiteral("deletes")};
        for (const MethodSpec& m : MethodCatalog::builtin().methods()) {
            if (m.batch)
                QVERIFY2(keys.contains(m.resultKey), qPrintable(m.name));
            if (!m.assumedResultKey.isEmpty()) {
                QVERIFY2(m.resultKey.isEmpty(), qPrintable(m.name));
                QVERIFY2(keys.contains(m.assumedResultKey), qPrintable(m.name));
            }
            QCOMPARE(m.batchResultKey(), m.resultKey.isEmpty() ? m.assumedResultKey : m.resultKey);
        }
        const MethodCatalog& catalog = MethodCatalog::builtin();
        QCOMPARE(catalog.byName(QStringLiteral("createTasks"))->batchResultKey(), QStringLiteral("creates"));
        QCOMPARE(catalog.byName(QStringLiteral("removeListMember"))->batchResultKey(), QStringLiteral("updates"));
        QCOMPARE(catalog.byName(QStringLiteral("createClient"))->resultKey, QString()); // still not confirmed
    }

    void rejectsBrokenCatalogues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{") << "methods.json:";
        QTest::newRow("array") << QByteArray("[]") << "not an object";
        QTest::newRow("wrong schema")
            << QByteArray(R"({"schema": 2, "methods": [{"name": "a", "area": "x", "confidence": "inferred"}]})")
            << "unsupported schema";
        QTest::newRow("duplicate")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "inferred"},
                                                                               {"name": "getx", "area": "x", "confidence": "inferred"}]})")
            << "duplicate method name";
        QTest::newRow("bad type")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "inferred",
                                                  "params": [{"name": "id", "type": "int"}]}]})")
            << "unknown type 'int'";
        QTest::newRow("bad template")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "inferred",
                                                      "params": [{"name": "id", "type": "integer", "required": true}],
                                                      "template": {"ID": 1}}]})")
            << "getX template: required parameter 'id' is missing";
        QTest::newRow("bad confidence")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "sure"}]})")
            << "confidence 'sure'";
        QTest::newRow("unknown object type")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "inferred",
                                                             "object_type": "widget"}]})")
            << "unknown object_type 'widget'";
        QTest::newRow("batch without result key")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "createX", "area": "x", "confidence": "inferred",
                                                        "batch": true, "object_type": "x", "params": [{"name": "objects", "type": "array"}]}],
                             "objects": {"x": {"fields": []}}})")
            << "createX: batch method without result_key";
        QTest::newRow("assumed result key beside a result key")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "createX", "area": "x", "confidence": "inferred",
                                                        "result_key": "x", "assumed_result_key": "creates"}]})")
            << "createX: assumed_result_key 'creates' must be one of creates, updates, deletes, and only without "
               "result_key";
        QTest::newRow("unknown assumed result key")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "createX", "area": "x", "confidence": "inferred",
                                                        "assumed_result_key": "made"}]})")
            << "assumed_result_key 'made'";
        QTest::newRow("reference without code")
            << QByteArray(R"({"schema": 1, "methods": [{"name": "getX", "area": "x", "confidence": "inferred"}],
                             "objects": {"x": {"fields": [{"name": "ownerID", "type": "integer",
                                                           "references": {"object": "user"}}]}}})")
            << "object x, field ownerID: 'references' needs an 'object' and a 'code' (100-999)";
    }
    void rejectsBrokenCatalogues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        MethodCatalog catalog;
        QStringList errors;
        QVERIFY(!catalog.loadFromJson(json, &errors));
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(error), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(errors, catalog.validationErrors());
    }

    void missingFile()
    {
        MethodCatalog catalog;
        QVERIFY(!catalog.loadFromFile(QStringLiteral(":/leadgen/no-such-file.json")));
        QVERIFY(catalog.validationErrors().value(0).contains(QLatin1String("cannot read")));
        QVERIFY(catalog.methods().empty());
    }

    void textDistance_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("sensitive");
        QTest::addColumn<int>("insensitive");
        QTest::newRow("equal") << "getLeads"
                               << "getLeads" << 0 << 0;
        QTest::newRow("empty") << ""
                               << "abc" << 3 << 3;
        QTest::newRow("substitution") << "getLeadz"
                                      << "getLeads" << 1 << 1;
        QTest::newRow("transposition") << "getLaeds"
                                       << "getLeads" << 1 << 1;
        QTest::newRow("case") << "emailaddress"
                              << "emailAddress" << 1 << 0;
        QTest::newRow("insert+delete") << "kitten"
                                       << "sitting" << 3 << 3;
        QTest::newRow("non-ascii") << "Müller"
                                   << "MÜLLER" << 5 << 0;
    }
    void textDistance()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, sensitive);
        QFETCH(int, insensitive);
        QCOMPARE(TextDistance::distance(a, b), sensitive);
        QCOMPARE(TextDistance::distance(b, a), sensitive);
        QCOMPARE(TextDistance::distance(a, b, Qt::CaseInsensitive), insensitive);
    }
};

QTEST_GUILESS_MAIN(TestMethodCatalog)
#include "tst_methodcatalog.moc"
