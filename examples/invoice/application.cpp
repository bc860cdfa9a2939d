#include "invoice/application.h"

#include "es/uuid.h"

namespace invoice {

InvoiceNotFoundError::InvoiceNotFoundError(const QUuid &invoiceId)
    : EventSourcingError(QStringLiteral("invoice %1 not found").arg(es::uuid::toDashed(invoiceId))),
      m_invoiceId(invoiceId)
{ }

Invoices::Invoices(const es::EnvMap &env) : Application(QString::fromUtf8(NAME), env) { }

es::EnvMap Invoices::defaultEnvironment() const
{
    return {{QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("y")}};
}

void Invoices::registerTypes()
{
    es::registerAggregate<Invoice>();
}

void Invoices::registerTranscodings(es::JSONTranscoder &transcoder)
{
    transcoder.registerTranscoding<Person>();
    transcoder.registerTranscoding<SendMethod>();
    transcoder.registerTranscoding<Status>();
}

QUuid Invoices::createInvoice(const QString &number, const es::Decimal &amount, const Person &issuedTo)
{
    auto invoice = Invoice::create(number, amount, issuedTo);
    save(*invoice);
    return invoice->id();
}

std::unique_ptr<Invoice> Invoices::getInvoice(const QUuid &invoiceId)
{
    try {
        return repository().get<Invoice>(invoiceId);
    } catch (const es::AggregateNotFound &) {
        throw InvoiceNotFoundError(invoiceId);
    }
}

void Invoices::setNumber(const QUuid &invoiceId, const QString &number)
{
    auto invoice = getInvoice(invoiceId);
    invoice->setNumber(number);
    save(*invoice);
}

void Invoices::setAmount(const QUuid &invoiceId, const es::Decimal &amount)
{
    auto invoice = getInvoice(invoiceId);
    invoice->setAmount(amount);
    save(*invoice);
}

void Invoices::issue(const QUuid &invoiceId, const QString &issuedBy)
{
    auto invoice = getInvoice(invoiceId);
    invoice->issue(issuedBy);
    save(*invoice);
}

void Invoices::send(const QUuid &invoiceId, SendMethod sentVia)
{
    auto invoice = getInvoice(invoiceId);
    invoice->send(sentVia);
    save(*invoice);
}

} // namespace invoice
