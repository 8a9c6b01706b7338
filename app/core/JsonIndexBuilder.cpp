#include "JsonChars.h"
#include "JsonIndex.h"
#include "Platform.h"

#include <QFile>

#include <algorithm>
#include <cstring>
#include <simdjson.h>

// JsonIndex::build and its stage 2 pass (JsonIndexBuilder) share this translation unit so that
// the per-structural helpers inline into the hot loop.

using namespace JsonChars;

namespace {

// RFC 8259 number grammar over [p, e).
bool isValidNumber(const char* p, const char* e)
{
    if (p < e && *p == '-')
        ++p;
    if (p == e)
        return false;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        while (p < e && isDigit(*p))
            ++p;
    } else {
        return false;
    }
    if (p < e && *p == '.') {
        ++p;
        if (p == e || !isDigit(*p))
            return false;
        while (p < e && isDigit(*p))
            ++p;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < e && (*p == '+' || *p == '-'))
            ++p;
        if (p == e || !isDigit(*p))
            return false;
        while (p < e && isDigit(*p))
            ++p;
    }
    return p == e;
}

// Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF),
// 0 when invalid.
int utf8SequenceLength(const uchar* p, qint64 remaining)
{
    const uchar c = p[0];
    if (c < 0x80)
        return 1;
    auto cont = [&](int i) { return remaining > i && (p[i] & 0xc0) == 0x80; };
    if (c < 0xc2)
        return 0;
    if (c < 0xe0)
        return cont(1) ? 2 : 0;
    if (c < 0xf0) {
        if (!cont(1) || !cont(2))
            return 0;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
            return 0;
        return 3;
    }
    if (c < 0xf5) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

QString describeByte(const char* data, qint64 size, qint64 offset)
{
    if (offset >= size)
        return QStringLiteral("end of input");
    const uchar c = uchar(data[offset]);
    if (c >= 0x20 && c < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

// Documents up to this size get transparent huge pages for their big buffers (see below).
constexpr qint64 kHugePageDocumentLimit = qint64(256) << 20;

// The structural indexes are written once, front to back. For a 100 MB document, transparent huge
// pages remove most of the page-fault time (system time 0.07 s -> 0.01 s, measured); for a
// 1 GB one the kernel must find and clear hundreds of huge pages and it costs more than it
// saves (system time 0.6 s -> 2-2.5 s). Hence the size limit. Advisory; harmless elsewhere.
void adviseHugePages(qint64 documentSize, const void* start, size_t bytes)
{
    if (documentSize <= kHugePageDocumentLimit && bytes >= size_t(4) << 20)
        Platform::adviseHugePages(start, bytes);
}

// The stage 1 output already consumed goes back to the system, so that the node table grows
// into the memory the structural indexes give up: peak memory ≈ source + max(structurals,
// nodes) instead of their sum.
void releaseConsumed(const void* start, const void* end)
{
    Platform::releasePages(start, end);
}

} // namespace

// Stage 2: one iterative pass over simdjson's structural indexes. The open containers live on
// an explicit stack (so depth is bounded by memory, not by the call stack); the children of
// the containers still open wait in `pending` and move to the node table as one contiguous
// block when their container closes.
class JsonIndexBuilder
{
public:
    // The structurals index data + base (base skips a byte order mark); stored offsets are
    // relative to the whole source.
    JsonIndexBuilder(JsonIndex& index, quint32 base, const quint32* structurals, quint32 count)
        : m_index(index)
        , m_base(base)
        , m_data(index.m_data + base)
        , m_size(quint32(index.m_size - base))
        , m_structurals(structurals)
        , m_count(count)
    {}

    bool run(const JsonIndex::Progress& progress, double from, double to);

private:
    using Node = JsonIndex::Node;
    enum class Expect
    {
        Value,
        ValueOrClose,
        KeyOrClose,
        Key,
        Colon,
        CommaOrClose,
        End
    };
    struct Open
    {
        quint32 container;
        quint32 childStart; // first child in m_pending
        bool isArray;
    };

    quint32 tokenEnd(quint32 i) const
    {
        quint32 end = i + 1 < m_count ? m_structurals[i + 1] : m_size;
        const quint32 start = m_structurals[i];
        while (end > start && isJsonWhitespace(uchar(m_data[end - 1])))
            --end;
        return end;
    }
    bool fail(quint32 offset, const QString& message, bool truncated = false)
    {
        m_index.fail(JsonIndex::Status::Invalid, qint64(offset) + m_base, message, truncated);
        return false;
    }
    // Validates the string literal [start, end) (quotes included); sets *escaped.
    bool checkString(quint32 start, quint32 end, bool* escaped);
    bool addValue(quint32 i, Expect* expect);
    void addScalar(const Node& node);
    void closeContainer(quint32 bracket);
    // Writes node's index as the parent of its children (already placed).
    void adoptChildren(quint32 node);

    JsonIndex& m_index;
    quint32 m_base;
    const char* m_data;
    quint32 m_size;
    const quint32* m_structurals;
    quint32 m_count;
    std::vector<Open> m_open;
    std::vector<Node> m_pending;
    qint64 m_keyOffset = -1;
    bool m_keyEscaped = false;
    const char* m_nextBackslash = nullptr; // memchr cursor shared by all strings, in order
};

bool JsonIndexBuilder::checkString(quint32 start, quint32 end, bool* escaped)
{
    if (end - start < 2 || m_data[end - 1] != '"')
        return fail(start, QStringLiteral("malformed string"));
    *escaped = false;
    const char* p = m_data + start + 1;
    const char* e = m_data + end - 1;
    // One memchr cursor over the whole document: total work stays linear however many
    // strings there are, and strings without escapes (nearly all) cost one comparison.
    if (m_nextBackslash < p) {
        m_nextBackslash = static_cast<const char*>(std::memchr(p, '\\', size_t(m_data + m_size - p)));
        if (!m_nextBackslash)
            m_nextBackslash = m_data + m_size;
    }
    if (m_nextBackslash >= e)
        return true;
    *escaped = true;
    for (const char* q = m_nextBackslash; q < e; ++q) {
        if (*q != '\\')
            continue;
        const char k = q[1];
        if (k == 'u') {
            for (int j = 2; j < 6; ++j) {
                if (q + j >= e || hexValue(q[j]) < 0)
                    return fail(quint32(q - m_data),
                                QStringLiteral("invalid \\u escape in a string (expected 4 hex digits)"));
            }
            q += 5;
        } else if (k == '"' || k == '\\' || k == '/' || k == 'b' || k == 'f' || k == 'n' || k == 'r' || k == 't') {
            ++q;
        } else {
            return fail(quint32(q - m_data),
                        QStringLiteral("invalid escape sequence '\\%1' in a string").arg(QString::fromUtf8(q + 1, 1)));
        }
    }
    m_nextBackslash = nullptr; // rescan from the next string on
    return true;
}

void JsonIndexBuilder::addScalar(const Node& node)
{
    if (m_open.empty())
        m_index.m_nodes[0] = node; // a scalar root
    else
        m_pending.push_back(node);
}

bool JsonIndexBuilder::addValue(quint32 i, Expect* expect)
{
    const quint32 pos = m_structurals[i];
    const char c = m_data[pos];
    Node node{};
    node.offset = pos + m_base;
    node.parent = JsonIndex::npos; // written when the parent's own node is placed (closeContainer)
    if (m_keyOffset >= 0) {
        const qint64 delta = qint64(node.offset) - m_keyOffset;
        if (delta < JsonIndex::kFarKey) {
            node.keyDelta = quint16(delta);
        } else {
            node.keyDelta = JsonIndex::kFarKey;
            m_index.m_farKeys.emplace(node.offset, quint32(m_keyOffset));
        }
        if (m_keyEscaped)
            node.flags |= JsonIndex::kKeyEscaped;
        m_keyOffset = -1;
    }

    if (c == '{' || c == '[') {
        const bool isArray = c == '[';
        node.type = quint8(isArray ? JsonIndex::Type::Array : JsonIndex::Type::Object);
        node.aux = quint32(m_index.m_containers.size());
        m_index.m_containers.push_back({0, 0, 0});
        m_pending.push_back(node); // even the root container waits here until it closes
        m_open.push_back({node.aux, quint32(m_pending.size()), isArray});
        *expect = isArray ? Expect::ValueOrClose : Expect::KeyOrClose;
        return true;
    }

    const quint32 end = tokenEnd(i);
    node.aux = end - pos;
    if (c == '"') {
        bool escaped = false;
        if (!checkString(pos, end, &escaped))
            return false;
        node.type = quint8(JsonIndex::Type::String);
        if (escaped)
            node.flags |= JsonIndex::kValueEscaped;
    } else if (c == '-' || isDigit(c)) {
        if (!isValidNumber(m_data + pos, m_data + end))
            return fail(pos, QStringLiteral("invalid number '%1'")
                                 .arg(QString::fromUtf8(m_data + pos, std::min<int>(int(end - pos), 40))));
        node.type = quint8(JsonIndex::Type::Number);
    } else if (c == 't' || c == 'f' || c == 'n') {
        const QByteArrayView token(m_data + pos, end - pos);
        if (token == "true")
            node.type = quint8(JsonIndex::Type::True);
        else if (token == "false")
            node.type = quint8(JsonIndex::Type::False);
        else if (token == "null")
            node.type = quint8(JsonIndex::Type::Null);
        else
            return fail(pos, QStringLiteral("invalid literal '%1' (expected true, false or null)")
                                 .arg(QString::fromUtf8(token.data(), std::min<qsizetype>(token.size(), 40))));
    } else {
        return fail(pos, QStringLiteral("expected a value, found %1").arg(describeByte(m_data, m_size, pos)));
    }
    addScalar(node);
    *expect = m_open.empty() ? Expect::End : Expect::CommaOrClose;
    return true;
}

void JsonIndexBuilder::adoptChildren(quint32 node)
{
    auto& nodes = m_index.m_nodes;
    const JsonIndex::Type t = JsonIndex::Type(nodes[node].type);
    if ((t != JsonIndex::Type::Object && t != JsonIndex::Type::Array) || (nodes[node].flags & JsonIndex::kEmpty))
        return;
    const JsonIndex::Container& c = m_index.m_containers[nodes[node].aux];
    for (quint32 k = c.first, end = c.first + c.count; k < end; ++k)
        nodes[k].parent = node;
}

void JsonIndexBuilder::closeContainer(quint32 bracket)
{
    const Open open = m_open.back();
    m_open.pop_back();
    auto& nodes = m_index.m_nodes;
    if (m_pending.size() == open.childStart) {
        // Empty: no children to place, so no Container either. It is the last one opened, and
        // its own node is the last one waiting.
        m_index.m_containers.pop_back();
        Node& self = m_pending.back();
        self.aux = bracket + m_base + 1 - self.offset;
        self.flags |= JsonIndex::kEmpty;
        if (m_open.empty()) {
            nodes[0] = self;
            m_pending.clear();
        }
        return;
    }
    JsonIndex::Container& container = m_index.m_containers[open.container];
    const quint32 first = quint32(nodes.size());
    container.first = first;
    container.count = quint32(m_pending.size() - open.childStart);
    container.end = bracket + m_base;
    // The children of a huge array move in chunks, each chunk's pages handed back once copied,
    // so that they are never held twice (16 bytes per element of a million-element batch).
    constexpr size_t kChunk = size_t(1) << 16;
    const Node* from = m_pending.data() + open.childStart;
    for (size_t left = container.count; left > 0;) {
        const size_t n = std::min(left, kChunk);
        nodes.insert(nodes.end(), from, from + n);
        if (container.count > 2 * kChunk)
            releaseConsumed(from, from + n);
        from += n;
        left -= n;
    }
    // The children placed here now have their final node indexes, and so do the children of
    // those that are containers: those grandchildren learn their parent's index.
    for (quint32 n = first; n < nodes.size(); ++n)
        adoptChildren(n);
    m_pending.resize(open.childStart);
    if (m_open.empty()) {
        // The root container: its node has been waiting in m_pending[0].
        nodes[0] = m_pending.front();
        adoptChildren(0);
        m_pending.clear();
    }
}

bool JsonIndexBuilder::run(const JsonIndex::Progress& progress, double from, double to)
{
    auto& nodes = m_index.m_nodes;
    // A value needs at least two structurals (itself and a separator or bracket), so this
    // reservation is never exceeded; untouched pages of it cost no memory.
    nodes.reserve(size_t(m_count) / 2 + 2);
    // No huge pages here (unlike the structural indexes): the table is not written front to
    // back in one go (a huge array's elements arrive at its end), and right after another big
    // process had freed its memory the kernel supplied them slowly (a VM whose freed pages go
    // back to the host): inspect of a 72 MB batch took 0.74-0.89 s with them and 0.36-0.44 s
    // without in bench_inspect_failed. Run alone, huge pages saved 40-100 ms there.
    nodes.push_back(Node{}); // slot for the root, written when it is complete

    Expect expect = Expect::Value;
    quint32 released = 0;
    for (quint32 i = 0; i < m_count; ++i) {
        if ((i & 0x3ffff) == 0 && i) {
            if (progress && !progress(from + (to - from) * double(m_structurals[i]) / double(m_size))) {
                m_index.fail(JsonIndex::Status::Canceled, -1, QStringLiteral("canceled"));
                return false;
            }
            // Only indexes before i - 1 are never read again (tokenEnd reads i + 1).
            releaseConsumed(m_structurals + released, m_structurals + i - 1);
            // The source bytes before them too, when the index was asked to (Residency::OnePass).
            m_index.releaseSource(qint64(m_structurals[released]) + m_base, qint64(m_structurals[i - 1]) + m_base);
            released = i - 1;
        }
        const quint32 pos = m_structurals[i];
        const char c = m_data[pos];
        switch (expect) {
        case Expect::ValueOrClose:
            if (c == ']') {
                closeContainer(pos);
                expect = m_open.empty() ? Expect::End : Expect::CommaOrClose;
                break;
            }
            [[fallthrough]];
        case Expect::Value:
            if (!addValue(i, &expect))
                return false;
            break;
        case Expect::KeyOrClose:
            if (c == '}') {
                closeContainer(pos);
                expect = m_open.empty() ? Expect::End : Expect::CommaOrClose;
                break;
            }
            [[fallthrough]];
        case Expect::Key: {
            if (c != '"') {
                return fail(pos, expect == Expect::Key
                                     ? QStringLiteral("expected a string key after ',' in an object, found %1")
                                           .arg(describeByte(m_data, m_size, pos))
                                     : QStringLiteral("expected a string key or '}', found %1")
                                           .arg(describeByte(m_data, m_size, pos)));
            }
            if (!checkString(pos, tokenEnd(i), &m_keyEscaped))
                return false;
            m_keyOffset = qint64(pos) + m_base;
            expect = Expect::Colon;
            break;
        }
        case Expect::Colon:
            if (c != ':')
                return fail(pos, QStringLiteral("expected ':' after an object key, found %1")
                                     .arg(describeByte(m_data, m_size, pos)));
            expect = Expect::Value;
            break;
        case Expect::CommaOrClose: {
            const bool isArray = m_open.back().isArray;
            if (c == ',') {
                expect = isArray ? Expect::Value : Expect::Key;
            } else if (c == (isArray ? ']' : '}')) {
                closeContainer(pos);
                expect = m_open.empty() ? Expect::End : Expect::CommaOrClose;
            } else {
                return fail(pos, isArray ? QStringLiteral("expected ',' or ']' after an array element, found %1")
                                               .arg(describeByte(m_data, m_size, pos))
                                         : QStringLiteral("expected ',' or '}' after an object member, found %1")
                                               .arg(describeByte(m_data, m_size, pos)));
            }
            break;
        }
        case Expect::End:
            return fail(pos, QStringLiteral("unexpected %1 after the end of the JSON document")
                                 .arg(describeByte(m_data, m_size, pos)));
        }
    }
    if (expect != Expect::End) {
        const QString what = m_open.empty() ? QStringLiteral("a value")
                                            : QStringLiteral("%1 unclosed container%2")
                                                  .arg(m_open.size())
                                                  .arg(m_open.size() == 1 ? QString() : QStringLiteral("s"));
        return fail(m_size, QStringLiteral("unexpected end of input with %1 (the document is cut short)").arg(what),
                    true);
    }
    return true;
}

void JsonIndex::buildIndex(const Progress& progress)
{
    m_status = Status::Empty;
    if (m_size > maxDocumentSize()) {
        fail(Status::TooLarge, -1,
             QStringLiteral("%1 bytes is more than the %2 bytes this index supports")
                 .arg(m_size)
                 .arg(maxDocumentSize()));
        return;
    }
    const char* end = m_data + m_size;
    const char* begin = m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0 ? m_data + 3 : m_data;
    if (std::find_if(begin, end, [](char c) { return !isJsonWhitespace(uchar(c)); }) == end) {
        fail(Status::Empty, -1, QStringLiteral("no content"));
        return;
    }
    if (progress && !progress(0.0)) {
        fail(Status::Canceled, -1, QStringLiteral("canceled"));
        return;
    }

    // A UTF-8 byte order mark (editors on Windows add one to saved responses) reads as
    // whitespace: skip it rather than call the document invalid.
    const quint32 base = m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    // Small documents (log lines, HAR entries, one after another by the thousand) share one
    // parser per thread instead of allocating its buffers each time.
    constexpr qint64 kReusedCapacity = 1 << 20;
    thread_local std::unique_ptr<simdjson::internal::dom_parser_implementation> reused;
    std::unique_ptr<simdjson::internal::dom_parser_implementation> own;
    const bool small = m_size <= kReusedCapacity;
    std::unique_ptr<simdjson::internal::dom_parser_implementation>& parserSlot = small ? reused : own;
    // Only stage 1 runs, so the stage 2 depth bookkeeping is never used: depth 1 keeps it tiny.
    if (!parserSlot && simdjson::get_active_implementation()->create_dom_parser_implementation(
                           size_t(small ? kReusedCapacity : m_size), 1, parserSlot) != simdjson::SUCCESS) {
        parserSlot.reset();
        fail(Status::TooLarge, -1, QStringLiteral("not enough memory to index %1 bytes").arg(m_size));
        return;
    }
    simdjson::internal::dom_parser_implementation* const parser = parserSlot.get();
    adviseHugePages(m_size, parser->structural_indexes.get(), size_t(m_size) * sizeof(quint32));
    auto stage1 = [&] {
        return parser->stage1(reinterpret_cast<const uint8_t*>(m_data) + base, size_t(m_size - base),
                              simdjson::stage1_mode::regular);
    };
    simdjson::error_code error = stage1();

    if (error == simdjson::UTF8_ERROR) {
        // Keep going on a copy where each invalid byte reads as '?': the user still gets the
        // tree and the findings, and the offsets are those of the original bytes.
        QByteArray copy(m_data, m_size);
        uchar* p = reinterpret_cast<uchar*>(copy.data());
        for (qint64 i = 0; i < m_size;) {
            const int n = utf8SequenceLength(p + i, m_size - i);
            if (n) {
                i += n;
                continue;
            }
            if (m_invalidUtf8Offset < 0)
                m_invalidUtf8Offset = i;
            ++m_invalidUtf8Count;
            p[i++] = '?';
        }
        m_bytes = copy;
        m_file.reset();
        m_data = m_bytes.constData();
        error = stage1();
    }
    if (error != simdjson::SUCCESS) {
        // Stage 1 says what but not where: find the place with a plain scan (error path only).
        bool inString = false;
        qint64 stringStart = -1;
        for (qint64 i = base; i < m_size; ++i) {
            const uchar c = uchar(m_data[i]);
            if (c == '\\') {
                ++i; // simdjson treats a backslash as an escape everywhere; so do we
                continue;
            }
            if (c == '"') {
                inString = !inString;
                stringStart = i;
            } else if (inString && c < 0x20) {
                fail(Status::Invalid, i,
                     QStringLiteral("control character U+%1 inside a string must be escaped")
                         .arg(uint(c), 4, 16, QLatin1Char('0')));
                return;
            }
        }
        if (inString) {
            fail(Status::Invalid, stringStart,
                 QStringLiteral("string starting here is never closed (the input ends at byte %1)").arg(m_size), true);
            return;
        }
        fail(Status::Invalid, 0, QString::fromUtf8(simdjson::error_message(error)));
        return;
    }
    if (progress && !progress(0.15)) {
        fail(Status::Canceled, -1, QStringLiteral("canceled"));
        return;
    }

    JsonIndexBuilder builder(*this, base, parser->structural_indexes.get(), parser->n_structural_indexes);
    if (!builder.run(progress, 0.15, 1.0))
        return;
    m_status = Status::Ok;
    m_errorOffset = -1;
    m_errorMessage.clear();
    if (progress)
        progress(1.0);
}
