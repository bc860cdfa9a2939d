#pragma once
// The engine's exceptions, named as in Python's eventsourcing 9.1 (and PEP 249 for the database
// ones). Every engine error derives from es::EventSourcingError; messages are English and say what
// went wrong and where. Exceptions are values: copyable, thread-safe to throw across threads.

#include <QString>
#include <stdexcept>

namespace es {

class EventSourcingError : public std::runtime_error
{
public:
    explicit EventSourcingError(const QString &message);
    // The message as a QString (what() is its UTF-8 form).
    QString message() const { return QString::fromUtf8(what()); }
};

// --- domain --------------------------------------------------------------------------------------

// A topic that names no registered class, or one topic registered for two classes.
class TopicError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// An event applied to an aggregate with another id.
class OriginatorIDError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// An event whose version does not follow the aggregate's version.
class OriginatorVersionError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
using VersionError = OriginatorVersionError;
// A value that is not of the expected kind (bad Decimal or timestamp text, wrong aggregate type…).
class ValueError : public EventSourcingError { using EventSourcingError::EventSourcingError; };

// --- transcoding, compression, encryption ---------------------------------------------------------

// JSON that cannot be parsed, a value that cannot be encoded (NaN), an unknown or unexpected
// "_type_", a missing or mistyped field.
class TranscodingError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// Compressed bytes that cannot be decompressed.
class CompressionError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// Bad key, wrong key, truncated or altered ciphertext.
class CipherError : public EventSourcingError { using EventSourcingError::EventSourcingError; };

// --- configuration --------------------------------------------------------------------------------

// A missing or invalid environment setting; the message names the variable.
class ConfigurationError : public EventSourcingError { using EventSourcingError::EventSourcingError; };

// --- persistence (PEP 249 hierarchy, as eventsourcing.persistence) --------------------------------

class PersistenceError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
class InterfaceError : public PersistenceError { using PersistenceError::PersistenceError; };
class DatabaseError : public PersistenceError { using PersistenceError::PersistenceError; };
class DataError : public DatabaseError { using DatabaseError::DatabaseError; };
class OperationalError : public DatabaseError { using DatabaseError::DatabaseError; };
class IntegrityError : public DatabaseError { using DatabaseError::DatabaseError; };
class InternalError : public DatabaseError { using DatabaseError::DatabaseError; };
class ProgrammingError : public DatabaseError { using DatabaseError::DatabaseError; };
class NotSupportedError : public DatabaseError { using DatabaseError::DatabaseError; };

// --- application and system -------------------------------------------------------------------------

// Repository.get() of an id that has no events (at or below the requested version).
class AggregateNotFound : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// A notification log section id or request that is not valid.
class NotificationLogError : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// Runner.start() called twice.
class RunnerAlreadyStarted : public EventSourcingError { using EventSourcingError::EventSourcingError; };
// An error raised by a follower's policy or by an application run by a runner.
class SystemError : public EventSourcingError { using EventSourcingError::EventSourcingError; };

} // namespace es
