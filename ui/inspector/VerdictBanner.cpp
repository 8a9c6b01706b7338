#include "VerdictBanner.h"

#include "Badge.h"
#include "ByteSize.h"
#include "FindingsModel.h"
#include "TerminalText.h"
#include "WrapLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QColor hueOf(VerdictBanner::Tone tone)
{
    switch (tone) {
    case VerdictBanner::Tone::Success:
        return QColor(0x2e, 0x7d, 0x32);
    case VerdictBanner::Tone::Warning:
        return QColor(0xef, 0x8f, 0x00);
    case VerdictBanner::Tone::Error:
        return QColor(0xd3, 0x2f, 0x2f);
    case VerdictBanner::Tone::Neutral:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

const Finding* firstError(const Diagnosis& d, std::optional<Finding::Level> level = std::nullopt)
{
    for (const Finding& f : d.findings) {
        if (f.severity == Finding::Severity::Error && (!level || f.level == *level))
            return &f;
    }
    return nullptr;
}

QString plural(qint64 n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}
} // namespace

VerdictBanner::VerdictBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new WrapLabel(this))
    , m_details(new WrapLabel(this))
    , m_nextButton(new QPushButton(this))
{
    m_icon->setObjectName(QStringLiteral("verdictIcon"));
    m_title->setObjectName(QStringLiteral("verdictTitle"));
    m_details->setObjectName(QStringLiteral("verdictDetails"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    font.setWeight(QFont::DemiBold);
    m_title->setFont(font);
    for (QLabel* label : {m_title, m_details}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setTextFormat(Qt::PlainText);
    }
    // Titles carry the API's message (222's is ~90 characters): they wrap (WrapLabel), else they
    // would make the window wider than a 1366-pixel screen.
    m_icon->setFixedSize(24, 24);

    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_details);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 6, 10, 6);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    // A full page of a paginated method: the next one is a click (or Alt+N) away, in the banner
    // the eye is on rather than among the findings.
    m_nextButton->setObjectName(QStringLiteral("nextPageButton"));
    m_nextButton->setText(tr("&Next page"));
    m_nextButton->setFocusPolicy(Qt::StrongFocus);
    m_nextButton->hide();
    connect(m_nextButton, &QPushButton::clicked, this, &VerdictBanner::nextPageRequested);
    layout->addWidget(m_nextButton, 0, Qt::AlignVCenter);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    // Empty until the first message (the inspector hides it until then): selectable labels and
    // the tone's icon cost milliseconds that the application's start need not spend.
    m_details->hide();
}

QString VerdictBanner::title() const
{
    return m_title->text();
}

QString VerdictBanner::details() const
{
    return m_details->text();
}

void VerdictBanner::setDiagnosis(const Diagnosis& diagnosis)
{
    setMessage(titleFor(diagnosis), detailsFor(diagnosis), toneFor(diagnosis));
    m_nextPage = diagnosis.nextPage;
    if (m_nextPage) {
        m_nextButton->setToolTip(
            tr("The same request with offset %1 (limit %2)").arg(m_nextPage->offset).arg(m_nextPage->limit));
        m_nextButton->setAccessibleDescription(m_nextButton->toolTip());
    }
    m_nextButton->setVisible(bool(m_nextPage));
}

void VerdictBanner::setMessage(const QString& title, const QString& details, Tone tone)
{
    // Titles and details quote the response: its controls and bidi overrides are shown escaped.
    m_title->setText(TerminalText::escape(title));
    m_details->setText(TerminalText::escape(details));
    m_details->setVisible(!details.isEmpty());
    m_tone = tone;
    m_nextPage.reset(); // a message is not a page (setDiagnosis offers the next one)
    m_nextButton->hide();
    setAccessibleName(title);
    setAccessibleDescription(details);
    applyTone();
}

VerdictBanner::Tone VerdictBanner::toneFor(const Diagnosis& d)
{
    switch (d.verdict) {
    case Diagnosis::Verdict::Ok:
        return d.count(Finding::Severity::Warning) > 0 ? Tone::Warning : Tone::Success;
    case Diagnosis::Verdict::PartialFailure:
        return Tone::Warning;
    default:
        return Tone::Error;
    }
}

QString VerdictBanner::titleFor(const Diagnosis& d)
{
    const Finding* error = firstError(d);
    const auto withMessage = [&](const QString& head) {
        return error ? QStringLiteral("%1: %2").arg(head, error->message) : head;
    };
    switch (d.verdict) {
    case Diagnosis::Verdict::Ok: {
        const int warnings = d.count(Finding::Severity::Warning);
        QString title = d.batch.isEmpty()      ? tr("Success")
                        : d.stats.objects == 1 ? tr("Success: the object succeeded")
                                               : tr("Success: all %1 objects succeeded").arg(d.stats.objects);
        if (warnings > 0)
            title += tr(", with %1").arg(plural(warnings, tr("warning"), tr("warnings")));
        return title;
    }
    case Diagnosis::Verdict::PartialFailure:
        return tr("Partial failure: %1 of %2 objects failed").arg(d.stats.failed).arg(d.stats.objects);
    case Diagnosis::Verdict::AllFailed:
        return d.stats.objects == 1 ? tr("Failed: the only object failed")
                                    : tr("All %1 objects failed").arg(d.stats.objects);
    case Diagnosis::Verdict::ApiError: {
        const Finding* api = firstError(d, Finding::Level::Api);
        return api ? api->message : withMessage(tr("API error"));
    }
    case Diagnosis::Verdict::HttpError:
        return d.httpStatus ? tr("HTTP error %1").arg(*d.httpStatus) : withMessage(tr("HTTP error"));
    case Diagnosis::Verdict::NotJson:
        return withMessage(tr("Not JSON"));
    case Diagnosis::Verdict::InvalidEnvelope:
        return withMessage(tr("Not a valid API response"));
    case Diagnosis::Verdict::Empty:
        return tr("Empty response");
    }
    return Diagnosis::verdictName(d.verdict);
}

