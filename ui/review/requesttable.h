#pragma once
// The request table, with its first column (the user) frozen: it stays in place while the many
// answer columns scroll sideways. The frozen column is a second view over the same model and
// selection, laid over the first column.

#include <QTableView>

namespace hubgate {

class RequestTable : public QTableView
{
    Q_OBJECT
public:
    explicit RequestTable(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    QTableView *frozenView() const { return m_frozen; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    void updateGeometries() override;

private:
    void updateFrozenColumns();
    void updateFrozenGeometry();

    QTableView *m_frozen;
};

} // namespace hubgate
