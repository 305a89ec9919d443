package org.civicsafety.gateway.routing;

import java.util.List;
import java.util.Optional;

/**
 * The routing table of the public surface: path prefix → upstream service. Paths are passed on
 * unchanged; a prefix matches the path itself, everything below it on segment boundaries, and its
 * format variants ({@code /api/v1/cases} matches {@code /api/v1/cases/1}, {@code /api/v1/incidents}
 * matches {@code /api/v1/incidents.geojson}; neither matches {@code /api/v1/casesx}).
 */
public final class RouteTable {

    public static final String CASES = "cases";
    public static final String GRID = "grid";
    public static final String ASSESSMENT = "assessment";

    record Route(String prefix, String upstream, String template) {

        Route(String prefix, String upstream) {
            this(prefix, upstream, prefix + "/*");
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("/api/v1/cases", CASES),
            new Route("/api/v1/calendar", CASES),
            new Route("/api/v1/areas", GRID),
            new Route("/api/v1/categories", GRID),
            new Route("/api/v1/incidents", GRID),
            new Route("/api/v1/routing-rules", GRID),
            new Route("/api/v1/units", GRID),
            new Route("/open311/v2", GRID),
            new Route("/api/v1/scores", ASSESSMENT),
            new Route("/api/v1/warnings", ASSESSMENT),
            new Route("/api/v1/surveys", ASSESSMENT),
            new Route("/api/v1/scoring-models", ASSESSMENT),
            new Route("/api/v1/risk-assessments", ASSESSMENT));

    private RouteTable() {}

    /** The upstream serving a request path (without query string), if any. */
    public static Optional<String> upstreamFor(String path) {
        for (Route route : ROUTES) {
            if (underPrefix(path, route.prefix())) {
                return Optional.of(route.upstream());
            }
        }
        return Optional.empty();
    }

    /**
     * The uri tag of a request's metrics: {@code prefix/*} for a path below a routed prefix (ids and
     * everything after them collapsed, so the tag stays bounded), else null (the path itself, as
     * Quarkus tags it). What the former {@code match-patterns} regexes ({@code prefix/.+ = prefix/*})
     * did, without running a dozen regexes per request.
     */
    public static String metricsTemplate(String path) {
        for (Route route : ROUTES) {
            String prefix = route.prefix();
            if (path.length() > prefix.length() + 1 && path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return route.template();
            }
        }
        return null;
    }

    /** True when {@code path} is {@code prefix} itself, lies below it, or is a format of it ({@code .geojson}). */
    public static boolean underPrefix(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '/' || next == '.';
    }
}
