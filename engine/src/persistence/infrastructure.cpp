#include "es/infrastructure.h"

#include "persistence/backends.h"

#include <QProcessEnvironment>

namespace es {

// --- Environment --------------------------------------------------------------------------------------

Environment::Environment(const QString &applicationName, const QMap<QString, QString> &variables)
    : m_name(applicationName)
    , m_vars(variables)
{
}

Environment Environment::fromProcess(const QString &applicationName)
{
    return fromProcessEnvironment(applicationName, QProcessEnvironment::systemEnvironment());
}

Environment Environment::fromProcessEnvironment(const QString &applicationName, const QProcessEnvironment &env)
{
    QMap<QString, QString> vars;
    const QStringList keys = env.keys();
    for (const QString &k : keys)
        vars.insert(k, env.value(k));
    return Environment(applicationName, vars);
}

QString Environment::variableFor(const QString &key) const
{
    if (!m_name.isEmpty()) {
        QString prefixed = m_name.toUpper() + QLatin1Char('_') + key;
        if (m_vars.contains(prefixed))
            return prefixed;
    }
    return key;
}

std::optional<QString> Environment::get(const QString &key) const
{
    if (!m_name.isEmpty()) {
        const auto it = m_vars.constFind(m_name.toUpper() + QLatin1Char('_') + key);
        if (it != m_vars.constEnd())
            return *it;
    }
    const auto it = m_vars.constFind(key);
    if (it != m_vars.constEnd())
        return *it;
    return std::nullopt;
}

QString Environment::get(const QString &key, const QString &defaultValue) const
{
    const auto v = get(key);
    return v ? *v : defaultValue;
}

bool Environment::getBool(const QString &key, bool defaultValue) const
{
    const auto v = get(key);
    if (!v || v->trimmed().isEmpty())
        return defaultValue;
    const QString s = v->trimmed().toLower();
    if (s == QLatin1String("y") || s == QLatin1String("yes") || s == QLatin1String("t") || s == QLatin1String("true")
        || s == QLatin1String("on") || s == QLatin1String("1"))
        return true;
    if (s == QLatin1String("n") || s == QLatin1String("no") || s == QLatin1String("f") || s == QLatin1String("false")
        || s == QLatin1String("off") || s == QLatin1String("0"))
        return false;
    throw ConfigurationError(QStringLiteral("%1='%2' is not a truth value (use yes/no, true/false, on/off or 1/0)")
                                 .arg(variableFor(key), *v));
}

std::optional<double> Environment::getNumber(const QString &key) const
{
    const auto v = get(key);
    if (!v || v->trimmed().isEmpty())
        return std::nullopt;
    bool ok = false;
    const double d = v->trimmed().toDouble(&ok);
    if (!ok || d < 0)
        throw ConfigurationError(QStringLiteral("%1='%2' is not a non-negative number").arg(variableFor(key), *v));
    return d;
}

Environment Environment::withName(const QString &applicationName) const
{
    return Environment(applicationName, m_vars);
}

// --- InfrastructureFactory -------------------------------------------------------------------------------

InfrastructureFactory::InfrastructureFactory(const Environment &env)
    : m_env(env)
{
}

InfrastructureFactory::~InfrastructureFactory() = default;

std::unique_ptr<InfrastructureFactory> InfrastructureFactory::construct(const Environment &env)
{
    const QString key = QString::fromLatin1(InfrastructureFactoryKey);
    const QString topic = env.get(key, QString()).trimmed();
    if (topic.isEmpty() || topic == QLatin1String("eventsourcing.popo:Factory") || topic == QLatin1String("popo")
        || topic == QLatin1String("eventsourcing.popo"))
        return detail::makePopoFactory(env);
    if (topic == QLatin1String("eventsourcing.sqlite:Factory") || topic == QLatin1String("sqlite")
        || topic == QLatin1String("eventsourcing.sqlite"))
        return detail::makeSqliteFactory(env);
    if (topic == QLatin1String("eventsourcing.postgres:Factory") || topic == QLatin1String("postgres")
        || topic == QLatin1String("eventsourcing.postgres"))
        return detail::makePostgresFactory(env);
    throw ConfigurationError(QStringLiteral("%1='%2' names no known infrastructure factory (use "
                                            "'eventsourcing.popo:Factory', 'eventsourcing.sqlite:Factory' or "
                                            "'eventsourcing.postgres:Factory')")
                                 .arg(env.variableFor(key), topic));
}

std::shared_ptr<JSONTranscoder> InfrastructureFactory::transcoder() const
{
    return std::make_shared<JSONTranscoder>();
}

std::shared_ptr<Mapper> InfrastructureFactory::mapper(std::shared_ptr<const JSONTranscoder> transcoder) const
{
    return std::make_shared<Mapper>(std::move(transcoder), compressor(), cipher());
}

std::shared_ptr<Compressor> InfrastructureFactory::compressor() const
{
    const QString key = QString::fromLatin1(CompressorTopicKey);
    const QString topic = m_env.get(key, QString());
    if (topic.trimmed().isEmpty())
        return nullptr;
    return compressorForTopic(topic, m_env.variableFor(key));
}

std::shared_ptr<Cipher> InfrastructureFactory::cipher() const
{
    const QString topicKey = QString::fromLatin1(CipherTopicKey);
    const QString keyKey = QString::fromLatin1(CipherKeyKey);
    const QString topic = m_env.get(topicKey, QString());
    if (topic.trimmed().isEmpty())
        return nullptr;
    return cipherForTopic(topic, m_env.get(keyKey, QString()), m_env.variableFor(topicKey), m_env.variableFor(keyKey));
}

bool InfrastructureFactory::isSnapshottingEnabled() const
{
    return m_env.getBool(QString::fromLatin1(IsSnapshottingEnabledKey), false);
}

bool InfrastructureFactory::createTable() const
{
    return m_env.getBool(QString::fromLatin1(CreateTableKey), true);
}

} // namespace es
