#include "BodyLayout.h"

#include <algorithm>
#include <cstring>

namespace {
constexpr quint32 kCancelCheckMask = 0xffff;

// UTF-16 length of UTF-8 bytes (the index has already replaced invalid sequences).
int utf16Length(const char* data, qint64 size)
{
    int n = 0;
    for (qint64 i = 0; i < size; ++i) {
        const auto c = uchar(data[i]);
        if ((c & 0xc0) != 0x80)
            ++n;
        if (c >= 0xf0)
            ++n; // a surrogate pair
    }
    return n;
}

// Bytes that make up the first `units` UTF-16 units of data (clamped to size).
qint64 utf8Bytes(const char* data, qint64 size, int units)
{
    qint64 i = 0;
    while (i < size && units > 0) {
        const auto c = uchar(data[i]);
        units -= c >= 0xf0 ? 2 : 1;
        ++i;
        while (i < size && (uchar(data[i]) & 0xc0) == 0x80)
            ++i;
    }
    return i;
}

// Start of the UTF-8 sequence at or before `at`.
qint64 sequenceStart(const char* data, qint64 begin, qint64 at)
{
    while (at > begin && (uchar(data[at]) & 0xc0) == 0x80)
        --at;
    return at;
}

bool canceled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}
} // namespace

std::shared_ptr<const BodyLayout> BodyLayout::pretty(const std::shared_ptr<const JsonIndex>& index,
                                                     const std::atomic<bool>* cancel)
{
    if (!index || !index->isValid() || index->nodeCount() > kNodeMask / 2)
        return nullptr;
    std::shared_ptr<BodyLayout> layout(new BodyLayout);
    layout->m_mode = Mode::Pretty;
    layout->m_index = index;
    const JsonIndex& ix = *index;
    std::vector<quint32>& lines = layout->m_lines;
    lines.reserve(ix.nodeCount() + ix.nodeCount() / 8 + 1);

    struct Frame
    {
        JsonIndex::NodeId node;
        int next;
        int count;
    };
    std::vector<Frame> stack;
    auto open = [&](JsonIndex::NodeId node) {
        lines.push_back(node);
        const int count = ix.isContainer(node) ? ix.childCount(node) : 0;
        if (count > 0) {
            stack.push_back({node, 0, count});
            layout->m_maxDepth = std::max(layout->m_maxDepth, int(stack.size()));
        }
    };
    open(ix.root());
    quint32 steps = 0;
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next < top.count) {
            const JsonIndex::NodeId child = ix.child(top.node, top.next++);
            open(child); // may reallocate the stack: `top` is not used after this
        } else {
            lines.push_back(top.node | kCloseFlag);
            stack.pop_back();
        }
        if ((++steps & kCancelCheckMask) == 0 && canceled(cancel))
            return nullptr;
    }
    lines.shrink_to_fit();
    return layout;
}

