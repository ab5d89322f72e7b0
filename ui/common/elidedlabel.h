#pragma once
// A one-line label that elides its text instead of asking for its width: a long message must
// never widen the window or squeeze its neighbours. The whole text is in the tooltip.

#include <QFrame>

namespace hubgate {

class ElidedLabel : public QFrame
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // The tooltip is `toolTip` when given, else the whole text when it does not fit.
    void setText(const QString &text, const QString &toolTip = {});
    QString text() const { return m_text; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();
    QString m_text;
    QString m_toolTip;
};

} // namespace hubgate
