#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <atomic>

// Find in a response body (the inspector's Ctrl+F), on the body bytes themselves so it costs
// no pretty-printing and works at any size. The body view shows JSON with the spacing of its
// own choosing, so spacing is matched loosely: whitespace next to JSON punctuation (: , { } [ ])
// is optional on either side, and other whitespace in the query matches any run of whitespace.
// `"code": 301` therefore finds `"code":301` and `"code" : 301`; `foo bar` does not find
// `foobar`. ASCII letters fold when matching case-insensitively. Not a widget: usable from a
// worker thread.
class BodySearch
{
public:
    struct Match
    {
        qint64 offset = -1;
        qint64 length = 0;
        bool isValid() const { return offset >= 0; }
    };

    explicit BodySearch(const QString& query, bool caseSensitive = false);

    bool isEmpty() const { return m_items.isEmpty(); }

    // The first match starting at or after `from`, or (backward) the last match starting before
    // `from`. Returns an invalid match when there is none in that direction or when `cancel`
    // becomes true (checked every few MB).
    Match find(QByteArrayView haystack, qint64 from, bool backward = false,
               const std::atomic<bool>* cancel = nullptr) const;
    // The match at exactly this offset, if any.
    Match matchAt(QByteArrayView haystack, qint64 offset) const;
    // Number of matches, counting at most `limit` (overlapping matches are not counted).
    qint64 count(QByteArrayView haystack, qint64 limit, const std::atomic<bool>* cancel = nullptr) const;

private:
    enum class Kind : quint8
    {
        Byte,       // one byte, compared with ASCII case folding unless case-sensitive
        OptionalWs, // zero or more JSON whitespace bytes
        RequiredWs, // one or more
    };
    struct Item
    {
        Kind kind;
        char byte;
    };

    qint64 matchEnd(const char* data, qint64 size, qint64 at) const;

    QList<Item> m_items;
    bool m_caseSensitive = false;
};
