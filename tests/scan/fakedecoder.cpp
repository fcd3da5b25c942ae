// Stands in for qm-decode in tst_ImageDecoder: behaves as its argument says, so that
// every way a decoder can fail is tested regardless of the zxing-cpp version at hand.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

int main(int argc, char *argv[])
{
    const char *what = argc > 1 ? argv[1] : "";
    if (std::strstr(what, "abort"))
        std::abort();
    if (std::strstr(what, "hang"))
        std::this_thread::sleep_for(std::chrono::minutes(5));
    if (std::strstr(what, "garbage")) {
        std::puts("this is not JSON");
        return 0;
    }
    if (std::strstr(what, "exit3"))
        return 3;
    if (std::strstr(what, "two")) {
        std::puts("{\"text\":\"4006381333931\",\"format\":\"EAN-13\",\"symbology_identifier\":"
                  "\"]E0\",\"position\":[[1,2],[3,2],[3,4],[1,4]]}");
        std::puts("{\"text\":\"SKU-1\",\"format\":\"Code128\",\"symbology_identifier\":\"]C0\"}");
        return 0;
    }
    return 0;
}
