// qm-decode: reads the barcodes in one image file and prints one JSON object per barcode
// and line: {"text", "format", "symbology_identifier", "position"}. Exit status 0 (also
// when none is found), 2 when the file cannot be read as an image, 1 on wrong usage.
//
// It runs as a process of its own because some zxing-cpp releases (Debian 12's 1.4.0)
// abort() on certain images; the app's ImageDecoder survives that.
#include <QCoreApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <ZXing/ReadBarcode.h>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 2) {
        std::fputs("usage: qm-decode IMAGE\n", stderr);
        return 1;
    }
    QImage image(args.at(1));
    if (image.isNull()) {
        std::fprintf(stderr, "qm-decode: cannot read %s as an image\n", qPrintable(args.at(1)));
        return 2;
    }
    image = image.convertToFormat(QImage::Format_RGBX8888);
    const ZXing::ImageView view(image.constBits(), image.width(), image.height(),
                                ZXing::ImageFormat::RGBX, int(image.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setTryHarder(true);
    hints.setTryRotate(true);

    QTextStream out(stdout);
    for (const ZXing::Result &result : ZXing::ReadBarcodes(view, hints)) {
        if (!result.isValid())
            continue;
        QJsonArray position;
        for (const ZXing::PointI &p : result.position())
            position.append(QJsonArray{p.x, p.y});
        const QJsonObject line{
            {QStringLiteral("text"), QString::fromStdString(result.text())},
            {QStringLiteral("format"), QString::fromLatin1(ZXing::ToString(result.format()))},
            {QStringLiteral("symbology_identifier"),
             QString::fromStdString(result.symbologyIdentifier())},
            {QStringLiteral("position"), position},
        };
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
    }
    out.flush();
    return 0;
}
