#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QFile;
class QIODevice;

// A compact, read-only index of one JSON document (docs/design.md, Big responses), built for responses of
// hundreds of MB: simdjson's stage 1 finds the structural characters, then an iterative pass
// (no recursion, any nesting depth) validates the grammar and writes a flat table of 16-byte
// nodes that point back into the source bytes. Nothing is copied or decoded up front: keys,
// strings and numbers are read from the source when asked for. The source stays owned by the
// index (an implicitly shared QByteArray or a read-only file mapping).
//
// Layout: the children of every container are contiguous in the node table, so child(i) is
// O(1) and a lazy tree model can jump to row 900 000 of an array without walking siblings.
// Node 0 is the root. Byte offsets are 32-bit, so documents are limited to 4 GiB - 1 byte
// (simdjson's own limit).
class JsonIndex
{
public:
    using NodeId = quint32;
    static constexpr NodeId npos = 0xffffffffu;

    enum class Type : quint8
    {
        Null,
        False,
        True,
        Number,
        String,
        Object,
        Array
    };
    enum class Status
    {
        Ok,         // indexed; root() is valid
        Empty,      // no bytes, or only whitespace
        Invalid,    // not valid JSON: errorOffset()/errorMessage() say where and why
        TooLarge,   // larger than maxDocumentSize()
        Canceled,   // the progress callback asked to stop
        Unreadable, // fromFile() could not open or map the file
    };
    // Called now and then with the fraction done (0..1); return false to cancel.
    using Progress = std::function<bool(double fraction)>;

    struct LineColumn
    {
        qint64 line = 1;   // 1-based
        qint64 column = 1; // 1-based, in Unicode code points
    };

    JsonIndex();
    ~JsonIndex();
    JsonIndex(JsonIndex&& other) noexcept;
    JsonIndex& operator=(JsonIndex&& other) noexcept;
    JsonIndex(const JsonIndex&) = delete;
    JsonIndex& operator=(const JsonIndex&) = delete;

    // How the pages of a mapped file are kept once read (docs/design.md, Big responses).
    enum class Residency
    {
        Keep, // as long as the system allows (the inspector shows the body)
        // The build, lineColumns() and the callers of releaseSource() hand the pages behind them
        // back to the page cache, so that a tool reading a huge document once (inspect) never
        // holds all of it next to the index. Reading a page again maps it back; the data never
        // changes.
        OnePass,
    };

    // Every reader stops at maxSize bytes (after decompression) WHILE reading, with TooLarge, and
    // refuses gzip that looks like a decompression bomb (Gzip::kMaxRatio) with TooLarge too.
    // Indexes bytes (shared, not copied).
    static JsonIndex fromBytes(const QByteArray& bytes, const Progress& progress = {},
                               qint64 maxSize = maxDocumentSize());
    // Maps the file read-only (big files are never copied into memory) and indexes it. A device,
    // FIFO or socket is read like a stream (fromStream); a directory is Unreadable.
    static JsonIndex fromFile(const QString& path, const Progress& progress = {}, qint64 maxSize = maxDocumentSize(),
                              Residency residency = Residency::Keep);
    // Reads a stream (standard input, a pipe) to its end: in memory up to 32 MB, then into a
    // temporary file (removed with the index) that is mapped like a file.
    static JsonIndex fromStream(QIODevice& in, qint64 maxSize = maxDocumentSize(), const Progress& progress = {},
                                Residency residency = Residency::Keep);

    static constexpr qint64 maxDocumentSize() { return qint64(0xfffffffeu); }

    Status status() const { return m_status; }
    bool isValid() const { return m_status == Status::Ok; }
    // Parser message ("expected ',' or '}' after an object member, found 'x'"); empty when valid.
    QString errorMessage() const { return m_errorMessage; }
    // Byte offset of the first error, -1 when there is none.
    qint64 errorOffset() const { return m_errorOffset; }
    // True when the error is the end of the input arriving too early (a cut-off document).
    bool isTruncated() const { return m_truncated; }
    // True when errorMessage() names what the input is instead of JSON (UTF-16 or UTF-32 text,
    // gzip compressed twice, a comment, NaN or Infinity) rather than the byte the parser met.
    bool isKnownNonJson() const { return m_knownNonJson; }

    // Invalid UTF-8 does not stop indexing: each offending byte is read as '?' (offsets are
    // unchanged) and the first offset and the count are reported here.
    qint64 invalidUtf8Offset() const { return m_invalidUtf8Offset; }
    qint64 invalidUtf8Count() const { return m_invalidUtf8Count; }

    // The indexed bytes (with invalid UTF-8 replaced, see above).
    const char* data() const { return m_data; }
    qint64 size() const { return m_size; }
    // The gzip-compressed size when the input was gzip (fromBytes and fromFile decompress it;
    // size() and every offset are of the decompressed JSON), otherwise 0.
    qint64 compressedSize() const { return m_compressedSize; }
    QByteArrayView bytes() const { return QByteArrayView(m_data, m_size); }
    // With Residency::OnePass and a mapped file, a pass over the document is done with the bytes
    // [from, to): their pages go back to the page cache. Otherwise nothing.
    void releaseSource(qint64 from, qint64 to) const;
    // Memory held by the node tables (not counting the source), for benchmarks and tests.
    qint64 indexMemory() const;

    // --- nodes ------------------------------------------------------------------------------
    NodeId root() const { return m_status == Status::Ok ? 0 : npos; }
    quint32 nodeCount() const { return quint32(m_nodes.size()); }

