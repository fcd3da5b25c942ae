#include "models/sqlrows.h"

#include "models/sql.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <atomic>
#include <cstring>

#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif

namespace qm::sqlrows {

namespace {

Q_LOGGING_CATEGORY(lcRows, "qm.models.sqlrows", QtInfoMsg)

constexpr char TextTag = 't';
constexpr char NumberTag = 'i';
constexpr char NullTag = 'n';

std::atomic<bool> g_directAllowed{true};

template<typename T>
void appendRaw(QByteArray &out, T value)
{
    out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

template<typename T>
T readRaw(const char *at)
{
    T value;
    std::memcpy(&value, at, sizeof value);
    return value;
}

// One packed value as it is read back.
struct Cell
{
    char tag = NullTag;
    qint64 number = 0;
    const char *text = nullptr;
    qint32 size = 0;
};

// Reads the value at `at` (within `end`); false if the bytes are not a packed value.
bool readCell(const char *&at, const char *end, Cell *cell)
{
    if (at >= end)
        return false;
    cell->tag = *at++;
    switch (cell->tag) {
    case NullTag:
        return true;
    case NumberTag:
        if (end - at < qsizetype(sizeof(qint64)))
            return false;
        cell->number = readRaw<qint64>(at);
        at += sizeof(qint64);
        return true;
    case TextTag:
        if (end - at < qsizetype(sizeof(qint32)))
            return false;
        cell->size = readRaw<qint32>(at);
        at += sizeof(qint32);
        if (cell->size < 0 || end - at < cell->size)
            return false;
        cell->text = at;
        at += cell->size;
        return true;
    default:
        return false;
    }
}

// Whether the QSQLITE driver `driver` runs on the SQLite library this program is linked
// against, so that its connection handle may be given to this program's sqlite3_* functions.
// Where Qt bundles its own copy of SQLite inside the driver (as Qt's own packages do on some
// platforms), the handle belongs to that copy: it is not. The driver's module (found by the
// address of its class data) must resolve SQLite's functions to the very ones linked here, and
// the library must report the same source as this program was built against.
bool driverSharesSqlite(const QSqlDatabase &db)
{
#if defined(Q_OS_UNIX)
    Dl_info info{};
    const QMetaObject *driverClass = db.driver()->metaObject();
    if (dladdr(static_cast<const void *>(driverClass), &info) == 0 || !info.dli_fname)
        return false;
    void *module = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!module)
        return false;
    void *theirs = dlsym(module, "sqlite3_libversion_number");
    dlclose(module);
    if (theirs != reinterpret_cast<void *>(&sqlite3_libversion_number))
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() &&
           q.value(0).toString() == QLatin1StringView(sqlite3_sourceid());
#else
    Q_UNUSED(db);
    return false;
#endif
}

// The SQLite handle of `db` where statements may use it directly, else null.
sqlite3 *directHandle(const QSqlDatabase &db)
{
    if (!g_directAllowed.load() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    static const bool shared = [&db] {
        const bool same = driverSharesSqlite(db);
        if (!same)
            qCInfo(lcRows) << "the SQL driver has its own SQLite library: bulk writes bind"
                              " through QtSql";
        return same;
    }();
    return shared ? *static_cast<sqlite3 *const *>(handle.constData()) : nullptr;
}

} // namespace

void Value::appendTo(QByteArray &out) const
{
    switch (m_kind) {
    case Kind::Text: {
        // ASCII, as most codes and many names are, is written in place; other text through a
        // UTF-8 copy.
        const qsizetype size = m_text->size();
        const QChar *units = m_text->constData();
        const qsizetype at = out.size();
        out.resize(at + 1 + qsizetype(sizeof(qint32)) + size);
        char *p = out.data() + at;
        *p++ = TextTag;
        const qint32 length = qint32(size);
        std::memcpy(p, &length, sizeof length);
        p += sizeof length;
        for (qsizetype i = 0; i < size; ++i) {
            if (units[i].unicode() >= 0x80) {
                out.resize(at);
                const QByteArray utf8 = m_text->toUtf8();
                out += TextTag;
                appendRaw(out, qint32(utf8.size()));
                out += utf8;
                return;
            }
            p[i] = char(units[i].unicode());
        }
        return;
    }
    case Kind::Number:
        out += NumberTag;
        appendRaw(out, m_number);
        return;
    case Kind::Null:
        out += NullTag;
        return;
    }
}

void appendRow(QByteArray &out, std::initializer_list<Value> values)
{
    for (const Value &value : values)
        value.appendTo(out);
}

void setDirectAllowed(bool allowed)
{
    g_directAllowed.store(allowed);
}

Statement::Statement(const QSqlDatabase &db)
    : m_db(db)
{}

Statement::~Statement()
{
    sqlite3_finalize(m_direct);
}

bool Statement::prepare(const QString &statement, int columns, QString *error)
{
    m_text = statement;
    m_columns = columns;
    sqlite3_finalize(m_direct);
    m_direct = nullptr;
    m_query.reset();
    m_handle = directHandle(m_db);
    if (m_handle) {
        const QByteArray utf8 = statement.toUtf8();
        if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()),
                               SQLITE_PREPARE_PERSISTENT, &m_direct, nullptr) == SQLITE_OK)
            return true;
        sqlite3_finalize(m_direct);
        m_direct = nullptr;
        return sql::fail(
            error, QStringLiteral("%1 (in: %2)")
                       .arg(QString::fromUtf8(sqlite3_errmsg(m_handle)), statement.simplified()));
    }
    m_query = std::make_unique<QSqlQuery>(m_db);
    return sql::prepare(*m_query, statement, error);
}

bool Statement::run(const QByteArray &rows, QString *error)
{
    const char *at = rows.constData();
    const char *const end = at + rows.size();
    const auto corrupt = [&] {
        return sql::fail(error, QStringLiteral("packed rows that do not fit %1 columns (in: %2)")
                                    .arg(m_columns)
                                    .arg(m_text.simplified()));
    };
    // The statement binds `rows` without copying: it forgets them once it has run.
    const auto unbind = qScopeGuard([this] {
        if (m_direct)
            sqlite3_clear_bindings(m_direct);
    });
    Cell cell;
    while (at < end) {
        if (m_direct) {
            for (int i = 1; i <= m_columns; ++i) {
                if (!readCell(at, end, &cell))
                    return corrupt();
                if (cell.tag == TextTag)
                    sqlite3_bind_text(m_direct, i, cell.text, cell.size, SQLITE_STATIC);
                else if (cell.tag == NumberTag)
                    sqlite3_bind_int64(m_direct, i, cell.number);
                else
                    sqlite3_bind_null(m_direct, i);
            }
            const int rc = sqlite3_step(m_direct);
            if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
                const QString why = QString::fromUtf8(sqlite3_errmsg(m_handle));
                sqlite3_reset(m_direct);
                return sql::fail(error,
                                 QStringLiteral("%1 (in: %2)").arg(why, m_text.simplified()));
            }
            sqlite3_reset(m_direct);
            continue;
        }
        for (int i = 0; i < m_columns; ++i) {
            if (!readCell(at, end, &cell))
                return corrupt();
            if (cell.tag == TextTag)
                m_query->bindValue(i, QString::fromUtf8(cell.text, cell.size));
            else if (cell.tag == NumberTag)
                m_query->bindValue(i, cell.number);
            else
                m_query->bindValue(i, QVariant(QMetaType(QMetaType::QString)));
        }
        if (!sql::exec(*m_query, error))
            return false;
    }
    return true;
}

} // namespace qm::sqlrows
