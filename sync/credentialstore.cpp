#include "sync/credentialstore.h"

#include "sync/logging.h"

#include <QPointer>
#include <QUrl>

#include <qt6keychain/keychain.h>

namespace qm {

namespace {

// Written and deleted again to tell "nothing stored" from "no keychain": without a
// Secret Service collection a read also answers EntryNotFound, but a write fails.
const QString ProbeKey = QStringLiteral("quartermaster-keychain-probe");

CredentialStore::Status statusOf(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return CredentialStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return CredentialStore::Status::NotFound;
    default:
        // NoBackendAvailable, AccessDenied, AccessDeniedByUser, NotImplemented, OtherError...
        qCInfo(lcCredentials) << "keychain unavailable:" << job.error() << job.errorString();
        return CredentialStore::Status::Unavailable;
    }
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString CredentialStore::keyFor(const QUrl &portal, const QString &username)
{
    QUrl base = portal.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo |
                                QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (base.path() == u"/")
        base.setPath({});
    return base.toString() + u'#' + username;
}

void CredentialStore::read(const QString &key, std::function<void(Status, const Tokens &)> done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        Status status = statusOf(*job);
        if (status == Status::Ok) {
            const auto tokens = Tokens::fromJson(job->binaryData());
            if (tokens) {
                done(Status::Ok, *tokens);
                return;
            }
            qCWarning(lcCredentials) << "the stored tokens are unreadable; treating them as absent";
            done(Status::NotFound, {});
            return;
        }
        if (status == Status::NotFound) {
            probe([done](Status probed) {
                done(probed == Status::Ok ? Status::NotFound : probed, {});
            });
            return;
        }
        done(status, {});
    });
    job->start();
}

void CredentialStore::write(const QString &key, const Tokens &tokens,
                            std::function<void(Status)> done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(tokens.toJson());
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        const Status status = statusOf(*job);
        done(status == Status::NotFound ? Status::Unavailable : status);
    });
    job->start();
}

void CredentialStore::remove(const QString &key, std::function<void(Status)> done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this,
            [job, done = std::move(done)] { done(statusOf(*job)); });
    job->start();
}

void CredentialStore::probe(std::function<void(Status)> done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, ProbeKey);
    job->setBinaryData(QByteArrayLiteral("probe"));
    connect(job, &QKeychain::Job::finished, this, [this, job, done = std::move(done)] {
        const Status status = statusOf(*job);
        if (status != Status::Ok) {
            done(Status::Unavailable);
            return;
        }
        remove(ProbeKey, [done](Status) { done(Status::Ok); });
    });
    job->start();
}

} // namespace qm
