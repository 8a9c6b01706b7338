#include "MethodCatalog.h"
#include "ResponseAnalysis.h"

#include <QStringBuilder>

ResponseAnalysis::ErrorWording ResponseAnalysis::apiWording()
{
    return {QStringLiteral("API error"), QStringLiteral("%1"), QStringLiteral("without a code"),
            QStringLiteral("with an unusable code %1"), QString()};
}

ResponseAnalysis::ErrorWording ResponseAnalysis::objectWording(int index, qint64 total)
{
    return {QStringLiteral("object %1 failed with").arg(ordinalOf(index, total)), QStringLiteral("%1"),
            QStringLiteral("an error without a code"), QStringLiteral("an unusable code %1"), QString()};
}

ResponseAnalysis::ErrorWording ResponseAnalysis::copyWording(int index, qint64 total, const QString& suffix)
{
    return {QStringLiteral("top-level error %1").arg(ordinalOf(index, total)), QStringLiteral("has code %1"),
            QStringLiteral("has no code"), QStringLiteral("has an unusable code %1"), suffix};
}

QString ResponseAnalysis::rejectedNames(NodeId data) const
{
    if (data == npos || m_index.type(data) != Type::Object)
        return QString();
    const auto text = [this](NodeId node) {
        return node != npos && m_index.type(node) == Type::String ? m_index.string(node).simplified() : QString();
    };
    QStringList sentences;
    if (const QString field = text(m_index.member(data, QLatin1String("field"))); !field.isEmpty())
        sentences.append(QStringLiteral("%1 was rejected.").arg(field.left(60)));
    const NodeId params = m_index.member(data, QLatin1String("params"));
    if (params != npos && m_index.type(params) == Type::Array) {
        constexpr int kMaxNamed = 5;
        for (int i = 0, n = std::min(m_index.childCount(params), kMaxNamed); i < n; ++i) {
            const NodeId param = m_index.child(params, i);
            if (m_index.type(param) != Type::Object)
                continue;
            const QString name = text(m_index.member(param, QLatin1String("param")));
            if (name.isEmpty())
                continue;
            const QString why = text(m_index.member(param, QLatin1String("message")));
            sentences.append(why.isEmpty() ? QStringLiteral("%1 was rejected.").arg(name.left(60))
                                           : QStringLiteral("%1 was rejected (%2).").arg(name.left(60), why.left(120)));
        }
    }
    return sentences.join(QLatin1Char(' '));
}

QString ResponseAnalysis::errorMessageText(NodeId error) const
{
    const NodeId messageNode = m_index.member(error, QLatin1String("message"));
    if (messageNode != npos && m_index.type(messageNode) == Type::String)
        return m_index.string(messageNode);
    if (messageNode != npos && m_index.type(messageNode) != Type::Null)
        return rawText(messageNode, kQuoteChars);
    return QString();
}

std::optional<int> ResponseAnalysis::reportErrorObject(NodeId error, Level level, int index,
                                                       const std::function<ErrorWording()>& wordingOf)
{
    // A repeated "code": the last one counts, the rule analyzeEnvelope applies to the envelope's
    // keys (JsonIndex::member, like a simdjson lookup, would return the first).
    NodeId codeNode = npos;
    int codes = 0;
    if (m_index.type(error) == Type::Object) {
        for (int i = 0, n = m_index.childCount(error); i < n; ++i) {
            const NodeId member = m_index.child(error, i);
            if (m_index.keyIs(member, "code")) {
                codeNode = member;
                ++codes;
            }
        }
    }
    bool asString = false;
    const std::optional<int> code = readCode(codeNode, &asString);

    if (Finding* f = addCodeAt(Severity::Error, level, code, index, error)) {
        const ErrorWording wording = wordingOf();
        const NodeId dataNode = m_index.member(error, QLatin1String("data"));
        const QString text = errorMessageText(error);
        const QString codeText = code               ? wording.withCode.arg(*code)
                                 : codeNode == npos ? wording.noCode
                                                    : wording.badCode.arg(rawText(codeNode, 40));
        const QString textPart =
            text.isEmpty() ? QStringLiteral(" (no message)") : QString(QStringLiteral(": ") % text.simplified());
        QString dataPart;
        if (dataNode != npos && m_index.isContainer(dataNode) && m_index.childCount(dataNode) > 0) {
            QString data = rawText(dataNode, 200).simplified();
            if (m_index.length(dataNode) > 200)
                data += QChar(0x2026);
            dataPart = QStringLiteral(" (data: %1)").arg(data);
        } else if (dataNode != npos && m_index.type(dataNode) == Type::String && !m_index.string(dataNode).isEmpty()) {
            dataPart = QStringLiteral(" (data: %1)").arg(quoted(m_index.string(dataNode)));
        }
        // Built in one allocation of the exact size (QStringBuilder): without a filter a batch of
        // a million failed objects keeps a million of these.
        f->message = wording.subject % QLatin1Char(' ') % codeText % textPart % dataPart % wording.suffix;
        // The catalogue explains the code in general; the response may name the culprit.
        if (const QString rejected = rejectedNames(dataNode); !rejected.isEmpty())
            f->explanation = f->explanation.isEmpty() ? rejected : rejected + QLatin1Char(' ') + f->explanation;
    }
    if (codes > 1) {
        if (Finding* w = addAt(Severity::Warning, level, QStringLiteral("invalid_envelope"), index, codeNode)) {
            setMessage(*w, QStringLiteral("key 'code' appears %1 times in this error object; clients disagree on "
                                          "which one counts (the last one, %2, is analysed, as most JSON parsers "
                                          "keep it)")
                               .arg(codes)
                               .arg(rawText(codeNode, 40)));
        }
    }
    if (asString) {
        if (Finding* w = addAt(Severity::Warning, Level::Envelope, QStringLiteral("code_as_string"), index, codeNode))
            setMessage(
                *w, QStringLiteral("the code is sent as a string (%1) instead of a number").arg(rawText(codeNode, 40)));
    }
    return code;
}

