#include "invoice/domainmodel.h"

#include "es/uuid.h"

namespace invoice {

namespace {

struct Names
{
    const char *name;
    int value;
};
constexpr Names StatusNames[] = {{"INITIATED", 1}, {"ISSUED", 2}, {"SENT", 3}};
constexpr Names SendMethodNames[] = {{"EMAIL", 1}, {"POST", 2}};

template<size_t N> QString nameOf(const Names (&names)[N], int value)
{
    for (const Names &n : names)
        if (n.value == value)
            return QString::fromLatin1(n.name);
    return QString();
}

template<size_t N> bool valueOf(const Names (&names)[N], const QString &name, int *out)
{
    for (const Names &n : names) {
        if (name == QLatin1String(n.name)) {
            *out = n.value;
            return true;
        }
    }
    return false;
}

QString textOf(const es::json::Node &node)
{
    if (!node.isString())
        throw es::TranscodingError(
            QStringLiteral("expected a string, found %1").arg(QLatin1String(node.typeName())));
    return node.toQString();
}

} // namespace

QString statusName(Status status)
{
    return nameOf(StatusNames, static_cast<int>(status));
}

QString sendMethodName(SendMethod method)
{
    return nameOf(SendMethodNames, static_cast<int>(method));
}

bool statusFromName(const QString &name, Status *out)
{
    int v = 0;
    if (!valueOf(StatusNames, name, &v))
        return false;
    *out = static_cast<Status>(v);
    return true;
}

bool sendMethodFromName(const QString &name, SendMethod *out)
{
    int v = 0;
    if (!valueOf(SendMethodNames, name, &v))
        return false;
    *out = static_cast<SendMethod>(v);
    return true;
}

InvoiceStatusError::InvoiceStatusError(const QString &what, Status status)
    : EventSourcingError(
        QStringLiteral("cannot %1: the invoice is %2, not INITIATED").arg(what, statusName(status))),
      m_status(status)
{ }

void Invoice::Initiated::apply(Invoice &i) const
{
    i.m_number = number;
    i.m_amount = amount;
    i.m_issuedTo = issuedTo;
    // Python's __init__(…, timestamp): the created event's own timestamp.
    i.m_initiatedAt = timestamp;
    i.m_status = Status::Initiated;
}

void Invoice::NumberUpdated::apply(Invoice &i) const
{
    i.checkInitiated("change the number");
    i.m_number = value;
}

void Invoice::AmountUpdated::apply(Invoice &i) const
{
    i.checkInitiated("change the amount");
    i.m_amount = value;
}

void Invoice::Issued::apply(Invoice &i) const
{
    i.m_issuedBy = issuedBy;
    i.m_issuedOn = timestamp;
    i.m_status = Status::Issued;
}

void Invoice::Sent::apply(Invoice &i) const
{
    i.m_sentVia = sentVia;
    i.m_sentAt = timestamp;
    i.m_status = Status::Sent;
}

std::unique_ptr<Invoice> Invoice::create(const QString &number, const es::Decimal &amount,
                                         const Person &issuedTo)
{
    return createAggregate<Initiated>(es::uuid::v4(), number, amount, issuedTo);
}

void Invoice::checkInitiated(const char *what) const
{
    if (m_status != Status::Initiated)
        throw InvoiceStatusError(QString::fromLatin1(what), m_status);
}

} // namespace invoice

void es::Transcoding<invoice::Person>::encode(es::json::Writer &w, const invoice::Person &p)
{
    w.beginObject();
    w.key("name");
    w.string(p.name);
    w.key("address");
    w.string(p.address);
    w.endObject();
}

invoice::Person es::Transcoding<invoice::Person>::decode(const es::json::Node &data)
{
    if (!data.isObject())
        throw es::TranscodingError(QStringLiteral("person_as_dict: expected an object, found %1")
                                       .arg(QLatin1String(data.typeName())));
    invoice::Person p;
    bool hasName = false, hasAddress = false;
    data.forEachMember([&](std::string_view key, const es::json::Node &value) {
        if (key == "name") {
            p.name = invoice::textOf(value);
            hasName = true;
        } else if (key == "address") {
            p.address = invoice::textOf(value);
            hasAddress = true;
        } else {
            throw es::TranscodingError(QStringLiteral("person_as_dict: unexpected key '%1'")
                                           .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
        }
    });
    if (!hasName || !hasAddress)
        throw es::TranscodingError(QStringLiteral("person_as_dict: missing '%1'")
                                       .arg(hasName ? QStringLiteral("address") : QStringLiteral("name")));
    return p;
}

void es::Transcoding<invoice::SendMethod>::encode(es::json::Writer &w, invoice::SendMethod m)
{
    w.string(invoice::sendMethodName(m));
}

invoice::SendMethod es::Transcoding<invoice::SendMethod>::decode(const es::json::Node &data)
{
    invoice::SendMethod m {};
    const QString name = invoice::textOf(data);
    if (!invoice::sendMethodFromName(name, &m))
        throw es::TranscodingError(QStringLiteral("send_method_str: no SendMethod named '%1'").arg(name));
    return m;
}

void es::Transcoding<invoice::Status>::encode(es::json::Writer &w, invoice::Status s)
{
    w.string(invoice::statusName(s));
}

invoice::Status es::Transcoding<invoice::Status>::decode(const es::json::Node &data)
{
    invoice::Status s {};
    const QString name = invoice::textOf(data);
    if (!invoice::statusFromName(name, &s))
        throw es::TranscodingError(QStringLiteral("status_str: no Status named '%1'").arg(name));
    return s;
}
