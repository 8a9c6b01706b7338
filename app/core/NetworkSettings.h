#pragma once

#include "ProxyConfig.h"

#include <QProcessEnvironment>

class QNetworkAccessManager;

// How a network manager for API calls reaches the network (docs/design.md, Network settings and
// packaging): through a proxy factory that never proxies loopback hosts (the simulator), uses an
// explicit proxy when one is configured, and otherwise the system configuration; on the command
// line the variables https_proxy, http_proxy, all_proxy and no_proxy come first, as for curl.
class NetworkSettings
{
public:
    // Replaces the manager's proxy factory. environment: the variables to honour (the command
    // line passes its own; the GUI passes an empty one and follows the desktop's settings).
    static void configure(QNetworkAccessManager& network, const ProxyConfig& config,
                          const QProcessEnvironment& environment = QProcessEnvironment());
};
