#pragma once

#include "support/httpclient.h"

#include <QHash>
#include <QString>
#include <QUrl>

namespace qm::test {

// Plays the system browser of single sign-on with plain HTTP requests: loads the portal's
// sign-in page, submits its form the way a browser does (the page's hidden fields plus
// username, password and the button pressed) and follows the portal's redirect to the app's
// loopback address.
class SsoBrowser final
{
public:
    struct Visit
    {
        HttpResponse page;     // GET of the authorization URL
        HttpResponse form;     // POST of the sign-in form (a 302 on success or cancel)
        HttpResponse callback; // GET of the redirect's Location (status 0 if there was none)
    };

    // The whole visit: `action` is "sign-in" or "cancel". Stops after the page when it is not
    // a sign-in form, and after the form when it does not redirect.
    static Visit signIn(const QUrl &authorizationUrl, const QString &username,
                        const QString &password, const QString &action = QStringLiteral("sign-in"));

    // The hidden fields of a sign-in page, HTML entities decoded.
    static QHash<QString, QString> hiddenFields(const QByteArray &html);
    // The form fields as a browser encodes them (application/x-www-form-urlencoded).
    static QByteArray encodeForm(const QList<QPair<QString, QString>> &fields);
    // GET of an absolute URL (a redirect's Location).
    static HttpResponse get(const QUrl &url);
};

} // namespace qm::test
