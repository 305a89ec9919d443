package org.civicsafety.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway is told from outside. Property names map one-to-one to environment
 * variables (civic.gateway.cases.urls = CIVIC_GATEWAY_CASES_URLS, ...), which is how the
 * platform script and Kubernetes configure it.
 */
@ConfigMapping(prefix = "civic.gateway")
public interface GatewayConfig {

    Upstream cases();

    Upstream grid();

    Upstream assessment();

    /** PEM file of the private key that signs the internal partner tokens (kid gateway-internal). */
    @WithName("signing-key")
    String signingKey();

    /** Lifetime of an internal partner token handed to the services. */
    @WithName("internal-token-ttl")
    @WithDefault("120s")
    Duration internalTokenTtl();

    /** Largest request body accepted; bigger bodies are refused with 413 before reaching a service. */
    @WithName("max-body-size")
    @WithDefault("12M")
    MemorySize maxBodySize();

    /**
     * Larger limits for named paths (exact match), e.g. the bulk area import, whose 50,000-area
     * GeoJSON is far above what any other request needs: {@code civic.gateway.large-bodies."/path"=200M}.
     */
    @WithName("large-bodies")
    Map<String, MemorySize> largeBodies();

    Breaker breaker();

    /** Rate limit groups by name; a request belongs to the group with the longest matching path prefix. */
    @WithName("rate-limits")
    Map<String, RateLimitGroup> rateLimits();

    /** Where the rate-limit buckets shared by all instances live (Redis at quarkus.redis.hosts). */
    @WithName("rate-limit-store")
    RateLimitStore rateLimitStore();

    Keys keys();

    OpenApi openapi();

    /** The notice paths the gateway composes from cases-service and grid-service (gateway.md "Composed paths"). */
    Notices notices();

    /** The staff console the gateway serves at /console/ (console.md): its sign-in. */
    Console console();

    /** Max-age of Strict-Transport-Security, sent on requests that arrived over https. */
    @WithName("hsts-max-age")
    @WithDefault("31536000s")
    Duration hstsMaxAge();

    interface Upstream {
        /** Base URLs of the instances (comma separated), load balanced round robin. */
        List<URI> urls();

        /** How long the gateway waits for the response headers once the request is sent. */
        @WithDefault("10s")
        Duration timeout();

        @WithName("connect-timeout")
        @WithDefault("2s")
        Duration connectTimeout();

        /** Connections per instance. */
        @WithName("pool-size")
        @WithDefault("50")
        int poolSize();
    }

    interface Breaker {
        /** Consecutive failures (connection refused, timeout) that open an instance's breaker. */
        @WithName("failure-threshold")
        @WithDefault("3")
        int failureThreshold();

        /** How long an open breaker refuses before one probe request is let through. */
        @WithName("open-duration")
        @WithDefault("5s")
        Duration openDuration();

        /**
         * How long a breaker opened by refused connections (nothing listening: an instance stopped or still
         * starting) refuses before the next probe; a new instance takes its share this soon after it listens.
         */
        @WithName("refused-open-duration")
        @WithDefault("500ms")
        Duration refusedOpenDuration();
    }

    interface RateLimitGroup {
        /** Path prefixes of the group (e.g. /api/v1/cases/track/). */
        List<String> paths();

        /** Only these methods count towards the group (all when absent). */
        Optional<List<String>> methods();

        /** Requests allowed per period per client. */
        int requests();

        @WithDefault("1m")
        Duration period();
    }

    interface RateLimitStore {
        /** Longest wait for the store's answer; after it the request is limited by this instance alone. */
        @WithDefault("75ms")
        Duration timeout();

        /** Prefix of the store's keys (one key per group and client), so several deployments can share a Redis. */
        @WithName("key-prefix")
        @WithDefault("civic:gateway:rate:")
        String keyPrefix();

