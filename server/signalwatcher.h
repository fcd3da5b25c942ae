#pragma once

#include <QObject>

class QSocketNotifier;

namespace qm {

// Turns SIGTERM and SIGINT into a Qt signal delivered on the thread's event loop (a POSIX
// self-pipe read by a QSocketNotifier: the handler itself only writes one byte). On
// platforms without POSIX signals it does nothing. One instance per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qm
