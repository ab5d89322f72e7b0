#pragma once
// A row of groups that stacks them one under the other when the window is too narrow to show
// them side by side, so nothing is cut off or squeezed into unreadable widths.

#include <QWidget>

class QBoxLayout;

namespace hubgate {

class WrappingRow : public QWidget
{
    Q_OBJECT
public:
    explicit WrappingRow(QWidget *parent = nullptr);

    // Groups are laid out left to right, in the order added; stretch as in QBoxLayout.
    void addGroup(QLayout *group, int stretch = 0);
    void addGroup(QWidget *group, int stretch = 0);
    bool isStacked() const;

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int sideBySideWidth() const;
    void updateDirection(int width);

    QBoxLayout *m_layout;
};

} // namespace hubgate
