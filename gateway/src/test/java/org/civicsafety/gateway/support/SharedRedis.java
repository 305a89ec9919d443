package org.civicsafety.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.UUID;

/**
 * Points the gateway under test at the shared Redis through a {@link RedisRelay} (so a test can
 * take the store away and give it back) and under a key prefix of this run's own, so runs and
 * the local platform's gateway, which use the same Redis, never share buckets.
 */
public class SharedRedis implements QuarkusTestResourceLifecycleManager {

    public static RedisRelay relay;
    public static String keyPrefix;
    private static Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        relay = new RedisRelay(vertx);
        relay.open();
        keyPrefix = "civic:gateway-test:" + UUID.randomUUID() + ":";
        return Map.of("quarkus.redis.hosts", relay.url(),
                "civic.gateway.rate-limit-store.key-prefix", keyPrefix);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