void ResponseAnalysis::fillRequest(BatchRow& row) const
{
    if (!m_hasRequestObjects || row.index >= m_requestObjects.size())
        return;
    row.hasRequestObject = true;
    row.requestObject = m_requestObjects.at(row.index).toObject();
    for (const char* field : {"emailAddress", "id", "systemName", "name", "label"}) {
        const QJsonValue v = row.requestObject.value(QLatin1String(field));
        if (!jsonValueText(v).isEmpty()) {
            row.requestLabel = jsonValueText(v);
            break;
        }
    }
    if (row.requestLabel.isEmpty() && !row.requestObject.isEmpty())
        row.requestLabel = row.requestObject.constBegin().key() + QLatin1Char('=') +
                           jsonValueText(row.requestObject.constBegin().value());
}

void ResponseAnalysis::analyzeBatch(const QString& key, NodeId array)
{
    const int total = m_index.childCount(array);
    m_d.stats.objects += total;
    // Anomalies that tend to repeat over hundreds of elements are counted and reported once.
    int nonBoolSuccess = 0; // "true", "false", "1", "0": the documented string forms
    NodeId firstNonBool = npos;
    int oddSuccess = 0; // any other value that is not a boolean
    NodeId firstOdd = npos;
    int missingSuccess = 0;
    NodeId firstMissing = npos;

    if (!m_filter)
        m_d.batch.reserve(m_d.batch.size() + total);
    const bool updates = key == QLatin1String("updates");
    qint64 released = m_index.offset(array);
    for (int i = 0; i < total; ++i) {
        const NodeId element = m_index.child(array, i);
        releaseBehind(i, element, &released);
        // Only what every row needs is worked out here; a row's text (message, id, request) is
        // built below, for the rows the filter keeps.
        bool failed = false;
        std::optional<int> code;
        NodeId errorObject = npos;
        NodeId idNode = npos;
        if (m_index.type(element) != Type::Object) {
            failed = true;
            if (Finding* f = addAt(Severity::Error, Level::Object, QStringLiteral("invalid_envelope"), i, element))
                setMessage(*f, QStringLiteral("object %1 is %2, expected {success, error}")
                                   .arg(ordinalOf(i, total), describeType(element)));
        } else {
            // One pass over the element's members (batches reach 10^5 elements in big documents).
            NodeId successNode = npos;
            NodeId errorNode = npos;
            const int fields = m_index.childCount(element);
            for (int f = 0; f < fields; ++f) {
                const NodeId field = m_index.child(element, f);
                if (successNode == npos && m_index.keyIs(field, "success"))
                    successNode = field;
                else if (errorNode == npos && m_index.keyIs(field, "error"))
                    errorNode = field;
                else if (idNode == npos && m_index.keyIs(field, "id"))
                    idNode = field;
            }
            std::optional<bool> success;
            if (successNode != npos) {
                switch (m_index.type(successNode)) {
                case Type::True:
                    success = true;
                    break;
                case Type::False:
                    success = false;
                    break;
                default: {
                    const QString text = m_index.type(successNode) == Type::String
                                             ? m_index.string(successNode).trimmed().toLower()
                                             : rawText(successNode);
                    // "true"/"1" and "false"/"0" are the documented string forms; anything else is odd.
                    const bool truthy = text == QLatin1String("true") || text == QLatin1String("1");
                    const bool documentedForm = truthy || text == QLatin1String("false") || text == QLatin1String("0");
                    if (documentedForm || text.isEmpty())
                        success = truthy;
                    if (documentedForm) {
                        if (++nonBoolSuccess == 1)
                            firstNonBool = successNode;
                    } else if (++oddSuccess == 1) {
                        firstOdd = successNode;
                    }
                    break;
                }
                }
            } else if (++missingSuccess == 1) {
                firstMissing = element;
            }
            const bool hasError = errorNode != npos && m_index.type(errorNode) == Type::Object;
            if (hasError) {
                const bool flagTrue = success.value_or(false);
                code = reportErrorObject(errorNode, Level::Object, i, [i, total, flagTrue] {
                    ErrorWording wording = objectWording(i, total);
                    if (flagTrue)
                        wording.suffix = QStringLiteral(" (although its success flag is true)");
                    return wording;
                });
                errorObject = errorNode;
                failed = true;
            } else if (errorNode != npos && m_index.type(errorNode) != Type::Null &&
                       !(m_index.type(errorNode) == Type::Array && m_index.childCount(errorNode) == 0)) {
                if (Finding* f =
                        addAt(Severity::Warning, Level::Object, QStringLiteral("invalid_envelope"), i, errorNode))
                    setMessage(*f, QStringLiteral("object %1 has an error that is %2, expected null or an error object")
                                       .arg(ordinalOf(i, total), describeType(errorNode)));
                failed = !success.value_or(false);
                if (failed) {
                    if (Finding* f = addAt(Severity::Error, Level::Object, QStringLiteral("unknown_code"), i, element))
                        setMessage(*f,
                                   QStringLiteral("object %1 failed without an error object").arg(ordinalOf(i, total)));
                }
            } else if (success.has_value() && !*success) {
                failed = true;
                // The vendor's documented shape: the failure is real, its reason is not given.
                if (Finding* f =
                        addAt(Severity::Error, Level::Object, QStringLiteral("batch_failed_without_error"), i, element))
                    setMessage(*f, QStringLiteral("object %1 reports success: %2 without an error object")
                                       .arg(ordinalOf(i, total), rawText(successNode, 40)));
            }
        }
        if (failed)
            ++m_d.stats.failed;
        if (errorObject != npos && m_copies != npos)
            m_failedWithError.push_back({i, code});
        if (!failed && updates && m_hasRequestObjects && i < m_requestObjects.size())
            m_updated.push_back({i, element});
        const qint64 rowNumber = m_rows++;
        if (m_filter && !m_filter->keepRow(rowNumber, !failed)) {
            ++m_d.batchRowsOmitted;
            continue;
        }
        BatchRow row;
        row.key = key;
        row.index = i;
        row.node = element;
        row.success = !failed;
        row.code = code;
        if (errorObject != npos) {
            row.message = errorMessageText(errorObject);
            row.errorNode = errorObject;
        }
        if (idNode != npos && m_index.type(idNode) == Type::String) {
            row.id = m_index.string(idNode);
        } else if (idNode != npos && m_index.type(idNode) == Type::Number) {
            const QByteArrayView raw = m_index.raw(idNode);
            row.id = QString::fromLatin1(raw.data(), raw.size());
        }
        fillRequest(row);
        m_d.batch.append(std::move(row));
    }
    if (oddSuccess > 0)
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("'success' is not a boolean in %1 of %2 objects in %3").arg(oddSuccess).arg(total).arg(key),
            firstOdd);
    if (nonBoolSuccess > 0)
        add(Severity::Info, Level::Envelope, QStringLiteral("batch_failed_without_error"),
            QStringLiteral("'success' is written as \"true\", \"false\", 1 or 0 instead of a boolean in %1 of %2 "
                           "objects in %3 (as in the vendor's documentation); read as booleans")
                .arg(nonBoolSuccess)
                .arg(total)
                .arg(key),
            firstNonBool);
    if (missingSuccess > 0)
        add(Severity::Warning, Level::Envelope, QStringLiteral("invalid_envelope"),
            QStringLiteral("%1 of %2 objects in %3 have no 'success' flag").arg(missingSuccess).arg(total).arg(key),
            firstMissing);
    if (m_hasRequestObjects && m_requestObjects.size() != total) {
        add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
            QStringLiteral("the request sent %1 objects but result.%2 has %3 entries")
                .arg(m_requestObjects.size())
                .arg(key)
                .arg(total),
            array);
    }
}

