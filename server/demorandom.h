#pragma once

#include <QList>
#include <QtGlobal>

#include <initializer_list>

namespace qm {

// The demo's deterministic random source (SplitMix64): the same seed gives the same numbers
// on every platform and compiler, which std:: distributions do not promise. Each product,
// account and order draws from its own stream (forKey), so generating product 7 never
// depends on how many products come before it.
class DemoRandom final
{
public:
    explicit DemoRandom(quint64 seed)
        : m_state(seed)
    {}

    static quint64 mix(quint64 z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    static quint64 hash(quint64 seed, quint64 stream, quint64 index)
    {
        return mix(mix(mix(seed + 0x9e3779b97f4a7c15ULL) ^ stream) + index);
    }
    static DemoRandom forKey(quint64 seed, quint64 stream, quint64 index)
    {
        return DemoRandom(hash(seed, stream, index));
    }

    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix(m_state);
    }
    // Uniform in [0, n) for n >= 1.
    int below(int n) { return int(next() % quint64(n)); }
    // Uniform in [low, high].
    int between(int low, int high) { return low + below(high - low + 1); }
    bool percent(int p) { return below(100) < p; }
    bool permille(int p) { return below(1000) < p; }

    template<typename T>
    const T &pick(const QList<T> &list)
    {
        return list.at(below(int(list.size())));
    }
    template<typename T>
    T pick(std::initializer_list<T> list)
    {
        return *(list.begin() + below(int(list.size())));
    }
    // An index chosen with the given relative weights.
    int weighted(std::initializer_list<int> weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = below(total);
        int i = 0;
        for (int w : weights) {
            if (r < w)
                return i;
            r -= w;
            ++i;
        }
        return i - 1;
    }

private:
    quint64 m_state;
};

} // namespace qm
