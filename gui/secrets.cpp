#include "secrets.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

Secrets::Secrets(const QString &service, bool useKeychain, QObject *parent)
    : QObject(parent), m_service(service)
{
    if (!useKeychain)
        markUnavailable(tr("the system keychain is not used in this session"));
    else if (qEnvironmentVariableIsSet("ES_INSPECTOR_NO_KEYCHAIN"))
        markUnavailable(tr("the system keychain is switched off (ES_INSPECTOR_NO_KEYCHAIN)"));
}

Secrets::~Secrets() = default;

void Secrets::markUnavailable(const QString &reason)
{
    if (!m_available)
        return;
    m_available = false;
    m_problem = reason;
    emit keychainUnavailable(reason);
}

bool Secrets::sessionValue(const QString &key, QString *value) const
{
    const auto it = m_session.constFind(key);
    if (it == m_session.constEnd())
        return false;
    if (value)
        *value = it.value();
    return true;
}

void Secrets::read(const QString &key, QObject *context,
                   const std::function<void(bool, const QString &)> &done)
{
    QString value;
    if (sessionValue(key, &value)) {
        done(true, value);
        return;
    }
    if (!m_available) {
        done(false, QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [this, key, guard, done](QKeychain::Job *j) {
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(j);
        bool found = false;
        QString text;
        if (j->error() == QKeychain::NoError) {
            found = true;
            text = readJob->textData();
            m_session.insert(key, text);
        } else if (j->error() != QKeychain::EntryNotFound) {
            markUnavailable(tr("no system keychain is available (%1); secrets are kept for this session only")
                                .arg(j->errorString()));
        }
        if (guard)
            done(found, text);
    });
    job->start();
}

void Secrets::write(const QString &key, const QString &value, bool persist)
{
    m_session.insert(key, value);
    if (!persist || !m_available)
        return;
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError)
            markUnavailable(tr("no system keychain is available (%1); secrets are kept for this session only")
                                .arg(j->errorString()));
    });
    job->start();
}

void Secrets::remove(const QString &key)
{
    m_session.remove(key);
    if (!m_available)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
}

QString Secrets::postgresKey(const QString &user, const QString &host, int port, const QString &dbname)
{
    return QStringLiteral("postgres:%1@%2:%3/%4").arg(user, host, QString::number(port), dbname);
}

QString Secrets::cipherKeyFor(const QString &storeUrl, const QString &application)
{
    if (application.isEmpty())
        return QStringLiteral("cipher:%1").arg(storeUrl);
    return QStringLiteral("cipher:%1#%2").arg(storeUrl, application.toLower());
}
