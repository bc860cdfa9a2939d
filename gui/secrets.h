#pragma once
// Secrets (PostgreSQL passwords, cipher keys) kept in the system keychain through qtkeychain, never in
// QSettings. When no keychain service answers (offscreen, CI, a desktop without a secret service) the
// secrets are kept for this session only, and isKeychainAvailable() turns false so that the windows
// can say so.
//
// Every call returns at once; reads answer through a callback on the GUI thread. The session cache is
// always consulted first, so a secret given once is not asked for again in the same session.
//
// Keys are plain strings chosen by the callers: "postgres:<user>@<host>:<port>/<db>" and
// "cipher:<store url>" / "cipher:<store url>#<application>" (see the helpers below).
//
// Thread-safety: GUI thread only. The Secrets object owns its jobs.

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

class Secrets : public QObject
{
    Q_OBJECT
public:
    // `service` names the entries in the keychain. With `useKeychain` false (or the environment variable
    // ES_INSPECTOR_NO_KEYCHAIN set) the keychain is never asked: the session cache only.
    explicit Secrets(const QString &service = QStringLiteral("es-inspector"), bool useKeychain = true,
                     QObject *parent = nullptr);
    ~Secrets() override;

    // Whether the keychain answered (or has not failed yet). False once a job reported that no backend
    // is available; the reason is in keychainProblem().
    bool isKeychainAvailable() const { return m_available; }
    QString keychainProblem() const { return m_problem; }

    // Reads a secret: `done(found, value)` is called on the GUI thread (possibly before read() returns
    // when the session cache has it or the keychain is known to be missing).
    void read(const QString &key, QObject *context, const std::function<void(bool, const QString &)> &done);
    // Keeps a secret for the session and, when `persist` and a keychain is available, in the keychain.
    void write(const QString &key, const QString &value, bool persist = true);
    // Forgets a secret (session and keychain).
    void remove(const QString &key);
    // The session's copy, without asking the keychain.
    bool sessionValue(const QString &key, QString *value) const;

    static QString postgresKey(const QString &user, const QString &host, int port, const QString &dbname);
    static QString cipherKeyFor(const QString &storeUrl, const QString &application = QString());

signals:
    // The keychain turned out to be unavailable (emitted once).
    void keychainUnavailable(const QString &reason);

private:
    void markUnavailable(const QString &reason);

    QString m_service;
    bool m_available = true;
    QString m_problem;
    QHash<QString, QString> m_session;
};