        /** After the store failed, how long until one request probes it again (meanwhile: local limits). */
        @WithName("retry-interval")
        @WithDefault("1s")
        Duration retryInterval();

        /**
         * Most tokens of one client's shared bucket an instance takes from the store in one round trip,
         * then spends itself (see {@code LeasedBuckets}, which states the bounds); never more than 2 % of
         * the group's requests per period, and a group where that is under 4 (the tracking lookup's 10
         * a minute) is still decided request by request in the store. 1 asks the store for every request.
         */
        @WithName("max-lease")
        @WithDefault("32")
        int maxLease();

        /** How long tokens taken ahead stay usable on this instance; what is left then is dropped. */
        @WithName("lease-ttl")
        @WithDefault("2s")
        Duration leaseTtl();
    }

    interface Keys {
        /** Compacted Kafka topic holding the partner keys (hashed). */
        @WithDefault("civicsafety.gateway-keys.v1")
        String topic();

        @WithName("replication-factor")
        @WithDefault("1")
        short replicationFactor();

        /** The Redis hash (at quarkus.redis.hosts) holding each key's last use, shared by every instance. */
        @WithName("last-use-key")
        @WithDefault("civic:gateway:partner-keys:last-used")
        String lastUseKey();
    }

    interface Notices {
        /** How often the merged notice stream sends a {@code : keep-alive} comment. */
        @WithName("keep-alive")
        @WithDefault("15s")
        Duration keepAlive();

        /** First wait before a dropped service stream is opened again; doubled on each failure up to the maximum. */
        @WithName("reconnect-min")
        @WithDefault("1s")
        Duration reconnectMin();

        @WithName("reconnect-max")
        @WithDefault("30s")
        Duration reconnectMax();

        /**
         * A service stream silent this long (no event, no keep-alive comment; the services send one every
         * 15 s) is taken as dead and opened again.
         */
        @WithName("stream-idle-timeout")
        @WithDefault("60s")
        Duration streamIdleTimeout();

        /**
         * Service stream connections per instance: each open client stream holds one to each service, apart
         * from the pooled connections of ordinary requests.
         */
        @WithName("max-streams")
        @WithDefault("10000")
        int maxStreams();
    }

    interface Console {
        /**
         * The organisation's OpenID Connect provider (its issuer URL) the console signs staff in with (authorization
         * code + PKCE); without one only the development sign-in, where enabled, is offered.
         */
        @WithName("oidc-issuer")
        Optional<URI> oidcIssuer();

        /** The console's client id at that provider (a public client: no secret). */
        @WithName("oidc-client-id")
        Optional<String> oidcClientId();

        @WithName("oidc-scope")
        @WithDefault("openid profile")
        String oidcScope();

        /**
         * The incident map's background tiles, e.g. {@code https://tiles.county.example/{z}/{x}/{y}.png} (Leaflet's
         * URL template); without one the areas' polygons alone are the map (offline, as in tests).
         */
        @WithName("map-tile-url")
        Optional<String> mapTileUrl();

        /** The tiles' attribution (their licence usually requires it), shown in the map's corner. */
        @WithName("map-tile-attribution")
        Optional<String> mapTileAttribution();

        @WithName("dev-sign-in")
        DevSignIn devSignIn();
    }

    /**
     * The local platform's development sign-in: pick a demo user and get a token signed with the development identity
     * key. Never in production: a gateway in the production profile with it enabled refuses to start.
     */
    interface DevSignIn {
        @WithDefault("false")
        boolean enabled();

        /** PEM file of the development identity provider's private key (deploy/dev-keys/idp-private.pem). */
        @WithName("signing-key")
        Optional<String> signingKey();

        /** Lifetime of a development token. */
        @WithDefault("8h")
        Duration ttl();
    }

    interface OpenApi {
        /** How often the services' documents are fetched again. */
        @WithName("refresh-interval")
        @WithDefault("60s")
        Duration refreshInterval();
    }
}
