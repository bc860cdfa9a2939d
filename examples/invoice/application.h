#pragma once
// An application for the Invoice of Python's test_invoice.py. The Python test uses a plain
// Application with IS_SNAPSHOTTING_ENABLED=y and registers the three transcodings on its mapper;
// Invoices (name "Invoices") does the same (snapshotting is on unless the environment says
// otherwise) and adds the commands the test performs on the aggregate.
//
// Thread-safe as es::Application is; concurrent changes to one invoice make the later save fail
// with es::IntegrityError, changing nothing.

#include "invoice/domainmodel.h"

#include "es/application.h"

namespace invoice {

// No invoice has this id.
class InvoiceNotFoundError : public es::EventSourcingError
{
public:
    explicit InvoiceNotFoundError(const QUuid &invoiceId);
    const QUuid &invoiceId() const { return m_invoiceId; }

private:
    QUuid m_invoiceId;
};

class Invoices : public es::Application
{
public:
    static constexpr const char *NAME = "Invoices";
    explicit Invoices(const es::EnvMap &env = {});

    // A new INITIATED invoice; returns its id.
    QUuid createInvoice(const QString &number, const es::Decimal &amount, const Person &issuedTo);
    // The invoice as it is now (caller owns it). Throws InvoiceNotFoundError.
    std::unique_ptr<Invoice> getInvoice(const QUuid &invoiceId);
    // Throw InvoiceStatusError unless the invoice is INITIATED (nothing is saved then).
    void setNumber(const QUuid &invoiceId, const QString &number);
    void setAmount(const QUuid &invoiceId, const es::Decimal &amount);
    void issue(const QUuid &invoiceId, const QString &issuedBy);
    void send(const QUuid &invoiceId, SendMethod sentVia);

protected:
    es::EnvMap defaultEnvironment() const override;
    void registerTypes() override;
    void registerTranscodings(es::JSONTranscoder &transcoder) override;
};

} // namespace invoice