void ResponseAnalysis::correlateCopies(NodeId errorArray)
{
    const std::vector<FailedRow>& failedWithError = m_failedWithError;
    const int failedCount = int(failedWithError.size());
    const int copies = m_index.childCount(errorArray);
    if (m_d.hasBatch()) {
        if (copies != failedCount) {
            add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
                QStringLiteral("the top-level error list has %1 entr%2 but %3 failed object%4 an error object")
                    .arg(copies)
                    .arg(copies == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                    .arg(failedCount)
                    .arg(failedCount == 1 ? QStringLiteral(" carries") : QStringLiteral("s carry")),
                errorArray);
        }
        // The copies are in the order of the failed objects: compare codes position by position.
        const int paired = std::min<int>(copies, failedCount);
        qint64 released = m_index.offset(errorArray);
        for (int j = 0; j < paired; ++j) {
            const NodeId copy = m_index.child(errorArray, j);
            releaseBehind(j, copy, &released);
            bool asString = false;
            const std::optional<int> code = m_index.type(copy) == Type::Object
                                                ? readCode(m_index.member(copy, QLatin1String("code")), &asString)
                                                : std::nullopt;
            if (code != failedWithError[j].code) {
                const QString copyCode = code.has_value() ? QString::number(code.value_or(0)) : QStringLiteral("none");
                add(Severity::Warning, Level::Envelope, QStringLiteral("batch_count_mismatch"),
                    QStringLiteral("error[%1] has code %2 but failed object %3 has code %4")
                        .arg(j)
                        .arg(copyCode)
                        .arg(failedWithError[j].index + 1)
                        .arg(failedWithError[j].code ? QString::number(*failedWithError[j].code)
                                                     : QStringLiteral("none")),
                    copy);
                break; // one is enough to show the lists disagree
            }
        }
        // Copies beyond the failed objects belong to no object: report them where they are.
        for (int j = paired; j < copies; ++j) {
            releaseBehind(j, m_index.child(errorArray, j), &released);
            reportCopy(j, copies, QStringLiteral("; no failed object carries it"), false);
        }
        if (paired < copies)
            raise(Verdict::ApiError);
        return;
    }
    // No batch result to say which object failed: the copies are all there is.
    qint64 released = m_index.offset(errorArray);
    for (int j = 0; j < copies; ++j) {
        releaseBehind(j, m_index.child(errorArray, j), &released);
        reportCopy(j, copies, QStringLiteral("; the result does not say which object failed"), true);
    }
    raise(Verdict::ApiError);
}

