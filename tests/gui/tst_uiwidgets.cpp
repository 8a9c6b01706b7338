#include "Badge.h"
#include "EmptyStateWidget.h"
#include "FirstPaintProbe.h"
#include "JsonHighlighter.h"
#include "WrapLabel.h"

#include <QApplication>
#include <QLabel>
#include <QPainter>
#include <QProxyStyle>
#include <QPushButton>
#include <QStyleOption>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

#include <functional>

// The reusable widgets of ui/widgets: JSON highlighter, badges, empty state.
class TestUiWidgets : public QObject
{
    Q_OBJECT

private:
    using Token = JsonHighlighter::Token;

    static QPalette lightPalette()
    {
        QPalette p;
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::Text, Qt::black);
        return p;
    }
    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
        p.setColor(QPalette::Text, QColor(0xe3, 0xe5, 0xe8));
        return p;
    }

    // moc cannot parse raw string literals here, hence the escaped quotes below.
    // "K" key, "S" string, "N" number, "L" literal, "P" punctuation, one letter per character;
    // "." where nothing is reported.
    static QString tokenMap(const QString& line)
    {
        QString map(line.size(), QLatin1Char('.'));
        JsonHighlighter::tokenize(line, [&](int start, int length, Token token) {
            static const char letters[] = "KSNLP";
            for (int i = start; i < start + length; ++i)
                map[i] = QLatin1Char(letters[static_cast<int>(token)]);
        });
        return map;
    }

