#include "server/dburl.h"

#include <QUrl>

namespace qm {

namespace {

std::optional<DbUrl> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace

std::optional<DbUrl> DbUrl::parse(QStringView text, QString *error)
{
    if (text.startsWith(u"sqlite:")) {
        DbUrl url;
        url.driver = Driver::Sqlite;
        url.path = text.mid(7).toString();
        if (url.path.startsWith(u"//"))
            return fail(error,
                        QStringLiteral("write a SQLite database as sqlite:PATH, not sqlite://"));
        if (url.path.isEmpty())
            return fail(
                error,
                QStringLiteral(
                    "sqlite: needs a file path, e.g. sqlite:/var/lib/qm-portal/portal.sqlite"));
        return url;
    }
    if (!text.startsWith(u"postgres://") && !text.startsWith(u"postgresql://"))
        return fail(error, QStringLiteral("'%1' is not a database URL: use sqlite:PATH or "
                                          "postgres://USER@HOST:PORT/DBNAME")
                               .arg(text));

    const QUrl parsed(text.toString(), QUrl::StrictMode);
    if (!parsed.isValid())
        return fail(error,
                    QStringLiteral("'%1' is not a valid URL: %2").arg(text, parsed.errorString()));
    DbUrl url;
    url.driver = Driver::Postgres;
    url.host = parsed.host();
    url.user = parsed.userName();
    url.password = parsed.password();
    url.port = parsed.port(5432);
    QString path = parsed.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    url.database = path;
    if (url.host.isEmpty())
        return fail(error, QStringLiteral("the PostgreSQL URL needs a host"));
    if (url.user.isEmpty())
        return fail(
            error, QStringLiteral("the PostgreSQL URL needs a user (postgres://USER@HOST/DBNAME)"));
    if (url.database.isEmpty() || url.database.contains(u'/'))
        return fail(error,
                    QStringLiteral("the PostgreSQL URL needs one database name after the host"));
    if (url.port <= 0 || url.port > 65535)
        return fail(error, QStringLiteral("the PostgreSQL port must be 1..65535"));
    if (parsed.hasQuery() || parsed.hasFragment())
        return fail(error, QStringLiteral("the PostgreSQL URL takes no query or fragment"));
    return url;
}

QString DbUrl::toDisplayString() const
{
    if (driver == Driver::Sqlite)
        return QStringLiteral("sqlite:") + path;
    QString s = QStringLiteral("postgres://") + user;
    if (!password.isEmpty())
        s += QStringLiteral(":***");
    return s + u'@' + host + u':' + QString::number(port) + u'/' + database;
}

} // namespace qm