std::shared_ptr<const BodyLayout> BodyLayout::raw(const std::shared_ptr<const JsonIndex>& index,
                                                  const std::atomic<bool>* cancel)
{
    if (!index)
        return nullptr;
    std::shared_ptr<BodyLayout> layout(new BodyLayout);
    layout->m_mode = Mode::Raw;
    layout->m_index = index;
    const char* data = index->data();
    const qint64 size = index->size();
    std::vector<quint32>& starts = layout->m_starts;
    std::vector<quint32>& numbers = layout->m_numbers;
    starts.reserve(size_t(size / 60 + 1));
    numbers.reserve(size_t(size / 60 + 1));
    starts.push_back(0);
    numbers.push_back(1);

    constexpr qint64 kMax = maxRawLineBytes();
    quint32 lineNumber = 1;
    qint64 segment = 0; // start of the current displayed line
    qint64 sinceCheck = 0;
    while (segment < size) {
        const qint64 window = std::min(size, segment + kMax);
        const auto* newline = static_cast<const char*>(std::memchr(data + segment, '\n', size_t(window - segment)));
        qint64 next;
        bool continuation = false;
        if (newline) {
            next = newline - data + 1;
            ++lineNumber;
        } else if (window == size) {
            break;
        } else {
            // A long line: cut after the last comma, bracket or space outside a string in the
            // second half of the window, else at a character boundary. String state restarts at
            // each cut, which is always outside a string unless the cut is forced.
            bool inString = false;
            bool escaped = false;
            qint64 cut = -1;
            for (qint64 i = segment; i < window; ++i) {
                const char c = data[i];
                if (inString) {
                    if (escaped)
                        escaped = false;
                    else if (c == '\\')
                        escaped = true;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if ((c == ',' || c == '{' || c == '[' || c == ' ') && i - segment >= kMax / 2) {
                    cut = i + 1;
                }
            }
            next = cut > segment ? cut : sequenceStart(data, segment + 1, window);
            continuation = true;
        }
        if (next >= size)
            break;
        starts.push_back(quint32(next));
        numbers.push_back(continuation ? (lineNumber | kContinuation) : lineNumber);
        sinceCheck += next - segment;
        segment = next;
        if (sinceCheck > (1 << 20)) {
            sinceCheck = 0;
            if (canceled(cancel))
                return nullptr;
        }
    }
    starts.shrink_to_fit();
    numbers.shrink_to_fit();
    return layout;
}

qint64 BodyLayout::lineCount() const
{
    return m_mode == Mode::Pretty ? qint64(m_lines.size()) : qint64(m_starts.size());
}

qint64 BodyLayout::lineNumber(qint64 line) const
{
    if (m_mode == Mode::Pretty)
        return line + 1;
    const quint32 n = m_numbers[size_t(line)];
    return (n & kContinuation) ? 0 : n;
}

qint64 BodyLayout::sourceLine(qint64 line) const
{
    if (m_mode == Mode::Pretty)
        return line + 1;
    return m_numbers[size_t(line)] & ~kContinuation;
}

qint64 BodyLayout::keyEnd(JsonIndex::NodeId node) const
{
    const char* data = m_index->data();
    const qint64 limit = m_index->offset(node);
    qint64 i = m_index->keyOffset(node) + 1;
    while (i < limit) {
        if (data[i] == '\\')
            i += 2;
        else if (data[i] == '"')
            return i + 1;
        else
            ++i;
    }
    return limit;
}

bool BodyLayout::hasComma(JsonIndex::NodeId node) const
{
    const JsonIndex::NodeId parent = m_index->parent(node);
    return parent != JsonIndex::npos && m_index->row(node) < m_index->childCount(parent) - 1;
}

qint64 BodyLayout::anchorOf(qint64 line) const
{
    const quint32 entry = m_lines[size_t(line)];
    const JsonIndex::NodeId node = entry & kNodeMask;
    if (entry & kCloseFlag)
        return m_index->offset(node) + m_index->length(node) - 1;
    return m_index->hasKey(node) ? m_index->keyOffset(node) : m_index->offset(node);
}

QString BodyLayout::lineText(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return QString();
    const char* data = m_index->data();
    if (m_mode == Mode::Raw) {
        const qint64 start = m_starts[size_t(line)];
        qint64 end = line + 1 < lineCount() ? qint64(m_starts[size_t(line + 1)]) : m_index->size();
        while (end > start && (data[end - 1] == '\n' || data[end - 1] == '\r'))
            --end;
        QString text = QString::fromUtf8(data + start, end - start);
        // Control characters (tabs included) take one column each, so columns map to bytes.
        for (QChar& c : text) {
            if (c.unicode() < 0x20)
                c = QLatin1Char(' ');
        }
        return text;
    }

    const JsonIndex& ix = *m_index;
    const quint32 entry = m_lines[size_t(line)];
    const JsonIndex::NodeId node = entry & kNodeMask;
    const bool object = ix.type(node) == JsonIndex::Type::Object;
    QString text(ix.depth(node) * 2, QLatin1Char(' '));
    if (entry & kCloseFlag) {
        text += QLatin1Char(object ? '}' : ']');
    } else {
        if (ix.hasKey(node)) {
            const qint64 key = ix.keyOffset(node);
            text += QString::fromUtf8(data + key, keyEnd(node) - key);
            text += QLatin1String(": ");
        }
        if (ix.isContainer(node)) {
            if (ix.childCount(node) == 0)
                text += QLatin1String(object ? "{}" : "[]");
            else
                return text + QLatin1Char(object ? '{' : '[');
        } else {
            const QByteArrayView value = ix.raw(node);
            if (value.size() > maxLineChars()) {
                const qint64 shown = sequenceStart(value.data(), 0, maxLineChars());
                text += QString::fromUtf8(value.data(), shown);
                text += QStringLiteral(" … (%1 more bytes)").arg(value.size() - shown);
                return text;
            }
            text += QString::fromUtf8(value.data(), value.size());
        }
    }
    if (hasComma(node))
        text += QLatin1Char(',');
    return text;
}

BodyLayout::Position BodyLayout::positionOf(qint64 byteOffset) const
{
    if (lineCount() == 0)
        return {};
    const char* data = m_index->data();
    if (m_mode == Mode::Raw) {
        const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), quint64(std::max<qint64>(0, byteOffset)));
        const qint64 line = qint64(it - m_starts.begin()) - 1;
        const qint64 start = m_starts[size_t(line)];
        qint64 end = line + 1 < lineCount() ? qint64(m_starts[size_t(line + 1)]) : m_index->size();
        while (end > start && (data[end - 1] == '\n' || data[end - 1] == '\r'))
            --end;
        return {line, utf16Length(data + start, std::clamp(byteOffset, start, end) - start)};
    }

    // The last line whose first byte is at or before the offset (anchors increase with lines).
    qint64 lo = 0;
    qint64 hi = lineCount() - 1;
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo + 1) / 2;
        if (anchorOf(mid) <= byteOffset)
            lo = mid;
        else
            hi = mid - 1;
    }
    const qint64 line = lo;
    const JsonIndex& ix = *m_index;
    const quint32 entry = m_lines[size_t(line)];
    const JsonIndex::NodeId node = entry & kNodeMask;
    const int indent = ix.depth(node) * 2;
    const qint64 anchor = anchorOf(line);
    if (byteOffset <= anchor)
        return {line, indent};
    if (entry & kCloseFlag)
        return {line, indent + 1};
    int column = indent;
    if (ix.hasKey(node)) {
        const qint64 key = ix.keyOffset(node);
        const qint64 keyStop = keyEnd(node);
        if (byteOffset <= keyStop)
            return {line, indent + utf16Length(data + key, byteOffset - key)};
        column += utf16Length(data + key, keyStop - key);
        if (byteOffset < ix.offset(node))
            return {line, column}; // the colon
        column += 2;
    }
    const qint64 value = ix.offset(node);
    if (ix.isContainer(node))
        return {line, column + (byteOffset > value ? (ix.childCount(node) == 0 ? 2 : 1) : 0)};
    const qint64 shown = std::min<qint64>(ix.length(node), maxLineChars());
    return {line, column + utf16Length(data + value, std::min(byteOffset - value, shown))};
}

