#include "exampletypes.h"

#include "es/inspect/knowntypes.h"

#ifdef ES_GUI_HAS_BANKACCOUNTS
#include "bankaccounts/application.h"
#endif
#ifdef ES_GUI_HAS_CARGOSHIPPING
#include "cargoshipping/application.h"
#endif
#ifdef ES_GUI_HAS_INVOICE
#include "invoice/application.h"
#endif
#ifdef ES_GUI_HAS_PARKINGLOT
#include "parkinglot/application.h"
#endif
#ifdef ES_GUI_HAS_WIKI
#include "wiki/application.h"
#endif
#ifdef ES_GUI_HAS_WORLDS
#include "worlds/worlds.h"
#endif

QStringList registerInspectorTypes(QString *error)
{
    static bool done = false;
    if (!done)
        try {
            done = true;
            using es::inspect::registerApplicationTypes;
#ifdef ES_GUI_HAS_BANKACCOUNTS
            registerApplicationTypes<bankaccounts::BankAccounts>(QStringLiteral("bankaccounts"));
#endif
#ifdef ES_GUI_HAS_CARGOSHIPPING
            registerApplicationTypes<cargoshipping::BookingApplication>(QStringLiteral("cargoshipping"));
#endif
#ifdef ES_GUI_HAS_INVOICE
            registerApplicationTypes<invoice::Invoices>(QStringLiteral("invoice"));
#endif
#ifdef ES_GUI_HAS_PARKINGLOT
            registerApplicationTypes<parkinglot::ParkingLot>(QStringLiteral("parkinglot"));
#endif
#ifdef ES_GUI_HAS_WIKI
            registerApplicationTypes<wiki::WikiApplication>(QStringLiteral("wiki"));
#endif
#ifdef ES_GUI_HAS_WORLDS
            registerApplicationTypes<worlds::WorldsApplication>(QStringLiteral("worlds"));
            registerApplicationTypes<worlds::Counters>(QStringLiteral("counters"));
#endif
        } catch (const std::exception &e) {
            // The inspector still opens stores; those types are then shown generically.
            if (error)
                *error = QString::fromUtf8(e.what());
        }
    return es::inspect::registeredTypeSources();
}
