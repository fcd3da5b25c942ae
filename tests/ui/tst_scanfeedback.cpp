// Scan feedback: a tone of its own per outcome, the sound switch, and silence (not an
// error) where the computer has no audio output.
#include "ui/scanfeedback.h"

#include "uitestmain.h"

#include <QAudioDevice>
#include <QFile>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QSoundEffect>
#include <QWidget>
#include <QtEndian>

using qm::ScanFeedback;
using Kind = qm::ScanFeedback::Kind;

class tst_ScanFeedback final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachOutcomeHasItsOwnTone_data();
    void eachOutcomeHasItsOwnTone();
    void tonesAreDistinct();
    void soundCanBeSwitchedOff();
    void noAudioOutputIsNoError();
};

void tst_ScanFeedback::eachOutcomeHasItsOwnTone_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("file");
    QTest::newRow("added") << int(Kind::Added) << QStringLiteral("scan-added.wav");
    QTest::newRow("adjusted") << int(Kind::Adjusted) << QStringLiteral("scan-adjusted.wav");
    QTest::newRow("unknown") << int(Kind::Unknown) << QStringLiteral("scan-unknown.wav");
}

// Each tone is a WAV file in the resources that QSoundEffect can play: RIFF/WAVE, PCM,
// 16-bit mono, shorter than half a second so that it never lags behind the next scan.
void tst_ScanFeedback::eachOutcomeHasItsOwnTone()
{
    QFETCH(int, kind);
    QFETCH(QString, file);
    ScanFeedback feedback; // registers the resources
    const QUrl source = ScanFeedback::soundSource(Kind(kind));
    QCOMPARE(source.scheme(), QStringLiteral("qrc"));
    QCOMPARE(source.fileName(), file);
    QFile wav(u':' + source.path());
    QVERIFY2(wav.open(QIODevice::ReadOnly), qPrintable(wav.fileName()));
    const QByteArray bytes = wav.readAll();
    QVERIFY(bytes.size() > 44);
    QCOMPARE(bytes.left(4), QByteArray("RIFF"));
    QCOMPARE(bytes.mid(8, 8), QByteArray("WAVEfmt "));
    const auto u16 = [&](int at) { return qFromLittleEndian<quint16>(bytes.constData() + at); };
    const auto u32 = [&](int at) { return qFromLittleEndian<quint32>(bytes.constData() + at); };
    QCOMPARE(u16(20), quint16(1));  // PCM
    QCOMPARE(u16(22), quint16(1));  // mono
    QCOMPARE(u16(34), quint16(16)); // bits per sample
    const quint32 rate = u32(24);
    QCOMPARE(bytes.mid(36, 4), QByteArray("data"));
    const quint32 dataBytes = u32(40);
    QCOMPARE(qsizetype(dataBytes) + 44, bytes.size());
    const double seconds = double(dataBytes) / 2.0 / rate;
    QVERIFY2(seconds > 0.05 && seconds < 0.5, qPrintable(QString::number(seconds)));
    // Not silence.
    qint16 peak = 0;
    for (qsizetype i = 44; i + 1 < bytes.size(); i += 2)
        peak = qMax(peak, qAbs(qFromLittleEndian<qint16>(bytes.constData() + i)));
    QVERIFY(peak > 8000);
}

void tst_ScanFeedback::tonesAreDistinct()
{
    ScanFeedback feedback;
    const QList<Kind> kinds{Kind::Added, Kind::Adjusted, Kind::Unknown};
    QList<QByteArray> contents;
    for (Kind kind : kinds) {
        QFile wav(u':' + ScanFeedback::soundSource(kind).path());
        QVERIFY(wav.open(QIODevice::ReadOnly));
        contents << wav.readAll();
    }
    for (qsizetype i = 0; i < contents.size(); ++i)
        for (qsizetype j = i + 1; j < contents.size(); ++j)
            QVERIFY2(contents[i] != contents[j], "two outcomes sound the same");
    // The flash colours differ too.
    QVERIFY(ScanFeedback::color(Kind::Added) != ScanFeedback::color(Kind::Adjusted));
    QVERIFY(ScanFeedback::color(Kind::Adjusted) != ScanFeedback::color(Kind::Unknown));
}

void tst_ScanFeedback::soundCanBeSwitchedOff()
{
    ScanFeedback feedback;
    QWidget view;
    QSignalSpy given(&feedback, &ScanFeedback::given);
    QSignalSpy sounded(&feedback, &ScanFeedback::sounded);
    QVERIFY(feedback.isSoundEnabled());
    feedback.give(Kind::Unknown, &view);
    QCOMPARE(sounded.count(), 1);
    QCOMPARE(sounded.first().at(0).value<Kind>(), Kind::Unknown);
    QCOMPARE(sounded.first().at(1).toUrl(), ScanFeedback::soundSource(Kind::Unknown));
    feedback.give(Kind::Added, &view);
    QCOMPARE(sounded.count(), 2);
    QCOMPARE(sounded.last().at(1).toUrl(), ScanFeedback::soundSource(Kind::Added));

    feedback.setSoundEnabled(false);
    feedback.give(Kind::Adjusted, &view);
    QCOMPARE(given.count(), 3); // the flash still shows
    QVERIFY(feedback.flash());
    QCOMPARE(sounded.count(), 2);
}

void tst_ScanFeedback::noAudioOutputIsNoError()
{
    ScanFeedback feedback;
    QCOMPARE(feedback.hasAudioOutput(), !QMediaDevices::audioOutputs().isEmpty());
    if (feedback.hasAudioOutput())
        QSKIP("this computer has an audio output");
    // Every outcome, several times in a row: silent, no crash, the feedback still given.
    QSignalSpy given(&feedback, &ScanFeedback::given);
    QSignalSpy sounded(&feedback, &ScanFeedback::sounded);
    for (int round = 0; round < 3; ++round)
        for (Kind kind : {Kind::Added, Kind::Adjusted, Kind::Unknown})
            feedback.give(kind, nullptr);
    QCOMPARE(given.count(), 9);
    QCOMPARE(sounded.count(), 9);
    QVERIFY(!feedback.findChild<QSoundEffect *>()); // nothing to play on
}

QM_UI_TEST_MAIN(tst_ScanFeedback)
#include "tst_scanfeedback.moc"
