// libFuzzer target for the response analyzer: JsonIndex, ResponseAnalyzer, Diagnosis output
// and JsonTreeModel over arbitrary bytes. Besides crashes and sanitizer reports, it checks the
// index against simdjson's own DOM parser (the reference): same validity, same tree, same
// keys, strings and numbers. Run: tests/fuzz/run-fuzz.sh [seconds].
#include "Diagnosis.h"
#include "JsonIndex.h"
#include "JsonTreeModel.h"
#include "ResponseAnalyzer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <simdjson.h>
#include <vector>

namespace {

[[noreturn]] void mismatch(const char* what)
{
    std::fprintf(stderr, "fuzz_analyzer: %s\n", what);
    std::abort();
}

// Where simdjson is stricter than RFC 8259 (or than us, on purpose), a document it rejects may
// still be valid for us. Every other simdjson error must be an error for us too.
bool simdjsonIsStricter(simdjson::error_code error)
{
    switch (error) {
    case simdjson::NUMBER_ERROR: // 1e400, huge integers: valid JSON grammar
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::STRING_ERROR: // lone surrogate escapes (we read them as U+FFFD)
    case simdjson::UTF8_ERROR:   // we index invalid UTF-8 and report it separately
    case simdjson::DEPTH_ERROR:
        return true;
    default:
        return false;
    }
}

void compareTrees(const JsonIndex& index, simdjson::dom::element root)
{
    struct Pair
    {
        simdjson::dom::element element;
        JsonIndex::NodeId node;
    };
    std::vector<Pair> stack{{root, index.root()}};
    while (!stack.empty()) {
        const Pair p = stack.back();
        stack.pop_back();
        const JsonIndex::Type t = index.type(p.node);
        switch (p.element.type()) {
        case simdjson::dom::element_type::OBJECT: {
            if (t != JsonIndex::Type::Object)
                mismatch("object type");
            const simdjson::dom::object object = p.element.get_object().value_unsafe();
            if (int(object.size()) != index.childCount(p.node))
                mismatch("object size");
            int i = 0;
            for (const auto field : object) {
                const JsonIndex::NodeId child = index.child(p.node, i++);
                const QByteArray key = index.key(child).toUtf8();
                if (std::string_view(key.constData(), size_t(key.size())) != field.key)
                    mismatch("key");
                stack.push_back({field.value, child});
            }
            break;
        }
        case simdjson::dom::element_type::ARRAY: {
            if (t != JsonIndex::Type::Array)
                mismatch("array type");
            const simdjson::dom::array array = p.element.get_array().value_unsafe();
            if (int(array.size()) != index.childCount(p.node))
                mismatch("array size");
            int i = 0;
            for (const auto element : array)
                stack.push_back({element, index.child(p.node, i++)});
            break;
        }
        case simdjson::dom::element_type::STRING: {
            if (t != JsonIndex::Type::String)
                mismatch("string type");
            const QByteArray s = index.string(p.node).toUtf8();
            if (std::string_view(s.constData(), size_t(s.size())) != p.element.get_string().value_unsafe())
                mismatch("string value");
            break;
        }
        case simdjson::dom::element_type::INT64:
            if (t != JsonIndex::Type::Number || index.integer(p.node) != p.element.get_int64().value_unsafe())
                mismatch("int64 value");
            break;
        case simdjson::dom::element_type::UINT64:
            if (t != JsonIndex::Type::Number || index.number(p.node) != double(p.element.get_uint64().value_unsafe()))
                mismatch("uint64 value");
            break;
        case simdjson::dom::element_type::DOUBLE:
            if (t != JsonIndex::Type::Number || index.number(p.node) != p.element.get_double().value_unsafe())
                mismatch("double value");
            break;
        case simdjson::dom::element_type::BOOL:
            if ((t == JsonIndex::Type::True) != p.element.get_bool().value_unsafe() ||
                (t != JsonIndex::Type::True && t != JsonIndex::Type::False))
                mismatch("bool value");
            break;
        case simdjson::dom::element_type::NULL_VALUE:
            if (t != JsonIndex::Type::Null)
                mismatch("null");
            break;
        }
    }
}

void checkAgainstSimdjson(const uint8_t* data, size_t size, const JsonIndex& index)
{
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        return; // we skip a byte order mark; simdjson does not
    static simdjson::dom::parser parser;
    if (parser.allocate(std::max<size_t>(size, 64), size + 16) != simdjson::SUCCESS)
        return;
    const simdjson::padded_string padded(reinterpret_cast<const char*>(data), size);
    simdjson::dom::element root;
    const simdjson::error_code error = parser.parse(padded).get(root);
    if (error == simdjson::SUCCESS) {
        if (!index.isValid() || index.invalidUtf8Offset() >= 0)
            mismatch("simdjson accepts a document the index rejects");
        compareTrees(index, root);
    } else if (error == simdjson::EMPTY) {
        if (index.status() != JsonIndex::Status::Empty)
            mismatch("empty document");
    } else if (!simdjsonIsStricter(error) && index.isValid()) {
        mismatch("the index accepts a document simdjson rejects");
    }
}

// Every accessor on every node (bounded), checking the structural invariants.
void walk(const JsonIndex& index)
{
    if (!index.isValid())
        return;
    const quint32 limit = std::min<quint32>(index.nodeCount(), 20000);
    for (JsonIndex::NodeId n = 0; n < limit; ++n) {
        const JsonIndex::NodeId up = index.parent(n);
        if (up != JsonIndex::npos && index.child(up, index.row(n)) != n)
            mismatch("parent/row");
        if (index.offset(n) + index.length(n) > index.size())
            mismatch("range");
        if (index.hasKey(n) && (index.keyOffset(n) < 0 || index.keyOffset(n) >= index.offset(n)))
            mismatch("key offset");
        (void)index.key(n);
        (void)index.value(n);
        (void)index.displayValue(n, 40);
        if (n < 200)
            (void)index.path(n);
    }
    (void)index.lineColumns({0, index.size() / 2, index.size()});
}

void analyze(const JsonIndex& index)
{
    const ResponseAnalyzer analyzer;
    Diagnosis plain = analyzer.analyze(index, {});
    (void)QJsonDocument(plain.toJson()).toJson();
    (void)plain.toText();
    if ((plain.verdict == Diagnosis::Verdict::Ok) == plain.hasErrors())
        mismatch("verdict ok with error findings (or the reverse)");
    for (const Finding& f : plain.findings) {
        if (f.node != JsonIndex::npos && index.path(f.node) != f.path)
            mismatch("finding path");
        if (f.offset > index.size())
            mismatch("finding offset");
    }

    // With everything a live response can carry: status, headers and a batch request.
    ResponseAnalyzer::Context context;
    context.httpStatus = 502;
    context.headers = {{"Content-Type", "text/html"}};
    QJsonArray objects;
    objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("a@example.com")}});
    objects.append(QJsonObject());
    context.request = QJsonObject{{QStringLiteral("method"), QStringLiteral("updateLeads")},
                                  {QStringLiteral("params"), QJsonObject{{QStringLiteral("objects"), objects}}},
                                  {QStringLiteral("id"), QStringLiteral("x")}};
    const Diagnosis live = analyzer.analyze(index, context);
    if (live.verdict != Diagnosis::Verdict::HttpError)
        mismatch("HTTP 502 without http_error verdict");
    (void)live.toText();
}