private slots:
    void tokenize_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("map");
        QTest::newRow("key and string") << QStringLiteral("\"a\": \"b\",") << QStringLiteral("KKKP.SSSP");
        QTest::newRow("key with space before colon") << QStringLiteral("\"a\" : 1") << QStringLiteral("KKK.P.N");
        QTest::newRow("numbers") << QStringLiteral("[-1.5e3, 0]") << QStringLiteral("PNNNNNNP.NP");
        QTest::newRow("literals") << QStringLiteral("[true,false,null]") << QStringLiteral("PLLLLPLLLLLPLLLLP");
        QTest::newRow("escaped quote stays inside the string")
            << QStringLiteral("\"a\\\"b\": 1") << QStringLiteral("KKKKKKP.N");
        QTest::newRow("unterminated string runs to the end") << QStringLiteral("{\"abc") << QStringLiteral("PSSSS");
        QTest::newRow("bare words are not literals")
            << QStringLiteral("nullx trueish") << QStringLiteral(".............");
        QTest::newRow("string value followed by colon inside string")
            << QStringLiteral("\"x\": \"a:b\"") << QStringLiteral("KKKP.SSSSS");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("non-ASCII") << QStringLiteral(u"\"ключ\": \"é\"") << QStringLiteral("KKKKKKP.SSS");
    }
    void tokenize()
    {
        QFETCH(QString, line);
        QFETCH(QString, map);
        QCOMPARE(tokenMap(line), map);
    }

    void highlighterFormatsBlocks()
    {
        QTextDocument doc;
        doc.setPlainText(QStringLiteral("{\n  \"code\": 301,\n  \"ok\": true\n}"));
        JsonHighlighter highlighter(&doc);
        highlighter.setPalette(lightPalette());
        const JsonHighlighter::Theme theme = highlighter.theme();

        auto colorAt = [&](int blockNumber, int column) -> QColor {
            const QTextBlock block = doc.findBlockByNumber(blockNumber);
            for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
                if (column >= range.start && column < range.start + range.length)
                    return range.format.foreground().color();
            }
            return {};
        };
        QCOMPARE(colorAt(0, 0), theme.punctuation);
        QCOMPARE(colorAt(1, 2), theme.key);
        QCOMPARE(colorAt(1, 10), theme.number);
        QCOMPARE(colorAt(2, 2), theme.key);
        QCOMPARE(colorAt(2, 8), theme.literal);

        // Switching palette recolours what is already there.
        highlighter.setPalette(darkPalette());
        QCOMPARE(colorAt(1, 2), JsonHighlighter::Theme::forPalette(darkPalette()).key);
    }

    void highlighterSkipsHugeLines()
    {
        QTextDocument doc;
        const QString huge = QStringLiteral("[") + QStringLiteral("1,").repeated(JsonHighlighter::maxLineLength()) +
                             QStringLiteral("1]");
        doc.setPlainText(huge + QStringLiteral("\n[1]"));
        JsonHighlighter highlighter(&doc);
        highlighter.rehighlight(); // the constructor's pass is deferred to the event loop
        QVERIFY(doc.findBlockByNumber(0).layout()->formats().isEmpty());
        QVERIFY(!doc.findBlockByNumber(1).layout()->formats().isEmpty());
    }

    void toHtml()
    {
        const JsonHighlighter::Theme theme = JsonHighlighter::Theme::forPalette(lightPalette());
        const QString html = JsonHighlighter::toHtml(QStringLiteral("{\"a<b\": \"x&y\",\n \"n\": 1}"), theme);
        QVERIFY(html.contains(QStringLiteral("&quot;a&lt;b&quot;")));
        QVERIFY(html.contains(QStringLiteral("x&amp;y")));
        QVERIFY(html.contains(theme.key.name()));
        QVERIFY(html.contains(theme.number.name()));
        QVERIFY(html.contains(QLatin1Char('\n')));
        QVERIFY(!html.contains(QLatin1String("<b")));
        // An unterminated string does not swallow the next line.
        const QString broken = JsonHighlighter::toHtml(QStringLiteral("\"abc\n1"), theme);
        QVERIFY(broken.contains(QStringLiteral("%1;\">1</span>").arg(theme.number.name())));
    }

    void themesAreReadable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void themesAreReadable()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : lightPalette();
        const QColor base = palette.color(QPalette::Base);
        const JsonHighlighter::Theme theme = JsonHighlighter::Theme::forPalette(palette);
        for (Token token : {Token::Key, Token::String, Token::Number, Token::Literal, Token::Punctuation}) {
            const double ratio = Badge::contrastRatio(theme.color(token), base);
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("token %1: %2").arg(int(token)).arg(ratio)));
        }
        // Every badge value, known or not, in both palettes.
        for (const char* value :
             {"auth",       "rate_limit", "envelope", "params",    "data",          "permission",   "agency",
              "server",     "transport",  "api",      "object",    "either",        "http",         "info",
              "documented", "observed",   "inferred", "retryable", "not_retryable", "something-new"}) {
            const Badge::Colors colors = Badge::colors(QString::fromLatin1(value), palette);
            const double ratio = Badge::contrastRatio(colors.foreground, colors.background);
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(value)).arg(ratio)));
        }
    }

    void badgeBasics()
    {
        QCOMPARE(Badge::label(QStringLiteral("rate_limit")), QStringLiteral("rate limit"));
        QCOMPARE(Badge::contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(Badge::contrastRatio(Qt::red, Qt::red), 1.0);
        // One value, one colour; different values, different colours.
        const QPalette p = lightPalette();
        QCOMPARE(Badge::colors(QStringLiteral("auth"), p).foreground,
                 Badge::colors(QStringLiteral("auth"), p).foreground);
        QVERIFY(Badge::colors(QStringLiteral("auth"), p).foreground !=
                Badge::colors(QStringLiteral("data"), p).foreground);
        QVERIFY(Badge::html(QStringLiteral("<x>"), Badge::colors(QStringLiteral("auth"), p))
                    .contains(QLatin1String("&lt;x&gt;")));
        const QSize size = Badge::sizeHint(QApplication::font(), QStringLiteral("object"));
        QVERIFY(size.width() > QFontMetrics(QApplication::font()).horizontalAdvance(QStringLiteral("object")));
    }

    // WrapLabel answers heightForWidth from a cache: it must always answer what a plain QLabel
    // with the same text and settings answers, including after every kind of change.
    void wrapLabelMatchesQLabel_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::newRow("empty") << QString() << int(Qt::PlainText);
        QTest::newRow("one word") << QStringLiteral("Ready") << int(Qt::PlainText);
        QTest::newRow("sentence") << QStringLiteral("object 2 of 3 failed with 301: Entry already exists. "
                                                    "For existing leads use updateLeads.")
                                  << int(Qt::PlainText);
        QTest::newRow("long word") << QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/?accountID=X")
                                   << int(Qt::PlainText);
        QTest::newRow("rich") << QStringLiteral("<b>Partial failure</b>: 1 of 3 objects failed, "
                                                "<a href=\"x\">Explain</a> the error and how to fix it")
                              << int(Qt::RichText);
    }

    void wrapLabelMatchesQLabel()
    {
        QFETCH(QString, text);
        QFETCH(int, format);
        WrapLabel wrap;
        QLabel plain;
        plain.setWordWrap(true);
        const auto both = [&](const std::function<void(QLabel&)>& change) {
            change(wrap);
            change(plain);
        };
        const auto check = [&](const char* step) {
            for (int width : {1, 40, 80, 120, 200, 400, 800, 40, 120}) {
                QVERIFY2(wrap.heightForWidth(width) == plain.heightForWidth(width),
                         qPrintable(QStringLiteral("%1 at %2: %3 vs %4")
                                        .arg(QLatin1String(step))
                                        .arg(width)
                                        .arg(wrap.heightForWidth(width))
                                        .arg(plain.heightForWidth(width))));
            }
        };
        both([&](QLabel& l) {
            l.setTextFormat(Qt::TextFormat(format));
            l.setText(text);
        });
        check("initial");
        both([&](QLabel& l) { l.setText(text + text); });
        check("longer text");
        both([&](QLabel& l) {
            QFont font = l.font();
            font.setPointSizeF(font.pointSizeF() * 1.5);
            l.setFont(font);
        });
        check("bigger font");
        both([&](QLabel& l) { l.setContentsMargins(10, 4, 10, 4); });
        check("margins");
        both([&](QLabel& l) { l.setIndent(12); });
        check("indent");
        both([&](QLabel& l) { l.setWordWrap(false); });
        check("no wrap");
        both([&](QLabel& l) {
            l.setWordWrap(true);
            l.setTextFormat(Qt::PlainText);
        });
        check("plain");
    }

    // Work deferred to just after the first frame runs once, in registration order, after the
    // window's first paint event (and not before it, nor again on later paints).
    void afterFirstPaint()
    {
        QWidget window;
        QLabel* label = new QLabel(QStringLiteral("first frame"), &window);
        QStringList log;
        int paints = 0;
        struct PaintCounter : QObject
        {
            std::function<void()> onPaint;
            bool eventFilter(QObject*, QEvent* event) override
            {
                if (event->type() == QEvent::Paint)
                    onPaint();
                return false;
            }
        } counter;
        counter.onPaint = [&] {
            if (paints++ == 0)
                log << QStringLiteral("paint");
        };
        label->installEventFilter(&counter);
        FirstPaintProbe::afterFirstPaint(&window, [&log] { log << QStringLiteral("a"); });
        FirstPaintProbe::afterFirstPaint(&window, [&log] { log << QStringLiteral("b"); });
        QVERIFY(log.isEmpty());
        window.resize(200, 100);
        window.show();
        QTRY_COMPARE(log, QStringList({QStringLiteral("paint"), QStringLiteral("a"), QStringLiteral("b")}));
        const int before = paints;
        label->repaint();
        QCOMPARE(paints, before + 1);
        QCoreApplication::processEvents();
        QCOMPARE(log.size(), 3);
    }

    void emptyState()
    {
        EmptyStateWidget widget;
        widget.setTitle(QStringLiteral("Nothing"));
        widget.setText(QStringLiteral("Try <b>this</b>."));
        QCOMPARE(widget.title(), QStringLiteral("Nothing"));
        QCOMPARE(widget.findChild<QLabel*>(QStringLiteral("emptyStateText"))->text(),
                 QStringLiteral("Try <b>this</b>."));
        QPushButton* button = widget.addButton(QStringLiteral("Do it"), QStringLiteral("doIt"));
        QCOMPARE(widget.findChild<QPushButton*>(QStringLiteral("doIt")), button);
        QSignalSpy clicked(button, &QPushButton::clicked);
        widget.resize(400, 300);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(clicked.size(), 1);
        // The explanation is muted but readable in a dark palette too.
        QPalette dark = darkPalette();
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::WindowText, QColor(0xe3, 0xe5, 0xe8));
        widget.setPalette(dark);
        const QLabel* text = widget.findChild<QLabel*>(QStringLiteral("emptyStateText"));
        const double ratio =
            Badge::contrastRatio(text->palette().color(QPalette::WindowText), dark.color(QPalette::Window));
        QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
        QVERIFY(text->palette().color(QPalette::WindowText) != dark.color(QPalette::WindowText));
    }
};

QTEST_MAIN(TestUiWidgets)
#include "tst_uiwidgets.moc"
