#include "MethodCatalog.h"
#include "ResponseAnalysis.h"

namespace {
// The lead pages of getLeads are capped at this many records, whatever `limit` says.
constexpr qint64 kLeadPageCap = 500;

// A request parameter as a whole number (clients send 500 and "500" alike).
std::optional<qint64> wholeNumber(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return qint64(d);
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}
} // namespace

void ResponseAnalysis::analyzePaging()
{
    if (m_dataArray == npos)
        return;
    const qint64 records = m_index.childCount(m_dataArray);
    const MethodSpec* spec = m_d.method.isEmpty() ? nullptr : MethodCatalog::builtin().byName(m_d.method);
    if (!spec) {
        // Without the request only the size speaks: a lead page of exactly the cap.
        if (m_context.request.isEmpty() && m_dataKey == QLatin1String("lead") && records == kLeadPageCap)
            add(Severity::Info, Level::Envelope, QStringLiteral("page_capped"),
                QStringLiteral("%1 records: the service caps getLeads at %1 per call, so more may follow (the next "
                               "page starts %1 records further on)")
                    .arg(kLeadPageCap),
                m_dataArray);
        return;
    }
    if (!spec->paginated)
        return;
    const QJsonObject params = m_context.request.value(QStringLiteral("params")).toObject();
    const MethodParam* limitParam = spec->param(QStringLiteral("limit"));
    const qint64 cap = limitParam && limitParam->clamped && limitParam->max ? qint64(*limitParam->max) : 0;
    const std::optional<qint64> asked = wholeNumber(params.value(QStringLiteral("limit")));
    const qint64 offset = std::max<qint64>(0, wholeNumber(params.value(QStringLiteral("offset"))).value_or(0));
    // The page size in effect: the limit asked for, reduced to the cap; the cap when none was asked.
    qint64 pageSize = cap;
    if (asked && *asked > 0)
        pageSize = cap > 0 ? std::min(*asked, cap) : *asked;

    if (records == 0 && offset > 0) {
        add(Severity::Info, Level::Envelope, QStringLiteral("end_of_results"),
            QStringLiteral("end of results: no records at offset %1, so the %1 records before this page are all "
                           "there are")
                .arg(offset),
            m_dataArray);
        m_d.endOfResults = offset;
        return;
    }
    const bool capped = cap > 0 && asked && *asked > cap && records == cap;
    if (capped) {
        add(Severity::Info, Level::Envelope, QStringLiteral("page_capped"),
            QStringLiteral("%1 records although limit %2 was asked: the service caps %3 at %1 per call without a "
                           "warning; more may follow")
                .arg(cap)
                .arg(*asked)
                .arg(spec->name),
            m_dataArray);
    }
    if (pageSize <= 0 || records != pageSize || m_d.hasMore == std::optional<bool>(false))
        return;
    Diagnosis::PageRequest next;
    next.offset = offset + records;
    next.limit = pageSize;
    next.params = params;
    next.params.insert(QStringLiteral("offset"), double(next.offset));
    if (capped)
        next.params.insert(QStringLiteral("limit"), double(pageSize));
    next.label = QStringLiteral("Next page (offset %1)").arg(next.offset);
    if (!capped)
        add(Severity::Info, Level::Envelope, QStringLiteral("next_page"),
            QStringLiteral("the page is full (%1 records, the limit): more may follow; the next page is offset %2")
                .arg(records)
                .arg(next.offset),
            m_dataArray);
    m_d.nextPage = next;
}
