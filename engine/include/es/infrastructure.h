#pragma once
// Infrastructure chosen by environment variables, as Python's eventsourcing 9.1
// (InfrastructureFactory, Environment). See README.md for the variables.
//
// Environment::get(key) looks up "<APPNAME>_<key>" first (APPNAME = the application name in upper
// case), then "<key>". InfrastructureFactory::construct() reads INFRASTRUCTURE_FACTORY
// ("eventsourcing.popo:Factory" (default), "eventsourcing.sqlite:Factory",
// "eventsourcing.postgres:Factory"; "popo", "sqlite", "postgres" also accepted) and returns the
// factory for it. Invalid settings throw ConfigurationError naming the variable.
// Factories are used by one application; the recorders they make are thread-safe.

#include "es/cipher.h"
#include "es/compressor.h"
#include "es/persistence.h"
#include "es/transcoder.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <memory>
#include <optional>

namespace es {

class Environment
{
public:
    Environment() = default;
    // An application's environment: its name (for prefixed variables) and the variables.
    explicit Environment(const QString &applicationName, const QMap<QString, QString> &variables = {});
    // The process environment, for an application name.
    static Environment fromProcess(const QString &applicationName);
    static Environment fromProcessEnvironment(const QString &applicationName, const QProcessEnvironment &env);

    const QString &name() const { return m_name; }
    // "<NAME>_<key>" then "<key>"; nullopt when neither is set.
    std::optional<QString> get(const QString &key) const;
    QString get(const QString &key, const QString &defaultValue) const;
    // The variable name that get(key) found (for error messages), or "<key>" when none.
    QString variableFor(const QString &key) const;
    // Python's strtobool-like reading: y, yes, t, true, on, 1 / n, no, f, false, off, 0 (any case).
    // Throws ConfigurationError naming the variable for other values.
    bool getBool(const QString &key, bool defaultValue) const;
    // An integer, or a float in seconds for timeouts; ConfigurationError naming the variable when invalid.
    std::optional<double> getNumber(const QString &key) const;

    void set(const QString &key, const QString &value) { m_vars.insert(key, value); }
    void remove(const QString &key) { m_vars.remove(key); }
    const QMap<QString, QString> &variables() const { return m_vars; }
    // The same variables for another application name.
    Environment withName(const QString &applicationName) const;

private:
    QString m_name;
    QMap<QString, QString> m_vars;
};

class InfrastructureFactory
{
public:
    static constexpr const char *InfrastructureFactoryKey = "INFRASTRUCTURE_FACTORY";
    static constexpr const char *IsSnapshottingEnabledKey = "IS_SNAPSHOTTING_ENABLED";
    static constexpr const char *CompressorTopicKey = "COMPRESSOR_TOPIC";
    static constexpr const char *CipherTopicKey = "CIPHER_TOPIC";
    static constexpr const char *CipherKeyKey = "CIPHER_KEY";
    static constexpr const char *CreateTableKey = "CREATE_TABLE";

    // The factory INFRASTRUCTURE_FACTORY names (POPO when unset).
    static std::unique_ptr<InfrastructureFactory> construct(const Environment &env);

    virtual ~InfrastructureFactory();

    const Environment &env() const { return m_env; }

    // A transcoder with the built-in transcodings.
    std::shared_ptr<JSONTranscoder> transcoder() const;
    // A mapper with this environment's compressor and cipher.
    std::shared_ptr<Mapper> mapper(std::shared_ptr<const JSONTranscoder> transcoder) const;
    // COMPRESSOR_TOPIC's compressor, or nullptr.
    std::shared_ptr<Compressor> compressor() const;
    // CIPHER_TOPIC's cipher with CIPHER_KEY, or nullptr.
    std::shared_ptr<Cipher> cipher() const;
    // IS_SNAPSHOTTING_ENABLED (default false).
    bool isSnapshottingEnabled() const;
    // CREATE_TABLE (default true).
    bool createTable() const;

    // Recorders. purpose "events" or "snapshots" names the table for aggregate recorders.
    virtual std::shared_ptr<AggregateRecorder> aggregateRecorder(const QString &purpose = QStringLiteral("events")) = 0;
    virtual std::shared_ptr<ApplicationRecorder> applicationRecorder() = 0;
    virtual std::shared_ptr<ProcessRecorder> processRecorder() = 0;

protected:
    explicit InfrastructureFactory(const Environment &env);

private:
    Environment m_env;
};

} // namespace es
