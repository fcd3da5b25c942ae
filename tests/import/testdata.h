#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

// The shared test material (QM_TESTDATA_DIR, read-only) and the fixtures of tests/data.
namespace qm::import::testdata {

inline QString dir(const QString &folder)
{
    return qEnvironmentVariable("QM_TESTDATA_DIR") + u'/' + folder;
}

inline bool present(const QString &folder)
{
    return !qEnvironmentVariableIsEmpty("QM_TESTDATA_DIR") && QDir(dir(folder)).exists();
}

inline QByteArray read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

inline QJsonDocument readJson(const QString &path)
{
    return QJsonDocument::fromJson(read(path));
}

inline QList<QStringList> rowsFromJson(const QJsonArray &array)
{
    QList<QStringList> rows;
    for (const QJsonValue &row : array) {
        QStringList cells;
        for (const QJsonValue &cell : row.toArray())
            cells.append(cell.toString());
        rows.append(cells);
    }
    return rows;
}

// Expected rows with the blank ones (no field, or a single empty field) left out: the
// readers skip blank lines.
inline QList<QStringList> withoutBlankRows(const QList<QStringList> &rows)
{
    QList<QStringList> kept;
    for (const QStringList &row : rows) {
        if (!(row.isEmpty() || (row.size() == 1 && row.front().isEmpty())))
            kept.append(row);
    }
    return kept;
}

// Rows written as C string literals (UTF-8), for expectations in data tables.
inline QStringList cells(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

inline QList<QStringList> rows(std::initializer_list<std::initializer_list<const char *>> texts)
{
    QList<QStringList> list;
    for (const auto &row : texts)
        list.append(cells(row));
    return list;
}

} // namespace qm::import::testdata

#define QM_REQUIRE_TESTDATA(folder)                                                                \
    do {                                                                                           \
        if (!qm::import::testdata::present(QStringLiteral(folder)))                                \
            QSKIP("shared test data folder " folder " is absent");                                 \
    } while (false)