QString VerdictBanner::detailsFor(const Diagnosis& d)
{
    QStringList parts;
    if (d.httpStatus)
        parts.append(QStringLiteral("HTTP %1").arg(*d.httpStatus));
    if (!d.method.isEmpty())
        parts.append(d.method);
    if (d.verdict == Diagnosis::Verdict::HttpError) {
        // The title only says the status: the reason (HTML page, plain text...) goes here.
        for (const Finding& f : d.findings) {
            if (f.severity == Finding::Severity::Error && f.key != QLatin1String("http_status")) {
                parts.append(f.message);
                break;
            }
        }
    }
    if (d.batch.isEmpty() && d.stats.objects > 0)
        parts.append(plural(d.stats.objects, tr("record"), tr("records")));
    // Paging: the service's silent cap, and the end of the results with how many came before.
    for (const Finding& f : d.findings) {
        if (f.key == QLatin1String("page_capped")) {
            parts.append(tr("silently capped at %1 per call").arg(d.stats.objects));
            break;
        }
    }
    if (d.endOfResults)
        parts.append(tr("end of results: %1 in all").arg(plural(*d.endOfResults, tr("record"), tr("records"))));
    // The account's daily quota counters ("call 1,036 of 50,000 today").
    if (!d.quota.isEmpty())
        parts.append(d.quota.text());
    if (d.requestId && !d.requestId->isEmpty()) {
        if (d.idMatches)
            parts.append(*d.idMatches ? tr("id %1 matches the request").arg(*d.requestId)
                                      : tr("id %1 differs from the request").arg(*d.requestId));
        else
            parts.append(tr("id %1").arg(*d.requestId));
    }
    parts.append(ByteSize::text(d.stats.bytes));
    const int errors = d.count(Finding::Severity::Error);
    const int warnings = d.count(Finding::Severity::Warning);
    const int infos = d.count(Finding::Severity::Info);
    QStringList counts;
    if (errors)
        counts.append(plural(errors, tr("error"), tr("errors")));
    if (warnings)
        counts.append(plural(warnings, tr("warning"), tr("warnings")));
    if (infos)
        counts.append(plural(infos, tr("note"), tr("notes")));
    if (counts.isEmpty())
        counts.append(tr("no findings"));
    parts.append(counts.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral(" · ")); // narrow separators: one line at 1366 pixels
}

QColor VerdictBanner::accentFor(Tone tone, const QPalette& palette)
{
    const QColor hue = hueOf(tone);
    // On a dark base the saturated hue is too dim to read as a mark: lighten it.
    return isDark(palette) ? mix(hue, Qt::white, 0.25) : hue;
}

QColor VerdictBanner::backgroundFor(Tone tone, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    double t = isDark(palette) ? 0.30 : 0.16;
    QColor background = mix(base, hueOf(tone), t);
    // Keep the text readable however the palette and hue combine.
    while (t > 0.02 && Badge::contrastRatio(text, background) < 4.5) {
        t -= 0.03;
        background = mix(base, hueOf(tone), t);
    }
    return background;
}

void VerdictBanner::applyTone()
{
    const int size = 24;
    QPixmap icon;
    switch (m_tone) {
    case Tone::Error:
        icon = FindingsModel::severityIcon(Finding::Severity::Error).pixmap(size);
        break;
    case Tone::Warning:
        icon = FindingsModel::severityIcon(Finding::Severity::Warning).pixmap(size);
        break;
    case Tone::Success: {
        icon = QPixmap(size * devicePixelRatio(), size * devicePixelRatio());
        icon.setDevicePixelRatio(devicePixelRatio());
        icon.fill(Qt::transparent);
        QPainter p(&icon);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(hueOf(Tone::Success));
        p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
        p.setPen(QPen(Qt::white, 2.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        const QPointF tick[3] = {{size * 0.27, size * 0.52}, {size * 0.44, size * 0.69}, {size * 0.74, size * 0.34}};
        p.drawPolyline(tick, 3);
        break;
    }
    case Tone::Neutral:
        icon = FindingsModel::severityIcon(Finding::Severity::Info).pixmap(size);
        break;
    }
    m_icon->setPixmap(icon);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    m_title->setPalette(p);
    m_details->setPalette(p);
    update();
}

void VerdictBanner::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event)
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QPen(accentFor(m_tone, palette()), 1));
    p.setBrush(backgroundFor(m_tone, palette()));
    p.drawRoundedRect(r, 4, 4);
    // The accent bar: the tone is visible even to someone who cannot tell the tints apart.
    p.setPen(Qt::NoPen);
    p.setBrush(accentFor(m_tone, palette()));
    p.drawRoundedRect(QRectF(r.left(), r.top(), 5, r.height()), 2, 2);
}

void VerdictBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTone();
    QFrame::changeEvent(event);
}
