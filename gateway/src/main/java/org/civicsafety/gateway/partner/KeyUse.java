package org.civicsafety.gateway.partner;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each partner key was last used, to the minute (gateway.md: an admin sees a key's last use), kept in the Redis
 * every gateway instance shares, so a use through any instance counts. An instance writes a key's use at most once a
 * minute, without waiting for the answer; when Redis is unavailable the uses are not recorded and read as unknown,
 * and requests go on as before.
 */
@ApplicationScoped
public class KeyUse {

    private static final Logger LOG = Logger.getLogger(KeyUse.class);
    /** How precisely a use is recorded: a busy partner's key costs one Redis write a minute per instance. */
    static final long RESOLUTION_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Longest wait for the uses of a page of keys, an admin's list; after it they are shown as unknown. */
    private static final long READ_TIMEOUT_MILLIS = 500;

    @Inject Redis redis;

    @Inject GatewayConfig config;

    /** The minute of the last use this instance wrote, per key id. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    /** Records that a request came with the key now (at most one write per key and minute). */
    public void used(String keyId, Instant at) {
        long minute = at.toEpochMilli() / RESOLUTION_MILLIS;
        Long before = written.put(keyId, minute);
        if (before != null && before == minute) {
            return;
        }
        redis.send(Request.cmd(Command.HSET).arg(config.keys().lastUseKey()).arg(keyId).arg(at.toEpochMilli()))
                .onFailure(e -> {
                    // not recorded: the next request with the key tries again
                    written.remove(keyId, minute);
                    LOG.debugf("the last use of partner key %s was not recorded: %s", keyId, e.getMessage());
                });
    }

    /** The last use of each of the keys that has one; empty when the shared store does not answer in time. */
    public Map<String, Instant> lastUsed(List<String> keyIds) {
        Map<String, Instant> uses = new HashMap<>();
        if (keyIds.isEmpty()) {
            return uses;
        }
        Request hmget = Request.cmd(Command.HMGET).arg(config.keys().lastUseKey());
        keyIds.forEach(hmget::arg);
        try {
            Response reply = redis.send(hmget).toCompletionStage().toCompletableFuture()
                    .get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            for (int i = 0; i < keyIds.size(); i++) {
                Response at = reply.get(i);
                if (at != null) {
                    uses.put(keyIds.get(i), Instant.ofEpochMilli(at.toLong()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("the last uses of partner keys are unknown: %s", e.getMessage());
        }
        return uses;
    }
}
