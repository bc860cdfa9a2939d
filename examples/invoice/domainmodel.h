#pragma once
// The Invoice of Python's eventsourcing/examples/test_invoice.py (9.1): an aggregate with
// property-setter events (NumberUpdated, AmountUpdated), values of custom types stored with the
// test's transcodings (Person as "person_as_dict", SendMethod as "send_method_str", Status as
// "status_str"), and attributes that hold the timestamps of the events that set them
// (initiated_at, issued_on, sent_at), so that replaying the events gives the snapshot's state.
// Topics "eventsourcing.examples.test_invoice:Invoice[.<Event>]", fields and snapshot keys are
// Python's. Aggregates are plain values owned by their user (not thread-safe to mutate).

#include "es/codec.h"
#include "es/decimal.h"
#include "es/domain.h"
#include "es/errors.h"
#include "es/timestamp.h"

#include <QString>
#include <QUuid>
#include <memory>
#include <optional>

namespace invoice {

enum class Status { Initiated = 1, Issued = 2, Sent = 3 };
enum class SendMethod { Email = 1, Post = 2 };

// Python's enum member names ("INITIATED", "EMAIL"), as the transcodings store them.
QString statusName(Status status);
QString sendMethodName(SendMethod method);
// The member of that name; false when there is none.
bool statusFromName(const QString &name, Status *out);
bool sendMethodFromName(const QString &name, SendMethod *out);

// Python's @dataclass Person(name, address).
struct Person
{
    QString name;
    QString address;
    bool operator==(const Person &other) const { return name == other.name && address == other.address; }
    bool operator!=(const Person &other) const { return !(*this == other); }
};

// A change the invoice's status does not allow (Python's AssertionError: the number and the
// amount can be changed only while the invoice is INITIATED).
class InvoiceStatusError : public es::EventSourcingError
{
public:
    InvoiceStatusError(const QString &what, Status status);
    Status status() const { return m_status; }

private:
    Status m_status;
};

} // namespace invoice

// The test's Transcoding classes: PersonAsDict, SendMethodAsStr, StatusAsStr.
template<> struct es::Transcoding<invoice::Person>
{
    static constexpr std::string_view name = "person_as_dict";
    // Python's obj.__dict__: {"name": …, "address": …}.
    static void encode(es::json::Writer &w, const invoice::Person &p);
    // Python's Person(**data): exactly the keys name and address.
    static invoice::Person decode(const es::json::Node &data);
};

template<> struct es::Transcoding<invoice::SendMethod>
{
    static constexpr std::string_view name = "send_method_str";
    static void encode(es::json::Writer &w, invoice::SendMethod m);
    static invoice::SendMethod decode(const es::json::Node &data);
};

template<> struct es::Transcoding<invoice::Status>
{
    static constexpr std::string_view name = "status_str";
    static void encode(es::json::Writer &w, invoice::Status s);
    static invoice::Status decode(const es::json::Node &data);
};

namespace invoice {

class Invoice : public es::AggregateRoot<Invoice>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice";

    struct Initiated : es::CreatedEvent<Invoice, Initiated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice.Initiated";
        QString number;
        es::Decimal amount;
        Person issuedTo;
        static constexpr auto fields()
        {
            return es::fields(es::field("number", &Initiated::number),
                              es::field("amount", &Initiated::amount),
                              es::field("issued_to", &Initiated::issuedTo));
        }
        void apply(Invoice &i) const;
    };

    // The number's property setter.
    struct NumberUpdated : es::Event<Invoice, NumberUpdated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice.NumberUpdated";
        QString value;
        static constexpr auto fields() { return es::fields(es::field("value", &NumberUpdated::value)); }
        void apply(Invoice &i) const;
    };

    // The amount's property setter.
    struct AmountUpdated : es::Event<Invoice, AmountUpdated>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice.AmountUpdated";
        es::Decimal value;
        static constexpr auto fields() { return es::fields(es::field("value", &AmountUpdated::value)); }
        void apply(Invoice &i) const;
    };

    struct Issued : es::Event<Invoice, Issued>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice.Issued";
        QString issuedBy;
        static constexpr auto fields() { return es::fields(es::field("issued_by", &Issued::issuedBy)); }
        void apply(Invoice &i) const;
    };

    struct Sent : es::Event<Invoice, Sent>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.test_invoice:Invoice.Sent";
        SendMethod sentVia = SendMethod::Email;
        static constexpr auto fields() { return es::fields(es::field("sent_via", &Sent::sentVia)); }
        void apply(Invoice &i) const;
    };

    using Events = es::EventTypes<Initiated, NumberUpdated, AmountUpdated, Issued, Sent>;

    // Python's __dict__ order after _created_on and _modified_on; issued_by… exist only once
    // issue() or send() has set them.
    static constexpr auto stateFields()
    {
        return es::fields(es::field("_number", &Invoice::m_number), es::field("_amount", &Invoice::m_amount),
                          es::field("issued_to", &Invoice::m_issuedTo),
                          es::field("initiated_at", &Invoice::m_initiatedAt),
                          es::field("status", &Invoice::m_status),
                          es::field("issued_by", &Invoice::m_issuedBy, es::FieldOmitIfEmpty),
                          es::field("issued_on", &Invoice::m_issuedOn, es::FieldOmitIfEmpty),
                          es::field("sent_via", &Invoice::m_sentVia, es::FieldOmitIfEmpty),
                          es::field("sent_at", &Invoice::m_sentAt, es::FieldOmitIfEmpty));
    }

    // Python's Invoice(number=…, amount=…, issued_to=…): a new invoice (random id), INITIATED.
    static std::unique_ptr<Invoice> create(const QString &number, const es::Decimal &amount,
                                           const Person &issuedTo);

    const QString &number() const { return m_number; }
    // invoice.number = value; throws InvoiceStatusError unless INITIATED.
    void setNumber(const QString &value) { triggerEvent<NumberUpdated>(value); }
    const es::Decimal &amount() const { return m_amount; }
    // invoice.amount = value; throws InvoiceStatusError unless INITIATED.
    void setAmount(const es::Decimal &value) { triggerEvent<AmountUpdated>(value); }
    // Python's issue(issued_by): status ISSUED, issued_on = the event's timestamp.
    void issue(const QString &issuedBy) { triggerEvent<Issued>(issuedBy); }
    // Python's send(sent_via): status SENT, sent_at = the event's timestamp.
    void send(SendMethod sentVia) { triggerEvent<Sent>(sentVia); }

    const Person &issuedTo() const { return m_issuedTo; }
    const es::Timestamp &initiatedAt() const { return m_initiatedAt; }
    Status status() const { return m_status; }
    const std::optional<QString> &issuedBy() const { return m_issuedBy; }
    const std::optional<es::Timestamp> &issuedOn() const { return m_issuedOn; }
    const std::optional<SendMethod> &sentVia() const { return m_sentVia; }
    const std::optional<es::Timestamp> &sentAt() const { return m_sentAt; }

private:
    void checkInitiated(const char *what) const;

    QString m_number;
    es::Decimal m_amount;
    Person m_issuedTo;
    es::Timestamp m_initiatedAt;
    Status m_status = Status::Initiated;
    std::optional<QString> m_issuedBy;
    std::optional<es::Timestamp> m_issuedOn;
    std::optional<SendMethod> m_sentVia;
    std::optional<es::Timestamp> m_sentAt;
};

} // namespace invoice
