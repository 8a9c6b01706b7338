#include "ErrorSearchText.h"

#include <algorithm>

namespace ErrorSearchText {

const QSet<QString>& stopWords()
{
    static const QSet<QString> words = {
        QStringLiteral("a"),     QStringLiteral("an"),      QStringLiteral("the"),  QStringLiteral("of"),
        QStringLiteral("to"),    QStringLiteral("is"),      QStringLiteral("are"),  QStringLiteral("was"),
        QStringLiteral("in"),    QStringLiteral("on"),      QStringLiteral("for"),  QStringLiteral("with"),
        QStringLiteral("what"),  QStringLiteral("does"),    QStringLiteral("do"),   QStringLiteral("mean"),
        QStringLiteral("means"), QStringLiteral("meaning"), QStringLiteral("i"),    QStringLiteral("my"),
        QStringLiteral("me"),    QStringLiteral("we"),      QStringLiteral("it"),   QStringLiteral("this"),
        QStringLiteral("that"),  QStringLiteral("and"),     QStringLiteral("or"),   QStringLiteral("why"),
        QStringLiteral("how"),   QStringLiteral("when"),    QStringLiteral("got"),  QStringLiteral("getting"),
        QStringLiteral("error"), QStringLiteral("errors"),  QStringLiteral("code"), QStringLiteral("codes"),
        QStringLiteral("from"),  QStringLiteral("at"),      QStringLiteral("by"),
    };
    return words;
}

QStringList tokenize(QStringView text)
{
    QStringList tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool inWord = i < text.size() && text.at(i).isLetterOrNumber();
        if (inWord && start < 0) {
            start = i;
        } else if (!inWord && start >= 0) {
            tokens.append(text.mid(start, i - start).toString().toLower());
            start = -1;
        }
    }
    return tokens;
}

namespace {
void foldPlural(QString& token)
{
    if (token.size() > 3 && token.endsWith(QLatin1Char('s')) && !token.endsWith(QLatin1String("ss")) &&
        !token.at(0).isDigit())
        token.chop(1);
}

} // namespace

QString normalizeToken(QString token)
{
    foldPlural(token);
    return token;
}

QStringList normalizedTokens(QStringView text)
{
    QStringList tokens = tokenize(text);
    for (QString& t : tokens)
        foldPlural(t);
    return tokens;
}

QString normalizedPhrase(QStringView text)
{
    return normalizedTokens(text).join(QLatin1Char(' '));
}

QString normalizedMessage(const QString& text)
{
    QString s = text.simplified().toLower();
    while (s.endsWith(QLatin1Char('.')) || s.endsWith(QLatin1Char(':')))
        s.chop(1);
    return s.trimmed();
}

bool isDigits(const QString& s)
{
    if (s.isEmpty())
        return false;
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

bool looksLikeMethod(const QString& lowerToken)
{
    static const QStringList verbs = {QStringLiteral("get"),    QStringLiteral("create"),    QStringLiteral("update"),
                                      QStringLiteral("delete"), QStringLiteral("add"),       QStringLiteral("remove"),
                                      QStringLiteral("log"),    QStringLiteral("subscribe"), QStringLiteral("set"),
                                      QStringLiteral("enable"), QStringLiteral("disable"),   QStringLiteral("insert")};
    for (const QString& verb : verbs) {
        if (lowerToken.size() > verb.size() + 2 && lowerToken.startsWith(verb))
            return true;
    }
    return false;
}

} // namespace ErrorSearchText
