#include "app/cli/blockingcalls.h"

#include "sync/apiclient.h"
#include "sync/session.h"

#include <QEventLoop>

namespace qm::blocking {

void wait(ApiJob *job)
{
    job->setAutoDelete(false);
    QEventLoop loop;
    // A job that failed before reaching the network may have finished already.
    bool done = job->error().has_value() || job->httpStatus() != 0;
    QObject::connect(job, &ApiJob::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
}

void wait(SignIn *signIn)
{
    if (signIn->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(signIn, &SignIn::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

namespace {
template<typename Call>
CredentialStore::Status runStoreCall(Call call)
{
    QEventLoop loop;
    bool done = false;
    auto status = CredentialStore::Status::Unavailable;
    call([&](CredentialStore::Status s) {
        status = s;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return status;
}
} // namespace

CredentialStore::Status readTokens(CredentialStore &store, const QString &key, Tokens *tokens)
{
    return runStoreCall([&](auto done) {
        store.read(key, [tokens, done](CredentialStore::Status s, const Tokens &t) {
            if (s == CredentialStore::Status::Ok && tokens)
                *tokens = t;
            done(s);
        });
    });
}

CredentialStore::Status writeTokens(CredentialStore &store, const QString &key,
                                    const Tokens &tokens)
{
    return runStoreCall([&](auto done) { store.write(key, tokens, done); });
}

CredentialStore::Status removeTokens(CredentialStore &store, const QString &key)
{
    return runStoreCall([&](auto done) { store.remove(key, done); });
}

} // namespace qm::blocking
