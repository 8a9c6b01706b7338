#pragma once

#include <QWidget>

class MainWindow;
class QLabel;
class QPushButton;

// Help → Getting started: a first call on the embedded simulator in five steps.
// Every step says what to do and has a button that does it in the real window (the composer,
// the inspector and the error browser next to it), so a newcomer can follow along or just
// click through. A step is ticked once done, whichever way it was done.
class GettingStartedPanel : public QWidget
{
    Q_OBJECT

public:
    enum Step
    {
        ChooseSimulator,
        PickMethod,
        Send,
        ReadVerdict,
        TryError,
        StepCount
    };

    GettingStartedPanel(MainWindow& window, QWidget* parent = nullptr);

    // Performs a step as its button does.
    void perform(Step step);
    bool isDone(Step step) const;
    QPushButton* button(Step step) const;

signals:
    void stepDone(int step);

protected:
    void changeEvent(QEvent* event) override;

private:
    void addStep(Step step, const QString& title, const QString& text, const QString& buttonText,
                 const QString& buttonName);
    void markDone(Step step);
    void updateMarks();
    void tryAnError();

    MainWindow& m_window;
    QLabel* m_marks[StepCount] = {};
    QPushButton* m_buttons[StepCount] = {};
    bool m_done[StepCount] = {};
    bool m_sentError = false; // the last call was "Try an error": Explain shows its code
};
