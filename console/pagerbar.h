#pragma once
// PagerBar: "21–40 of 153" with previous/next buttons (Alt+Left / Alt+Right) for a JsonTableModel.
#include <QWidget>

class QLabel;
class QPushButton;

namespace gw::console {

class JsonTableModel;

class PagerBar : public QWidget
{
    Q_OBJECT
public:
    explicit PagerBar(JsonTableModel *model, QWidget *parent = nullptr);
    QString text() const;

private:
    void update();

    JsonTableModel *m_model;
    QLabel *m_label;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace gw::console
