#pragma once

#include <QLineEdit>

class QTimer;

namespace qm {

// The toolbar's search box: reports the text after a short pause in typing, moves
// through the results with Up/Down, opens the current one with Enter, clears with Esc.
class SearchField final : public QLineEdit
{
    Q_OBJECT

public:
    explicit SearchField(QWidget *parent = nullptr);

    static constexpr int DebounceMs = 150;

Q_SIGNALS:
    void searchRequested(const QString &text);
    void moveRequested(int rows); // -1 up, +1 down, page sizes for PgUp/PgDn
    void openRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QTimer *m_debounce;
};

} // namespace qm
