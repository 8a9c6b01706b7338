#include "JsonChars.h"
#include "JsonIndex.h"

#include <charconv>
#include <cstring>

using namespace JsonChars;

namespace {

void appendUtf8(QByteArray& out, uint cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xc0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.append(char(0xe0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else {
        out.append(char(0xf0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3f)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    }
}

// QString::fromUtf8 drops a leading byte order mark; inside JSON strings U+FEFF is content.
QString fromUtf8Keeping(const char* data, qsizetype size)
{
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        return QChar(0xfeff) + QString::fromUtf8(data + 3, size - 3);
    return QString::fromUtf8(data, size);
}

} // namespace

qint64 JsonIndex::keyOffset(NodeId node) const
{
    const Node& n = m_nodes[node];
    if (n.keyDelta == 0)
        return -1;
    if (n.keyDelta == kFarKey)
        return m_farKeys.at(n.offset);
    return qint64(n.offset) - n.keyDelta;
}

QByteArrayView JsonIndex::keyLiteral(NodeId node) const
{
    const qint64 start = keyOffset(node);
    if (start < 0)
        return {};
    const char* p = m_data + start + 1;
    const char* e = m_data + m_nodes[node].offset;
    if (!(m_nodes[node].flags & kKeyEscaped)) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', size_t(e - p)));
        return QByteArrayView(m_data + start, (q ? q : e) + 1 - (m_data + start));
    }
    for (const char* q = p; q < e; ++q) {
        if (*q == '\\')
            ++q;
        else if (*q == '"')
            return QByteArrayView(m_data + start, q + 1 - (m_data + start));
    }
    return QByteArrayView(m_data + start, e - (m_data + start));
}

QString JsonIndex::key(NodeId node) const
{
    const QByteArrayView literal = keyLiteral(node);
    if (literal.isEmpty())
        return QString();
    if (!(m_nodes[node].flags & kKeyEscaped))
        return fromUtf8Keeping(literal.data() + 1, literal.size() - 2);
    return decodeString(literal);
}

bool JsonIndex::keyEquals(NodeId node, QByteArrayView utf8) const
{
    const QByteArrayView literal = keyLiteral(node);
    if (literal.size() < 2)
        return false;
    if (!(m_nodes[node].flags & kKeyEscaped))
        return literal.sliced(1, literal.size() - 2) == utf8;
    return decodeString(literal).toUtf8() == utf8;
}

JsonIndex::NodeId JsonIndex::member(NodeId object, QLatin1String key) const
{
    if (object == npos || type(object) != Type::Object)
        return npos;
    const Container* c = containerOf(object);
    if (!c)
        return npos;
    const QByteArrayView wanted(key.data(), key.size());
    for (quint32 i = 0; i < c->count; ++i) {
        if (keyEquals(c->first + i, wanted))
            return c->first + i;
    }
    return npos;
}

JsonIndex::NodeId JsonIndex::member(NodeId object, const QString& key) const
{
    if (object == npos || type(object) != Type::Object)
        return npos;
    const Container* c = containerOf(object);
    if (!c)
        return npos;
    const QByteArray utf8 = key.toUtf8();
    for (quint32 i = 0; i < c->count; ++i) {
        if (keyEquals(c->first + i, utf8))
            return c->first + i;
    }
    return npos;
}

QString JsonIndex::decodeString(QByteArrayView literal)
{
    if (literal.size() < 2)
        return QString();
    const char* p = literal.data() + 1;
    const char* e = literal.data() + literal.size() - 1;
    QByteArray out;
    out.reserve(e - p);
    while (p < e) {
        const char* bs = static_cast<const char*>(std::memchr(p, '\\', size_t(e - p)));
        if (!bs) {
            out.append(p, e - p);
            break;
        }
        out.append(p, bs - p);
        p = bs + 1;
        if (p >= e)
            break;
        const char k = *p++;
        switch (k) {
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'u': {
            auto hex4 = [&](const char* at) -> int {
                if (e - at < 4)
                    return -1;
                int v = 0;
                for (int j = 0; j < 4; ++j) {
                    const int h = hexValue(at[j]);
                    if (h < 0)
                        return -1;
                    v = v * 16 + h;
                }
                return v;
            };
            const int unit = hex4(p);
            if (unit < 0) {
                appendUtf8(out, 0xfffd);
                break;
            }
            p += 4;
            uint cp = uint(unit);
            if (unit >= 0xd800 && unit < 0xdc00) {
                const int low = (e - p >= 6 && p[0] == '\\' && p[1] == 'u') ? hex4(p + 2) : -1;
                if (low >= 0xdc00 && low < 0xe000) {
                    cp = 0x10000 + ((uint(unit) - 0xd800) << 10) + (uint(low) - 0xdc00);
                    p += 6;
                } else {
                    cp = 0xfffd;
                }
            } else if (unit >= 0xdc00 && unit < 0xe000) {
                cp = 0xfffd;
            }
            appendUtf8(out, cp);
            break;
        }
        default: // '"', '\\', '/'; invalid escapes never reach here from a valid index
            out.append(k);
            break;
        }
    }
    return fromUtf8Keeping(out.constData(), out.size());
}

QString JsonIndex::string(NodeId node) const
{
    if (type(node) != Type::String)
        return QString();
    const Node& n = m_nodes[node];
    if (!(n.flags & kValueEscaped))
        return fromUtf8Keeping(m_data + n.offset + 1, qsizetype(n.aux) - 2);
    return decodeString(raw(node));
}

double JsonIndex::number(NodeId node) const
{
    if (type(node) != Type::Number)
        return 0.0;
    const QByteArrayView literal = raw(node);
    bool ok = false;
    const double value = QByteArray(literal.data(), literal.size()).toDouble(&ok);
    return value;
}

std::optional<qint64> JsonIndex::integer(NodeId node) const
{
    if (type(node) != Type::Number)
        return std::nullopt;
    const QByteArrayView literal = raw(node);
    qint64 value = 0;
    const auto result = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (result.ec != std::errc() || result.ptr != literal.data() + literal.size())
        return std::nullopt;
    return value;
}

QVariant JsonIndex::value(NodeId node) const
{
    switch (type(node)) {
    case Type::Null:
        return QVariant::fromValue(nullptr);
    case Type::False:
        return false;
    case Type::True:
        return true;
    case Type::Number: {
        if (const auto i = integer(node))
            return *i;
        return number(node);
    }
    case Type::String:
        return string(node);
    case Type::Object:
    case Type::Array:
        break;
    }
    return QVariant();
}

QString JsonIndex::displayValue(NodeId node, int maxChars) const
{
    switch (type(node)) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::False:
        return QStringLiteral("false");
    case Type::True:
        return QStringLiteral("true");
    case Type::Number: {
        const QByteArrayView literal = raw(node);
        if (literal.size() > maxChars)
            return QString::fromLatin1(literal.data(), maxChars) + QChar(0x2026);
        return QString::fromLatin1(literal.data(), literal.size());
    }
    case Type::String: {
        // Decode a bounded prefix only: a 50 MB string must not be decoded to show one cell.
        const qint64 len = length(node);
        const qint64 budget = qint64(maxChars) * 4 + 16;
        QString text;
        bool cut = false;
        if (len > budget + 2) {
            QByteArray prefix(m_data + offset(node), budget);
            // Do not cut inside an escape sequence.
            const qsizetype bs = prefix.lastIndexOf('\\');
            if (bs >= 0 && prefix.size() - bs < 12)
                prefix.truncate(bs);
            prefix.append('"');
            text = decodeString(prefix);
            cut = true;
        } else {
            text = string(node);
        }
        text.replace(QLatin1Char('\n'), QChar(0x21b5));
        if (text.size() > maxChars) {
            text.truncate(maxChars);
            cut = true;
        }
        if (cut)
            text.append(QChar(0x2026));
        return text;
    }
    case Type::Object:
        return QStringLiteral("{%1}").arg(childCount(node));
    case Type::Array:
        return QStringLiteral("[%1]").arg(childCount(node));
    }
    return QString();
}
