#pragma once

#include "Diagnosis.h"

#include <QColor>
#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;

// The verdict of a response in colour and words ("Partial failure: 3 of 100 objects failed"),
// with the facts under it (HTTP status, method, id check, size, counts). The colour follows
// the palette: a tint of the tone's hue over the Base colour, dark enough or light enough that
// the text keeps a WCAG contrast of at least 4.5:1 in light and dark themes.
class VerdictBanner : public QFrame
{
    Q_OBJECT
    Q_PROPERTY(Tone tone READ tone)

public:
    enum class Tone
    {
        Neutral, // nothing loaded, or still analysing
        Success,
        Warning, // some objects failed, or success with doubts
        Error,
    };
    Q_ENUM(Tone)

    explicit VerdictBanner(QWidget* parent = nullptr);

    void setDiagnosis(const Diagnosis& diagnosis);
    // A neutral banner with a message (analysing, canceled, could not read...).
    void setMessage(const QString& title, const QString& details, Tone tone = Tone::Neutral);

    Tone tone() const { return m_tone; }
    // The request for the next page offered by the banner's "Next page" button (a paginated
    // method's page of exactly `limit` records); none when the button is hidden.
    const std::optional<Diagnosis::PageRequest>& nextPage() const { return m_nextPage; }
    QString title() const;
    QString details() const;

    // The words for a diagnosis (also used for the window's status line).
    static QString titleFor(const Diagnosis& diagnosis);
    static QString detailsFor(const Diagnosis& diagnosis);
    static Tone toneFor(const Diagnosis& diagnosis);
    // Colours of a tone in a palette: the tint behind the text and the accent (bar, icon).
    static QColor backgroundFor(Tone tone, const QPalette& palette);
    static QColor accentFor(Tone tone, const QPalette& palette);

signals:
    // "Next page" was clicked: the request for nextPage().
    void nextPageRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyTone();

    Tone m_tone = Tone::Neutral;
    QLabel* m_icon = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_details = nullptr;
    QPushButton* m_nextButton = nullptr;
    std::optional<Diagnosis::PageRequest> m_nextPage;
};
