#include "ErrorSearchIndex.h"

#include "ErrorSearchText.h"
#include "MethodCatalog.h"

#include <QRegularExpression>

#include <algorithm>

using namespace ErrorSearchText;

namespace {
// Field weights: where a word is found says how central it is to the entry.
enum FieldWeight : int
{
    WeightName = 300, // symbolic name and situation key
    WeightKeyword = 280,
    WeightTitle = 260,
    WeightMessage = 220,
    WeightCategory = 150,
    WeightSummary = 120,
    WeightCausesFixes = 60,
};

QString fieldLabel(int weight)
{
    switch (weight) {
    case WeightName:
        return QStringLiteral("name");
    case WeightKeyword:
        return QStringLiteral("keywords");
    case WeightTitle:
        return QStringLiteral("title");
    case WeightMessage:
        return QStringLiteral("message");
    case WeightCategory:
        return QStringLiteral("category");
    case WeightSummary:
        return QStringLiteral("summary");
    default:
        return QStringLiteral("causes and fixes");
    }
}
} // namespace

ErrorSearchIndex::ErrorSearchIndex(const ErrorCatalog& catalog)
{
    const std::vector<ErrorEntry>& entries = catalog.entries();
    m_entries.reserve(entries.size());

    for (int i = 0; i < int(entries.size()); ++i) {
        const ErrorEntry& e = entries[size_t(i)];
        Entry ix;
        ix.lowerName = e.name.toLower();
        ix.lowerKey = e.isNumeric() ? QString() : e.key.toLower();
        ix.normalizedMessage = normalizedMessage(e.message);
        if (e.example.isString() && e.example.toString().size() >= 12)
            ix.exampleTexts.append(normalizedMessage(e.example.toString()));
        for (const QString& m : e.methods) {
            if (m != QLatin1String("*")) {
                ix.lowerMethods.insert(m.toLower());
                m_methodNames.insert(m.toLower());
            }
        }

        struct TokenInfo
        {
            int bestWeight = 0;
            int fieldCount = 0;
            int lastField = -1; // counts each field once however often the word occurs in it
        };
        QHash<QString, TokenInfo> tokens;
        int field = 0;
        auto addField = [&](const QString& text, int weight) {
            const QStringList words = normalizedTokens(text);
            if (words.isEmpty())
                return;
            ix.phraseFields.append(QLatin1Char(' ') + words.join(QLatin1Char(' ')) + QLatin1Char(' '));
            ix.phraseWeights.append(weight);
            for (const QString& w : words) {
                TokenInfo& slot = tokens[w];
                if (slot.lastField == field)
                    continue;
                slot.lastField = field;
                slot.bestWeight = qMax(slot.bestWeight, weight);
                slot.fieldCount += 1;
            }
            ++field;
        };
        addField(e.name + QLatin1Char(' ') + (e.isNumeric() ? QString() : e.key), WeightName);
        for (const QString& k : e.keywords) {
            addField(k, WeightKeyword);
            ix.keywordPhrases.insert(normalizedPhrase(k));
        }
        addField(e.title, WeightTitle);
        addField(e.message, WeightMessage);
        addField(e.category, WeightCategory);
        addField(e.summary, WeightSummary);
        addField((e.causes + e.fixes).join(QLatin1Char(' ')), WeightCausesFixes);

        for (auto it = tokens.begin(); it != tokens.end(); ++it)
            m_postings[it.key()].append(Posting{i, it->bestWeight, it->fieldCount});
        m_entries.push_back(std::move(ix));
    }
    m_vocabulary = m_postings.keys();
    std::sort(m_vocabulary.begin(), m_vocabulary.end());
}

void ErrorSearchIndex::addMatch(const ErrorCatalog& c, Found& found, int index, int score, const QString& reason)
{
    auto it = found.find(index);
    if (it == found.end())
        found.insert(index, Match{&c.entries()[size_t(index)], score, reason});
    else if (score > it->score)
        *it = Match{&c.entries()[size_t(index)], score, reason};
}

bool ErrorSearchIndex::isKnownMethod(const QString& lowerToken) const
{
    if (m_methodNames.contains(lowerToken))
        return true;
    return looksLikeMethod(lowerToken) && MethodCatalog::builtin().byNameCaseInsensitive(lowerToken);
}