void ResponseAnalysis::releaseBehind(int i, NodeId element, qint64* released) const
{
    if ((i & 4095) != 4095)
        return;
    const qint64 at = m_index.offset(element);
    m_index.releaseSource(*released, at);
    *released = at;
}

void ResponseAnalysis::reportCopy(int j, int copies, const QString& suffix, bool suffixIfNotObject)
{
    const NodeId copy = m_index.child(m_copies, j);
    if (m_index.type(copy) == Type::Object) {
        reportErrorObject(copy, Level::Object, -1, [j, copies, &suffix] { return copyWording(j, copies, suffix); });
        return;
    }
    if (Finding* f = addAt(Severity::Error, Level::Object, QStringLiteral("unknown_code"), -1, copy)) {
        setMessage(*f, QStringLiteral("top-level error %1 is %2: %3%4")
                           .arg(ordinalOf(j, copies), describeType(copy), rawText(copy, 80),
                                suffixIfNotObject ? suffix : QString()));
        f->known = false;
    }
}

void ResponseAnalysis::checkSilentUpdates()
{
    // updateLeads reports success for objects it could not match (no id and an
    // unknown email, or neither); updateLeadsV2 reports 404 instead. From the method catalogue:
    // a batch update of leads whose known errors do not include 404.
    if (!m_hasRequestObjects)
        return;
    const MethodSpec* spec = MethodCatalog::builtin().byName(m_d.method);
    if (!spec || !spec->batch || spec->resultKey != QLatin1String("updates") ||
        spec->objectType != QLatin1String("lead") || spec->errors.contains(404))
        return;
    for (const UpdatedRow& row : m_updated) {
        const QJsonObject request = m_requestObjects.at(row.index).toObject();
        const QJsonValue id = request.value(QStringLiteral("id"));
        if (!jsonValueText(id).trimmed().isEmpty())
            continue;
        const QString email = request.value(QStringLiteral("emailAddress")).toString().trimmed();
        if (email.isEmpty()) {
            if (Finding* f = addAt(Severity::Warning, Level::Object, QStringLiteral("silent_update_success"), row.index,
                                   row.node))
                setMessage(*f, QStringLiteral("object %1 reports success but was sent without id and without "
                                              "emailAddress: it cannot have matched a lead")
                                   .arg(ordinalOf(row.index, m_rows)));
        } else if (Finding* f = addAt(Severity::Info, Level::Object, QStringLiteral("silent_update_success"), row.index,
                                      row.node)) {
            setMessage(*f, QStringLiteral("object %1 reports success but was sent without id, so it was matched by "
                                          "emailAddress '%2'; success is also reported when no lead has that address")
                               .arg(ordinalOf(row.index, m_rows), email));
        }
    }
}
