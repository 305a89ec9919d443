package org.civicsafety.gateway.auth;

import io.vertx.core.http.HttpMethod;
import org.civicsafety.gateway.routing.RouteTable;

/** What anyone may call without logging in (spec: gateway.md "Public without login"). */
public final class PublicPaths {

    private PublicPaths() {}

    public static boolean isPublic(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return RouteTable.underPrefix(path, "/api/v1/categories")
                || (path.startsWith("/api/v1/cases/track/") && path.length() > "/api/v1/cases/track/".length())
                // Open311 reads: discovery, services, requests, tokens, servicerequestupdates
                || RouteTable.underPrefix(path, "/open311/v2");
    }

    /** Open311 writes where the GeoReport spec lets the client put its key in the form ({@code api_key}). */
    public static boolean isOpen311Write(HttpMethod method, String path) {
        return method == HttpMethod.POST
                && (path.startsWith("/open311/v2/requests.") || path.startsWith("/open311/v2/servicerequestupdates"));
    }
}
