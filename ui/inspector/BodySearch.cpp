#include "BodySearch.h"

#include <cstring>

namespace {
constexpr qint64 kCancelCheckBytes = 4 << 20;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isPunctuation(char c)
{
    return c == ':' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']';
}

char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}
} // namespace

BodySearch::BodySearch(const QString& query, bool caseSensitive)
    : m_caseSensitive(caseSensitive)
{
    const QByteArray utf8 = query.trimmed().toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (isJsonSpace(c)) {
            qsizetype end = i;
            while (end < utf8.size() && isJsonSpace(utf8.at(end)))
                ++end;
            // trimmed(): whitespace is always between two bytes here.
            const bool nearPunctuation = isPunctuation(utf8.at(i - 1)) || isPunctuation(utf8.at(end));
            if (!nearPunctuation)
                m_items.append({Kind::RequiredWs, ' '});
            else if (m_items.constLast().kind != Kind::OptionalWs)
                m_items.append({Kind::OptionalWs, ' '});
            i = end - 1;
            continue;
        }
        if (isPunctuation(c) && !m_items.isEmpty() && m_items.constLast().kind == Kind::Byte)
            m_items.append({Kind::OptionalWs, ' '});
        m_items.append({Kind::Byte, caseSensitive ? c : fold(c)});
        if (isPunctuation(c) && i + 1 < utf8.size() && !isJsonSpace(utf8.at(i + 1)))
            m_items.append({Kind::OptionalWs, ' '});
    }
}

qint64 BodySearch::matchEnd(const char* data, qint64 size, qint64 at) const
{
    qint64 pos = at;
    for (const Item& item : m_items) {
        switch (item.kind) {
        case Kind::Byte: {
            if (pos >= size)
                return -1;
            const char c = m_caseSensitive ? data[pos] : fold(data[pos]);
            if (c != item.byte)
                return -1;
            ++pos;
            break;
        }
        case Kind::RequiredWs:
            if (pos >= size || !isJsonSpace(data[pos]))
                return -1;
            Q_FALLTHROUGH();
        case Kind::OptionalWs:
            while (pos < size && isJsonSpace(data[pos]))
                ++pos;
            break;
        }
    }
    return pos;
}

BodySearch::Match BodySearch::matchAt(QByteArrayView haystack, qint64 offset) const
{
    if (m_items.isEmpty() || offset < 0 || offset >= haystack.size())
        return {};
    const qint64 end = matchEnd(haystack.data(), haystack.size(), offset);
    return end < 0 ? Match{} : Match{offset, end - offset};
}

BodySearch::Match BodySearch::find(QByteArrayView haystack, qint64 from, bool backward,
                                   const std::atomic<bool>* cancel) const
{
    if (m_items.isEmpty())
        return {};
    const char* data = haystack.data();
    const qint64 size = haystack.size();
    const char first = m_items.constFirst().byte;
    const char firstUpper = (first >= 'a' && first <= 'z' && !m_caseSensitive) ? char(first - ('a' - 'A')) : first;
    const auto canceled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    if (!backward) {
        qint64 at = std::max<qint64>(0, from);
        qint64 nextCheck = at + kCancelCheckBytes;
        while (at < size) {
            // memchr for the first byte (both cases) does the bulk of the scanning.
            const void* lower = std::memchr(data + at, first, size_t(std::min(size, nextCheck) - at));
            const void* upper = firstUpper == first
                                    ? nullptr
                                    : std::memchr(data + at, firstUpper, size_t(std::min(size, nextCheck) - at));
            const char* hit = static_cast<const char*>(lower);
            if (upper && (!hit || static_cast<const char*>(upper) < hit))
                hit = static_cast<const char*>(upper);
            if (!hit) {
                at = std::min(size, nextCheck);
                nextCheck = at + kCancelCheckBytes;
                if (canceled())
                    return {};
                continue;
            }
            const qint64 candidate = hit - data;
            const qint64 end = matchEnd(data, size, candidate);
            if (end >= 0)
                return {candidate, end - candidate};
            at = candidate + 1;
            if (at >= nextCheck) {
                nextCheck = at + kCancelCheckBytes;
                if (canceled())
                    return {};
            }
        }
        return {};
    }

    qint64 at = std::min(from, size) - 1;
    qint64 checked = 0;
    for (; at >= 0; --at) {
        const char c = data[at];
        if (c == first || c == firstUpper) {
            const qint64 end = matchEnd(data, size, at);
            if (end >= 0)
                return {at, end - at};
        }
        if (++checked == kCancelCheckBytes) {
            checked = 0;
            if (canceled())
                return {};
        }
    }
    return {};
}

qint64 BodySearch::count(QByteArrayView haystack, qint64 limit, const std::atomic<bool>* cancel) const
{
    qint64 n = 0;
    qint64 at = 0;
    while (n < limit) {
        const Match m = find(haystack, at, false, cancel);
        if (!m.isValid())
            break;
        ++n;
        at = m.offset + std::max<qint64>(1, m.length);
    }
    return n;
}
