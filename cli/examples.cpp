// The example applications esctl is linked with (cli/CMakeLists.txt links every esexample_* target
// and defines ESCTL_HAS_<NAME> for it), registered so that their aggregates can be rebuilt and their
// custom transcodings are known. A new example adds its application classes here.
#include "esctl.h"

#include "es/inspect/knowntypes.h"

#ifdef ESCTL_HAS_BANKACCOUNTS
#include "bankaccounts/application.h"
#endif
#ifdef ESCTL_HAS_CARGOSHIPPING
#include "cargoshipping/application.h"
#endif
#ifdef ESCTL_HAS_INVOICE
#include "invoice/application.h"
#endif
#ifdef ESCTL_HAS_PARKINGLOT
#include "parkinglot/application.h"
#endif
#ifdef ESCTL_HAS_WIKI
#include "wiki/application.h"
#endif
#ifdef ESCTL_HAS_WORLDS
#include "worlds/worlds.h"
#endif

namespace esctl {

void registerExampleTypes();

void registerExampleTypes()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    // One example that cannot register (a topic two classes claim, say) must not take the others,
    // or esctl, down with it: it is reported and its types stay unknown.
    auto add = [](const QString &name, void (*registrar)(const QString &)) {
        try {
            registrar(name);
        } catch (const std::exception &e) {
            Context::note(QStringLiteral("warning: the types of example '%1' are not available: %2")
                              .arg(name, QString::fromUtf8(e.what())));
        }
    };
    (void)add; // with no example linked
    using es::inspect::registerApplicationTypes;
#ifdef ESCTL_HAS_BANKACCOUNTS
    add(QStringLiteral("bankaccounts"), &registerApplicationTypes<bankaccounts::BankAccounts>);
#endif
#ifdef ESCTL_HAS_CARGOSHIPPING
    add(QStringLiteral("cargoshipping"), &registerApplicationTypes<cargoshipping::BookingApplication>);
#endif
#ifdef ESCTL_HAS_INVOICE
    add(QStringLiteral("invoice"), &registerApplicationTypes<invoice::Invoices>);
#endif
#ifdef ESCTL_HAS_PARKINGLOT
    add(QStringLiteral("parkinglot"), &registerApplicationTypes<parkinglot::ParkingLot>);
#endif
#ifdef ESCTL_HAS_WIKI
    add(QStringLiteral("wiki"), &registerApplicationTypes<wiki::WikiApplication>);
#endif
#ifdef ESCTL_HAS_WORLDS
    add(QStringLiteral("worlds"), &registerApplicationTypes<worlds::WorldsApplication>);
    add(QStringLiteral("counters"), &registerApplicationTypes<worlds::Counters>);
#endif
}

} // namespace esctl
