package org.civicsafety.gateway.web;

import org.civicsafety.gateway.routing.RouteTable;

/** Paths the gateway serves itself rather than routing them to a service. */
public final class GatewayPaths {

    public static final String PARTNER_KEYS = "/api/v1/partner-keys";
    /** The pages behind the problem type URIs: public, static, served by the gateway itself. */
    public static final String PROBLEMS = "/problems";
    /** The staff console: static assets, its configuration and (locally) its development sign-in. */
    public static final String CONSOLE = "/console";

    private GatewayPaths() {}

    public static boolean isOwnApi(String path) {
        return RouteTable.underPrefix(path, PARTNER_KEYS);
    }

    public static boolean isConsole(String path) {
        return RouteTable.underPrefix(path, CONSOLE);
    }

    public static boolean isProblemPage(String path) {
        return RouteTable.underPrefix(path, PROBLEMS);
    }
}