    Type type(NodeId node) const { return Type(m_nodes[node].type); }
    bool isContainer(NodeId node) const;
    NodeId parent(NodeId node) const;
    // Children of objects and arrays; 0 for scalars.
    int childCount(NodeId node) const;
    NodeId child(NodeId node, int index) const;
    // Position of node among its parent's children (0 for the root).
    int row(NodeId node) const;
    // Nesting depth: 0 for the root. O(depth).
    int depth(NodeId node) const;
    // First member of an object with this exact key (compared after unescaping), or npos.
    NodeId member(NodeId object, QLatin1String key) const;
    NodeId member(NodeId object, const QString& key) const;

    // Object members have a key; array elements and the root do not.
    bool hasKey(NodeId node) const { return m_nodes[node].keyDelta != 0; }
    QString key(NodeId node) const;
    // Byte offset of the key's opening quote, -1 without key.
    qint64 keyOffset(NodeId node) const;
    // Compares the (unescaped) key with UTF-8 text, without building a QString.
    bool keyIs(NodeId node, QByteArrayView utf8) const { return keyEquals(node, utf8); }

    // Source range of the value: from its first byte to its last (closing quote or bracket).
    qint64 offset(NodeId node) const { return m_nodes[node].offset; }
    qint64 length(NodeId node) const;
    QByteArrayView raw(NodeId node) const { return QByteArrayView(m_data + offset(node), length(node)); }

    // Scalars. string() unescapes; number helpers read the literal.
    QString string(NodeId node) const;
    bool boolean(NodeId node) const { return type(node) == Type::True; }
    double number(NodeId node) const;
    // The number as an integer when it is one (no fraction or exponent) and fits.
    std::optional<qint64> integer(NodeId node) const;
    // String, qint64/double, bool, nullptr for null; invalid QVariant for containers.
    QVariant value(NodeId node) const;
    // One line for a table cell: strings unescaped and cut at maxChars, containers as
    // "{3}" / "[500]".
    QString displayValue(NodeId node, int maxChars = 200) const;

    // JSONPath-like location: $.result.creates[1].error, $['odd key'][0]. O(depth).
    QString path(NodeId node) const;

    LineColumn lineColumn(qint64 offset) const;
    // Several offsets in one pass over the bytes (results in the order given).
    QList<LineColumn> lineColumns(const QList<qint64>& offsets) const;

    static QString typeName(Type type);
    // Unescapes one JSON string literal (with its quotes). Invalid escapes and lone
    // surrogates become U+FFFD.
    static QString decodeString(QByteArrayView literal);

private:
    // 16 bytes: the table is the bulk of the index memory (≈ 0.7 × the document for
    // CRM-shaped data, next to the source itself).
    struct Node
    {
        quint32 offset;   // first byte of the value
        quint32 aux;      // scalars and empty containers (kEmpty): length in bytes; others: index into m_containers
        quint32 parent;   // node index of the parent; npos for the root
        quint16 keyDelta; // offset - key quote offset; 0 = no key; kFarKey = see m_farKeys
        quint8 type;
        quint8 flags; // kValueEscaped, kKeyEscaped, kEmpty
    };
    struct Container
    {
        quint32 first; // node index of the first child
        quint32 count;
        quint32 end; // offset of the closing bracket
    };
    static constexpr quint16 kFarKey = 0xffff;
    static constexpr quint8 kValueEscaped = 1;
    static constexpr quint8 kKeyEscaped = 2;
    // An empty object or array has no Container (a batch of failed objects has an empty "data"
    // in each: 12 bytes per object saved).
    static constexpr quint8 kEmpty = 4;
    // The node's children, or nullptr for a scalar or an empty container.
    const Container* containerOf(NodeId node) const
    {
        const Node& n = m_nodes[node];
        const bool container = n.type == quint8(Type::Object) || n.type == quint8(Type::Array);
        return container && !(n.flags & kEmpty) ? &m_containers[n.aux] : nullptr;
    }
    friend class JsonIndexBuilder;

    // build() = buildIndex() (JsonIndexBuilder.cpp), then on failure nameKnownShape() or the
    // encoding found by otherEncoding() replaces the parser's message.
    void build(const Progress& progress);
    void buildIndex(const Progress& progress);
    void nameKnownShape();
    static QString otherEncoding(QByteArrayView bytes);
    void fail(Status status, qint64 offset, const QString& message, bool truncated = false);
    static JsonIndex fromOpenFile(std::unique_ptr<QFile> file, const QString& name, const Progress& progress,
                                  qint64 maxSize, Residency residency);
    QByteArrayView keyLiteral(NodeId node) const;
    bool keyEquals(NodeId node, QByteArrayView utf8) const;

    Status m_status = Status::Empty;
    QString m_errorMessage;
    qint64 m_errorOffset = -1;
    bool m_truncated = false;
    bool m_knownNonJson = false;
    qint64 m_invalidUtf8Offset = -1;
    qint64 m_invalidUtf8Count = 0;

    QByteArray m_bytes;            // owned source (fromBytes, or a sanitised copy)
    std::unique_ptr<QFile> m_file; // owned mapping (fromFile)
    const char* m_data = nullptr;
    qint64 m_size = 0;
    qint64 m_compressedSize = 0;
    bool m_onePass = false; // Residency::OnePass

    std::vector<Node> m_nodes;
    std::vector<Container> m_containers;
    std::unordered_map<quint32, quint32> m_farKeys; // value offset -> key offset, for rare far keys
};
