package org.civicsafety.gateway.auth;

import io.vertx.core.http.HttpMethod;
import org.civicsafety.gateway.routing.RouteTable;

/** What anyone may call without logging in (spec: gateway.md "Public without login"). */
public final class PublicPaths {

    /** The public lookup of a case's tracking code. */
    public static final String TRACKING = "/api/v1/cases/track/";
    /** The verification page of a written notice (notices.md "Statutory notices are documents"), by its code. */
    public static final String WRITTEN_NOTICE_VERIFICATION = "/api/v1/cases/written-notices/verify/";
    /** A mediation party's tracking code (mediation.md: parties follow their mediation like petitioners). */
    public static final String MEDIATION_TRACKING = "/api/v1/mediations/track/";
    /** The published reception days (mediation.md: citizens see what is coming, without any booking data). */
    public static final String RECEPTION_DAYS = "/api/v1/reception-days";

    private PublicPaths() {}

    public static boolean isPublic(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return RouteTable.underPrefix(path, "/api/v1/categories")
                || codeLookup(path, TRACKING) || codeLookup(path, WRITTEN_NOTICE_VERIFICATION)
                || codeLookup(path, MEDIATION_TRACKING) || receptionDays(path)
                // Open311 reads: discovery, services, requests, tokens, servicerequestupdates
                || RouteTable.underPrefix(path, "/open311/v2");
    }

    /** {@code prefix} followed by a code: one segment, so that nothing below the lookup becomes public with it. */
    private static boolean codeLookup(String path, String prefix) {
        return path.length() > prefix.length() && path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
    }

    /** The list and one day; the statistics and everything below a day (bookings, records) need a login. */
    private static boolean receptionDays(String path) {
        return path.equals(RECEPTION_DAYS)
                || codeLookup(path, RECEPTION_DAYS + "/") && !path.equals(RECEPTION_DAYS + "/stats");
    }

    /** Open311 writes where the GeoReport spec lets the client put its key in the form ({@code api_key}). */
    public static boolean isOpen311Write(HttpMethod method, String path) {
        return method == HttpMethod.POST
                && (path.startsWith("/open311/v2/requests.") || path.startsWith("/open311/v2/servicerequestupdates"));
    }
}
