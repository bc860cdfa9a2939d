// The example applications esctl is linked with (cli/CMakeLists.txt links every esexample_* target
// and defines ESCTL_HAS_<NAME> for it), registered so that their aggregates can be rebuilt and their
// custom transcodings are known. A new example adds its application classes here.
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
    using es::inspect::registerApplicationTypes;
#ifdef ESCTL_HAS_BANKACCOUNTS
    registerApplicationTypes<bankaccounts::BankAccounts>(QStringLiteral("bankaccounts"));
#endif
#ifdef ESCTL_HAS_CARGOSHIPPING
    registerApplicationTypes<cargoshipping::BookingApplication>(QStringLiteral("cargoshipping"));
#endif
#ifdef ESCTL_HAS_INVOICE
    registerApplicationTypes<invoice::Invoices>(QStringLiteral("invoice"));
#endif
#ifdef ESCTL_HAS_PARKINGLOT
    registerApplicationTypes<parkinglot::ParkingLot>(QStringLiteral("parkinglot"));
#endif
#ifdef ESCTL_HAS_WIKI
    registerApplicationTypes<wiki::WikiApplication>(QStringLiteral("wiki"));
#endif
#ifdef ESCTL_HAS_WORLDS
    registerApplicationTypes<worlds::WorldsApplication>(QStringLiteral("worlds"));
    registerApplicationTypes<worlds::Counters>(QStringLiteral("counters"));
#endif
}

} // namespace esctl
