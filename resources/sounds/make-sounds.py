#!/usr/bin/env python3
"""Writes the scan feedback tones (scan-added.wav, scan-adjusted.wav, scan-unknown.wav).

Run from this folder with any Python 3: `python3 make-sounds.py`. The tones are sine waves
(the unknown-code tone adds odd harmonics so that it buzzes), 22050 Hz, 16-bit mono, with
5 ms fades so that they do not click. They are told apart by pitch and rhythm:
  added     one short high tone           (1320 Hz, 90 ms)
  adjusted  two rising tones, "look here" (660 Hz then 990 Hz, 90 ms each)
  unknown   a low falling buzz            (330 Hz then 220 Hz, 160 ms each)
"""
import math
import struct
import wave

RATE = 22050
FADE = int(RATE * 0.005)


def tone(freq, ms, harmonics=(1.0,), volume=0.5):
    n = int(RATE * ms / 1000)
    total = sum(harmonics)
    out = []
    for i in range(n):
        v = sum(a * math.sin(2 * math.pi * freq * (2 * k + 1) * i / RATE)
                for k, a in enumerate(harmonics)) / total
        fade = min(1.0, i / FADE, (n - 1 - i) / FADE)
        out.append(v * volume * fade)
    return out


def silence(ms):
    return [0.0] * int(RATE * ms / 1000)


def write(name, samples):
    with wave.open(name, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


BUZZ = (1.0, 0.33, 0.2, 0.14)
write("scan-added.wav", tone(1320, 90))
write("scan-adjusted.wav", tone(660, 90) + silence(40) + tone(990, 90))
write("scan-unknown.wav", tone(330, 160, BUZZ) + silence(30) + tone(220, 160, BUZZ))
