package org.civicsafety.gateway.notices;

import io.vertx.core.http.HttpMethod;
import org.civicsafety.gateway.routing.RouteTable;

import java.util.Optional;
import java.util.Set;

/**
 * The notice paths the gateway answers itself by asking both owners (gateway.md "Composed paths"), and
 * which of them is which.
 */
public final class NoticePaths {

    public static final String MY_NOTICES = "/api/v1/me/notices";
    public static final String MY_STREAM = MY_NOTICES + "/stream";
    public static final String PREFERENCES = "/api/v1/me/notice-preferences";
    public static final String DELIVERY_LOG = "/api/v1/notices";
    private static final String READ = "/read";
    private static final String READ_TEMPLATE = MY_NOTICES + "/{id}" + READ;

    /** The operations behind the composed paths. */
    public enum Endpoint {
        MY_LIST(Set.of(HttpMethod.GET)),
        DELIVERY_LOG(Set.of(HttpMethod.GET)),
        STREAM(Set.of(HttpMethod.GET)),
        READ(Set.of(HttpMethod.POST)),
        PREFERENCES(Set.of(HttpMethod.GET, HttpMethod.PUT));

        private final Set<HttpMethod> methods;

        Endpoint(Set<HttpMethod> methods) {
            this.methods = methods;
        }

        public Set<HttpMethod> methods() {
            return methods;
        }
    }

    private NoticePaths() {}

    /** True for every path below the composed prefixes: the gateway answers them, known or not. */
    public static boolean isComposed(String path) {
        return RouteTable.underPrefix(path, MY_NOTICES) || RouteTable.underPrefix(path, PREFERENCES)
                || RouteTable.underPrefix(path, DELIVERY_LOG);
    }

    public static Optional<Endpoint> endpoint(String path) {
        return Optional.ofNullable(switch (path) {
            case MY_NOTICES -> Endpoint.MY_LIST;
            case MY_STREAM -> Endpoint.STREAM;
            case PREFERENCES -> Endpoint.PREFERENCES;
            case DELIVERY_LOG -> Endpoint.DELIVERY_LOG;
            default -> noticeId(path).isPresent() ? Endpoint.READ : null;
        });
    }

    /** The id in {@code /api/v1/me/notices/{id}/read}. */
    public static Optional<String> noticeId(String path) {
        int start = MY_NOTICES.length() + 1;
        if (!path.startsWith(MY_NOTICES + "/") || !path.endsWith(READ) || path.length() <= start + READ.length()) {
            return Optional.empty();
        }
        String id = path.substring(start, path.length() - READ.length());
        return id.indexOf('/') >= 0 ? Optional.empty() : Optional.of(id);
    }

    /**
     * A path template of a service's OpenAPI document the gateway serves as a composed operation (any name
     * for the notice id's parameter).
     */
    public static boolean isComposedTemplate(String template) {
        return template.equals(MY_NOTICES) || template.equals(MY_STREAM) || template.equals(PREFERENCES)
                || template.equals(DELIVERY_LOG) || template.replaceAll("\\{[^/}]+}", "{id}").equals(READ_TEMPLATE);
    }

    /** The uri tag of a composed request's metrics: the read's notice id collapsed, unknown paths as one. */
    public static String metricsTemplate(String path) {
        return endpoint(path).map(e -> e == Endpoint.READ ? READ_TEMPLATE : path).orElse(null);
    }
}
