#pragma once
// A small rounded label ("READ-ONLY", "ENCRYPTED", "NEEDS KEY") that says a state of the store at a
// glance; its tone picks the colours. GUI thread only.

#include <QLabel>

class Badge : public QLabel
{
    Q_OBJECT
public:
    enum class Tone { Neutral, Good, Warning, Error, Info };

    explicit Badge(const QString &text = QString(), Tone tone = Tone::Neutral, QWidget *parent = nullptr);
    void setTone(Tone tone);
    Tone tone() const { return m_tone; }
    void set(const QString &text, Tone tone, const QString &toolTip = QString());

private:
    Tone m_tone = Tone::Neutral;
};
