#pragma once

#include "JsonIndex.h"

#include <QString>

#include <atomic>
#include <memory>
#include <vector>

// The lines the inspector's body view shows, computed on demand: only a compact table is
// built up front (off the GUI thread), and the text of a line is made when it is painted.
//
//  - Pretty: one JSON value per line, indented by depth, from the JsonIndex. The table holds
//    4 bytes per line (the node, and whether the line is its closing bracket). Keys and
//    scalars are shown as their source literals, so every character of a line maps back to a
//    byte of the body (find, error ranges and selections work on body bytes).
//  - Raw: the bytes as received. Lines longer than maxRawLineBytes() are wrapped, preferably
//    after a comma or bracket outside strings, so a minified 100 MB body stays readable and
//    every displayed line stays short enough to paint.
//
// Immutable once built; safe to share between threads.
class BodyLayout
{
public:
    enum class Mode
    {
        Pretty,
        Raw
    };
    // A place in the displayed text: line, and column in UTF-16 units of lineText(line).
    struct Position
    {
        qint64 line = 0;
        int column = 0;
        bool operator==(const Position& o) const { return line == o.line && column == o.column; }
        bool operator!=(const Position& o) const { return !(*this == o); }
        bool operator<(const Position& o) const { return line < o.line || (line == o.line && column < o.column); }
    };

    // Null when canceled, or (pretty) when the document is not valid JSON.
    static std::shared_ptr<const BodyLayout> pretty(const std::shared_ptr<const JsonIndex>& index,
                                                    const std::atomic<bool>* cancel = nullptr);
    static std::shared_ptr<const BodyLayout> raw(const std::shared_ptr<const JsonIndex>& index,
                                                 const std::atomic<bool>* cancel = nullptr);

    static constexpr int maxRawLineBytes() { return 160; }
    // Longer pretty lines (huge string values) are cut here with a note of what was left out.
    static constexpr int maxLineChars() { return 4000; }

    Mode mode() const { return m_mode; }
    const JsonIndex& index() const { return *m_index; }
    std::shared_ptr<const JsonIndex> sharedIndex() const { return m_index; }
    QByteArrayView bytes() const { return m_index->bytes(); }

    qint64 lineCount() const;
    QString lineText(qint64 line) const;
    // Number shown in the gutter: the display line (pretty) or the line of the body (raw, 0 on
    // the continuation of a wrapped line).
    qint64 lineNumber(qint64 line) const;

    // The line a person would quote: the display line (pretty) or the body's own line (raw,
    // also on the continuation of a wrapped line). 1-based.
    qint64 sourceLine(qint64 line) const;
    // Where a byte of the body is shown (the nearest place for bytes that are not shown, such
    // as whitespace between pretty-printed tokens).
    Position positionOf(qint64 byteOffset) const;
    // The byte shown at a position (clamped to the line's bytes).
    qint64 offsetAt(const Position& position) const;
    // Pretty mode: the value a line belongs to (its node), npos in raw mode.
    JsonIndex::NodeId nodeAt(qint64 line) const;
    // Pretty mode: the first and last line of a value (its key line to its closing bracket).
    std::pair<qint64, qint64> linesOf(JsonIndex::NodeId node) const;
    // The deepest nesting, for the horizontal extent estimate.
    int maxDepth() const { return m_maxDepth; }

private:
    BodyLayout() = default;

    static constexpr quint32 kCloseFlag = 0x80000000u;
    static constexpr quint32 kNodeMask = 0x7fffffffu;
    static constexpr quint32 kContinuation = 0x80000000u; // raw: line continues the previous one

    // Pretty helpers
    qint64 anchorOf(qint64 line) const; // first body byte of the line
    qint64 keyEnd(JsonIndex::NodeId node) const;
    bool hasComma(JsonIndex::NodeId node) const;

    Mode m_mode = Mode::Raw;
    std::shared_ptr<const JsonIndex> m_index;
    std::vector<quint32> m_lines;   // pretty: node | kCloseFlag
    std::vector<quint32> m_starts;  // raw: first byte of each line
    std::vector<quint32> m_numbers; // raw: body line number | kContinuation
    int m_maxDepth = 0;
};