void browse(const std::shared_ptr<const JsonIndex>& index)
{
    JsonTreeModel model;
    model.setFetchBatchSize(8);
    model.setDocument(index);
    std::vector<QModelIndex> stack{model.index(0, 0)};
    int visited = 0;
    while (!stack.empty() && visited < 2000) {
        const QModelIndex i = stack.back();
        stack.pop_back();
        ++visited;
        if (!i.isValid())
            continue;
        for (int c = 0; c < JsonTreeModel::ColumnCount; ++c)
            (void)model.data(model.sibling(i.row(), c, i));
        if (model.canFetchMore(i))
            model.fetchMore(i);
        for (int r = 0; r < model.rowCount(i); ++r) {
            const QModelIndex child = model.index(r, 0, i);
            if (child.parent() != i)
                mismatch("model parent");
            stack.push_back(child);
        }
    }
    if (index->isValid() && index->nodeCount() > 1) {
        const JsonIndex::NodeId last = index->nodeCount() - 1;
        if (model.nodeForIndex(model.indexForNode(last)) != last)
            mismatch("indexForNode");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // No copy: the index reads the fuzzer's exact-size buffer, so any read past the end is an
    // AddressSanitizer report.
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    auto index = std::make_shared<JsonIndex>(JsonIndex::fromBytes(bytes));
    checkAgainstSimdjson(data, size, *index);
    walk(*index);
    analyze(*index);
    browse(index);
    return 0;
}
