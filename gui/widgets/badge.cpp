#include "widgets/badge.h"

Badge::Badge(const QString &text, Tone tone, QWidget *parent) : QLabel(text, parent)
{
    setAlignment(Qt::AlignCenter);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setTone(tone);
}

void Badge::setTone(Tone tone)
{
    m_tone = tone;
    QString fg, bg;
    switch (tone) {
    case Tone::Neutral:
        fg = QStringLiteral("#37474f");
        bg = QStringLiteral("#eceff1");
        break;
    case Tone::Good:
        fg = QStringLiteral("#1b5e20");
        bg = QStringLiteral("#e8f5e9");
        break;
    case Tone::Warning:
        fg = QStringLiteral("#7a4f01");
        bg = QStringLiteral("#fff3cd");
        break;
    case Tone::Error:
        fg = QStringLiteral("#b00020");
        bg = QStringLiteral("#fde7ea");
        break;
    case Tone::Info:
        fg = QStringLiteral("#0d47a1");
        bg = QStringLiteral("#e3f2fd");
        break;
    }
    setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid %1; border-radius: 8px;"
                       " padding: 1px 8px; font-weight: bold; font-size: small; }")
            .arg(fg, bg));
}

void Badge::set(const QString &text, Tone tone, const QString &toolTip)
{
    setText(text);
    setTone(tone);
    setToolTip(toolTip);
    setVisible(!text.isEmpty());
}
