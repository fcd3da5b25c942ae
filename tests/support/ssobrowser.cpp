#include "support/ssobrowser.h"

#include <QRegularExpression>

namespace qm::test {

namespace {

QString unescapeHtml(QString text)
{
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

QString pathAndQuery(const QUrl &url)
{
    QString target = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        target += u'?' + url.query(QUrl::FullyEncoded);
    return target;
}

} // namespace

QHash<QString, QString> SsoBrowser::hiddenFields(const QByteArray &html)
{
    static const QRegularExpression input(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">"));
    QHash<QString, QString> fields;
    auto it = input.globalMatch(QString::fromUtf8(html));
    while (it.hasNext()) {
        const auto match = it.next();
        fields.insert(unescapeHtml(match.captured(1)), unescapeHtml(match.captured(2)));
    }
    return fields;
}

QByteArray SsoBrowser::encodeForm(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

HttpResponse SsoBrowser::get(const QUrl &url)
{
    QUrl base = url;
    base.setPath({});
    base.setQuery(QString());
    return HttpClient(base).get(pathAndQuery(url));
}

SsoBrowser::Visit SsoBrowser::signIn(const QUrl &authorizationUrl, const QString &username,
                                     const QString &password, const QString &action)
{
    Visit visit;
    visit.page = get(authorizationUrl);
    if (visit.page.status != 200 || !visit.page.body.contains("<form"))
        return visit;
    QList<QPair<QString, QString>> fields;
    const auto hidden = hiddenFields(visit.page.body);
    for (auto it = hidden.begin(); it != hidden.end(); ++it)
        fields.append({it.key(), it.value()});
    fields.append({QStringLiteral("username"), username});
    fields.append({QStringLiteral("password"), password});
    fields.append({QStringLiteral("action"), action});
    QUrl base = authorizationUrl;
    base.setPath({});
    base.setQuery(QString());
    visit.form = HttpClient(base).post(authorizationUrl.path(), encodeForm(fields),
                                       "application/x-www-form-urlencoded");
    const QByteArray location = visit.form.header("Location");
    if (visit.form.status != 302 || location.isEmpty())
        return visit;
    visit.callback = get(QUrl::fromEncoded(location));
    return visit;
}

} // namespace qm::test
