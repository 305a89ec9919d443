package org.civicsafety.gateway.web;

import org.civicsafety.gateway.routing.RouteTable;

/** Paths the gateway serves itself rather than routing them to a service. */
public final class GatewayPaths {

    public static final String PARTNER_KEYS = "/api/v1/partner-keys";

    private GatewayPaths() {}

    public static boolean isOwnApi(String path) {
        return RouteTable.underPrefix(path, PARTNER_KEYS);
    }
}