qint64 BodyLayout::offsetAt(const Position& position) const
{
    if (lineCount() == 0)
        return 0;
    const qint64 line = std::clamp<qint64>(position.line, 0, lineCount() - 1);
    const char* data = m_index->data();
    if (m_mode == Mode::Raw) {
        const qint64 start = m_starts[size_t(line)];
        const qint64 end = line + 1 < lineCount() ? qint64(m_starts[size_t(line + 1)]) : m_index->size();
        return start + utf8Bytes(data + start, end - start, position.column);
    }
    const JsonIndex& ix = *m_index;
    const quint32 entry = m_lines[size_t(line)];
    const JsonIndex::NodeId node = entry & kNodeMask;
    const int indent = ix.depth(node) * 2;
    int column = position.column - indent;
    if ((entry & kCloseFlag) || column <= 0)
        return anchorOf(line);
    if (ix.hasKey(node)) {
        const qint64 key = ix.keyOffset(node);
        const qint64 keyStop = keyEnd(node);
        const int keyUnits = utf16Length(data + key, keyStop - key);
        if (column < keyUnits)
            return key + utf8Bytes(data + key, keyStop - key, column);
        column -= keyUnits + 2;
        if (column < 0)
            return keyStop;
    }
    const qint64 value = ix.offset(node);
    if (ix.isContainer(node))
        return value;
    return value + utf8Bytes(data + value, ix.length(node), column);
}

JsonIndex::NodeId BodyLayout::nodeAt(qint64 line) const
{
    if (m_mode != Mode::Pretty || line < 0 || line >= lineCount())
        return JsonIndex::npos;
    return m_lines[size_t(line)] & kNodeMask;
}

std::pair<qint64, qint64> BodyLayout::linesOf(JsonIndex::NodeId node) const
{
    if (m_mode != Mode::Pretty || node == JsonIndex::npos || node >= m_index->nodeCount())
        return {-1, -1};
    const JsonIndex& ix = *m_index;
    const qint64 first = positionOf(ix.hasKey(node) ? ix.keyOffset(node) : ix.offset(node)).line;
    if (!ix.isContainer(node) || ix.childCount(node) == 0)
        return {first, first};
    return {first, positionOf(ix.offset(node) + ix.length(node) - 1).line};
}