QList<ErrorCatalog::Match> ErrorSearchIndex::search(const ErrorCatalog& c, const QString& query) const
{
    const QString q = query.trimmed();
    if (q.isEmpty() || c.entries().empty())
        return {};
    Found found;
    searchCodes(c, q, found);
    searchText(c, q, found);
    searchWords(c, q, found);

    QList<Match> matches = found.values();
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.entry->isNumeric() != b.entry->isNumeric())
            return a.entry->isNumeric();
        return a.entry < b.entry; // catalogue order
    });
    return matches;
}

// Numbers: the code itself, hex, codes inside pasted JSON or log lines, HTTP statuses.
void ErrorSearchIndex::searchCodes(const ErrorCatalog& c, const QString& q, Found& found)
{
    auto indexOf = [&c](const ErrorEntry* e) { return int(e - c.entries().data()); };

    if (isDigits(q)) {
        if (const ErrorEntry* e = c.byCode(q.toInt()))
            addMatch(c, found, indexOf(e), 1000, QStringLiteral("exact code"));
        return;
    }
    static const QRegularExpression hexOnly(QStringLiteral("^0[xX]([0-9a-fA-F]{1,4})$"));
    if (const auto m = hexOnly.match(q); m.hasMatch()) {
        const int code = m.captured(1).toInt(nullptr, 16);
        if (const ErrorEntry* e = c.byCode(code))
            addMatch(c, found, indexOf(e), 980, QStringLiteral("hex %1 = %2").arg(q).arg(code));
        return;
    }

    QSet<int> inContext; // numbers already explained by a context, not counted again as bare numbers
    int rank = 0;
    const ErrorEntry* unknownCode = c.byKey(QStringLiteral("unknown_code"));
    const ErrorEntry* codeAsString = c.byKey(QStringLiteral("code_as_string"));
    auto codeInContext = [&](int code, int base, const QString& how) {
        inContext.insert(code);
        if (const ErrorEntry* e = c.byCode(code)) {
            addMatch(c, found, indexOf(e), base - qMin(rank++, 30), QStringLiteral("code %1 %2").arg(code).arg(how));
        } else if (unknownCode && code >= 100 && code <= 999) {
            addMatch(c, found, indexOf(unknownCode), base - 40,
                     QStringLiteral("code %1 %2 is not in the catalogue").arg(code).arg(how));
        }
    };

    // "code": 301 / "code":"105" — JSON pasted from a response or a log.
    static const QRegularExpression jsonCode(QStringLiteral("\"code\"\\s*:\\s*(\"?)(\\d{1,6})\"?"),
                                             QRegularExpression::CaseInsensitiveOption);
    for (auto it = jsonCode.globalMatch(q); it.hasNext();) {
        const auto m = it.next();
        const int code = m.captured(2).toInt();
        codeInContext(code, 900, QStringLiteral("in pasted JSON"));
        if (!m.captured(1).isEmpty() && codeAsString)
            addMatch(c, found, indexOf(codeAsString), 700, QStringLiteral("code \"%1\" is sent as a string").arg(code));
    }
    // error 105, error code: 105, err #213, code=301.
    static const QRegularExpression wordCode(
        QStringLiteral("\\b(?:error|err|errno|code|fault)(?:\\s*code)?\\s*[:#=]?\\s*#?(\\d{3})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = wordCode.globalMatch(q); it.hasNext();)
        codeInContext(it.next().captured(1).toInt(), 880, QStringLiteral("named in the text"));
    // Hex inside text: "error 0x69".
    static const QRegularExpression hexInText(QStringLiteral("\\b0[xX]([0-9a-fA-F]{1,4})\\b"));
    for (auto it = hexInText.globalMatch(q); it.hasNext();) {
        const auto m = it.next();
        const int code = m.captured(1).toInt(nullptr, 16);
        if (const ErrorEntry* e = c.byCode(code)) {
            inContext.insert(code);
            addMatch(c, found, indexOf(e), 850, QStringLiteral("hex %1 = %2").arg(m.captured(0)).arg(code));
        }
    }
    // HTTP 401, status 502: an HTTP status, not an API code.
    static const QRegularExpression httpStatus(
        QStringLiteral("\\b(?:http(?:/[\\d.]+)?|status)(?:\\s*code)?\\s*[:=]?\\s*(\\d{3})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = httpStatus.globalMatch(q); it.hasNext();) {
        const int status = it.next().captured(1).toInt();
        inContext.insert(status);
        const ErrorEntry* e = status == 401                    ? c.byKey(QStringLiteral("http_401_text"))
                              : (status < 200 || status > 299) ? c.byKey(QStringLiteral("http_status"))
                                                               : nullptr;
        if (e)
            addMatch(c, found, indexOf(e), 720, QStringLiteral("HTTP status %1").arg(status));
    }
    // Any other three-digit number that is a catalogue code ("got 213 from addListMember").
    static const QRegularExpression bare(QStringLiteral("(?<![\\w.\\-:/])(\\d{3})(?![\\w.\\-:/])"));
    for (auto it = bare.globalMatch(q); it.hasNext();) {
        const int code = it.next().captured(1).toInt();
        if (inContext.contains(code))
            continue;
        if (const ErrorEntry* e = c.byCode(code))
            addMatch(c, found, indexOf(e), 600, QStringLiteral("number %1 in the text").arg(code));
    }
}

// Whole-text comparisons: situation keys, symbolic names, message texts, known bodies.
void ErrorSearchIndex::searchText(const ErrorCatalog& c, const QString& q, Found& found) const
{
    const QString lower = q.toLower();
    const QString normalized = normalizedMessage(q);
    const bool singleToken = !q.contains(QLatin1Char(' '));
    // ENTRY_EXISTS-style input: the user means a symbolic name, not the words in it.
    const bool symbolic = singleToken && q.contains(QLatin1Char('_')) && q == q.toUpper();
    const bool looksLikeHtml = lower.contains(QLatin1String("<html")) || lower.contains(QLatin1String("<!doctype"));

    for (int i = 0; i < int(m_entries.size()); ++i) {
        const Entry& ix = m_entries[size_t(i)];
        if (!ix.lowerKey.isEmpty() && lower == ix.lowerKey)
            addMatch(c, found, i, 1000, QStringLiteral("situation key"));
        if (lower == ix.lowerName)
            addMatch(c, found, i, 950, QStringLiteral("symbolic name"));
        if (!ix.normalizedMessage.isEmpty()) {
            if (normalized == ix.normalizedMessage)
                addMatch(c, found, i, 950, QStringLiteral("exact message text"));
            else if (ix.normalizedMessage.size() >= 12 && normalized.contains(ix.normalizedMessage))
                addMatch(c, found, i, 870, QStringLiteral("message text found in the pasted text"));
            else if (normalized.size() >= 8 && ix.normalizedMessage.startsWith(normalized))
                addMatch(c, found, i, 720, QStringLiteral("start of the message text"));
        }
        for (const QString& body : ix.exampleTexts) {
            if (normalized.contains(body))
                addMatch(c, found, i, 860, QStringLiteral("the pasted text contains the body this situation produces"));
        }
        if (singleToken && q.size() >= 3) {
            if (lower != ix.lowerName && ix.lowerName.contains(lower))
                addMatch(c, found, i, symbolic ? 750 : 650,
                         QStringLiteral("symbolic name contains %1").arg(q.toUpper()));
            if (!ix.lowerKey.isEmpty() && lower != ix.lowerKey && ix.lowerKey.contains(lower))
                addMatch(c, found, i, symbolic ? 740 : 640, QStringLiteral("situation key contains %1").arg(lower));
        }
    }
    if (looksLikeHtml) {
        if (const ErrorEntry* e = c.byKey(QStringLiteral("html_page")))
            addMatch(c, found, int(e - c.entries().data()), 860, QStringLiteral("the pasted text is an HTML page"));
    }
}

// Words, synonyms and method names: every word of the query has to match somewhere in the entry.
void ErrorSearchIndex::searchWords(const ErrorCatalog& c, const QString& q, Found& found) const
{
    const QStringList raw = tokenize(q);
    // Longer inputs are pasted responses or logs: requiring all their words would never match,
    // and the code and message passes already looked at them.
    if (raw.isEmpty() || raw.size() > 12)
        return;
    QStringList terms;
    QStringList stops;
    bool hadCode = false;
    for (const QString& t : raw) {
        if (isDigits(t) && c.byCode(t.toInt())) {
            hadCode = true; // the code pass handled it
            continue;
        }
        (stopWords().contains(t) ? stops : terms).append(t);
    }
    // Only stop words ("error", "code"): search them, unless they just framed a code ("error 105").
    if (terms.isEmpty() && !hadCode)
        terms = stops;
    if (terms.isEmpty())
        return;

    struct Hit
    {
        int score = 0;
        QString where;       // field label, or the method reason
        bool method = false; // matched as a method name
    };
    const int entryCount = int(c.entries().size());
    std::vector<int> matchedTerms(size_t(entryCount), 0);
    std::vector<int> total(size_t(entryCount), 0);
    std::vector<QStringList> fields(static_cast<size_t>(entryCount));  // where words were found
    std::vector<QStringList> methods(static_cast<size_t>(entryCount)); // method reasons

    for (const QString& term : std::as_const(terms)) {
        QHash<int, Hit> hits;
        auto hit = [&hits](int entry, int score, const QString& where, bool method = false) {
            auto it = hits.find(entry);
            if (it == hits.end() || score > it->score)
                hits.insert(entry, Hit{score, where, method});
        };
        const QString norm = normalizeToken(term);
        const auto exact = m_postings.constFind(norm);
        if (exact != m_postings.constEnd()) {
            for (const Posting& p : *exact)
                hit(p.entry, p.bestWeight + qMin(4 * (p.fieldCount - 1), 16), fieldLabel(p.bestWeight));
        }
        // Prefix matches keep results useful while the last word is still being typed.
        if (norm.size() >= 3) {
            auto it = std::lower_bound(m_vocabulary.cbegin(), m_vocabulary.cend(), norm);
            for (; it != m_vocabulary.cend() && it->startsWith(norm); ++it) {
                if (*it == norm)
                    continue;
                for (const Posting& p : m_postings.value(*it))
                    hit(p.entry, p.bestWeight / 2, fieldLabel(p.bestWeight));
            }
        }
        if (isKnownMethod(term)) {
            const MethodSpec* spec =
                looksLikeMethod(term) ? MethodCatalog::builtin().byNameCaseInsensitive(term) : nullptr;
            const QString method = spec ? spec->name : term;
            for (int i = 0; i < entryCount; ++i) {
                const ErrorEntry& e = c.entries()[size_t(i)];
                if (m_entries[size_t(i)].lowerMethods.contains(term))
                    hit(i, 500, QStringLiteral("occurs in %1").arg(method), true);
                else if (spec && e.isNumeric() && spec->errors.contains(e.code))
                    hit(i, 450, QStringLiteral("expected from %1 (methods catalogue)").arg(method), true);
                else if (e.anyMethod())
                    hit(i, 250, QStringLiteral("can occur in any method, %1 included").arg(method), true);
            }
        }
        for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
            matchedTerms[size_t(it.key())] += 1;
            total[size_t(it.key())] += it->score;
            QStringList& list = it->method ? methods[size_t(it.key())] : fields[size_t(it.key())];
            if (!list.contains(it->where))
                list.append(it->where);
        }
    }

    const QString phrase = QLatin1Char(' ') + normalizedPhrase(terms.join(QLatin1Char(' '))) + QLatin1Char(' ');
    const QString wholeQuery = normalizedPhrase(q);
    const int termCount = int(terms.size());
    for (int i = 0; i < entryCount; ++i) {
        if (matchedTerms[size_t(i)] != termCount)
            continue;
        const Entry& ix = m_entries[size_t(i)];
        int score = total[size_t(i)] / termCount;
        QString reason;
        if (termCount > 1) {
            int best = 0;
            for (int f = 0; f < ix.phraseFields.size(); ++f) {
                if (ix.phraseWeights.at(f) > best && ix.phraseFields.at(f).contains(phrase))
                    best = ix.phraseWeights.at(f);
            }
            if (best) {
                score += best / 2;
                reason = QStringLiteral("phrase \"%1\" in %2").arg(phrase.trimmed(), fieldLabel(best));
            }
        }
        if (ix.keywordPhrases.contains(wholeQuery)) {
            score += 250;
            reason = QStringLiteral("keyword \"%1\"").arg(q);
        }
        if (reason.isEmpty()) {
            QStringList parts = methods[size_t(i)];
            if (!fields[size_t(i)].isEmpty())
                parts.append(QStringLiteral("words in ") + fields[size_t(i)].join(QStringLiteral(", ")));
            reason = parts.join(QStringLiteral("; "));
        }
        addMatch(c, found, i, qMin(score, 800), reason);
    }

    // A camelCase word that is no method at all: sent as "method", it would give 204.
    static const QRegularExpression camel(QStringLiteral("^[a-z]+[A-Z][A-Za-z0-9]*$"));
    for (const QString& word : q.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString lower = word.toLower();
        if (!camel.match(word).hasMatch() || !looksLikeMethod(lower) || isKnownMethod(lower))
            continue;
        if (const ErrorEntry* e = c.byCode(204)) {
            const QStringList close = MethodCatalog::builtin().closestNames(word, 1);
            addMatch(c, found, int(e - c.entries().data()), 700,
                     close.isEmpty()
                         ? QStringLiteral("%1 is not a known method").arg(word)
                         : QStringLiteral("%1 is not a known method (did you mean %2?)").arg(word, close.first()));
        }
    }
}
