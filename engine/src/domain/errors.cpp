#include "es/errors.h"

namespace es {

EventSourcingError::EventSourcingError(const QString &message)
    : std::runtime_error(message.toStdString())
{
}

} // namespace es
