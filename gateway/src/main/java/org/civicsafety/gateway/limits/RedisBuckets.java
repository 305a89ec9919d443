package org.civicsafety.gateway.limits;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;

/**
 * The rate-limit state every gateway instance shares: one Redis key per (group, client) updated
 * atomically by a Lua script, so N instances together admit the configured rate, not N times it.
 */
final class RedisBuckets {

    /**
     * GCRA, the token bucket written as one number: the key holds the "theoretical arrival time"
     * (TAT, µs) of the next request. Each admitted request moves it on by period/requests; a
     * request is refused while TAT would run more than a whole period ahead of now, which admits
     * {@code requests} at once and then one every period/requests — the in-memory TokenBucket's
     * behaviour. Redis' own clock is used so instances with skewed clocks still agree. The key
     * expires when TAT is reached, i.e. when the bucket would be full again, so an idle client
     * costs nothing. Takes up to ARGV[3] requests' worth at once (as many as fit, at least one, or
     * none): a lease an instance then spends itself ({@link LeasedBuckets}); one at a time it is
     * exactly the per-request decision. Returns {granted, µs to wait when none is}.
     */
    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local wanted = tonumber(ARGV[3])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local fit = math.floor((now + period - tat) / interval)
            if fit < 1 then return {0, tat + interval - period - now} end
            local granted = math.min(wanted, fit)
            local next_tat = tat + granted * interval
            redis.call('SET', KEYS[1], next_tat, 'PX', math.ceil((next_tat - now) / 1000))
            return {granted, 0}
            """;

    private static final String SHA = sha1(SCRIPT);

    /** What the shared store decided: how many requests it granted (0: refused, for waitMicros). */
    record Verdict(int granted, long waitMicros) {

        boolean allowed() {
            return granted > 0;
        }
    }

    private final Vertx vertx;
    private final Redis redis;
    private final String keyPrefix;
    private final long timeoutMillis;

    RedisBuckets(Vertx vertx, Redis redis, String keyPrefix, Duration timeout) {
        this.vertx = vertx;
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    Vertx vertx() {
        return vertx;
    }

    /** Takes one request from the client's bucket of the group; fails when Redis does not answer within the timeout. */
    Future<Verdict> take(RateLimiter.Group group, String client) {
        return take(group, client, 1);
    }

    /**
     * Takes up to {@code wanted} requests from the client's bucket of the group, as many as it has
     * (at least one, or none and how long until one); fails when Redis does not answer within the
     * timeout.
     */
    Future<Verdict> take(RateLimiter.Group group, String client, int wanted) {
        long periodMicros = group.period().toNanos() / 1000;
        // rounded down, so `requests` fit into one period even when it does not divide evenly
        long intervalMicros = Math.max(1, periodMicros / group.requests());
        String key = keyPrefix + group.name() + ':' + client;
        int count = Math.max(1, wanted);
        return timed(redis.send(script(Command.EVALSHA, SHA, key, intervalMicros, periodMicros, count))
                // a Redis that restarted (or never saw the script) has lost its script cache
                .recover(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")
                        ? redis.send(script(Command.EVAL, SCRIPT, key, intervalMicros, periodMicros, count))
                        : Future.failedFuture(e)))
                .map(reply -> new Verdict(reply.get(0).toInteger(), reply.get(1).toLong()));
    }

    /** Succeeds when Redis answers within the timeout. */
    Future<Void> ping() {
        return timed(redis.send(Request.cmd(Command.PING))).mapEmpty();
    }

    /**
     * The reply, or a failure once the timeout has passed; delivered on the caller's context (the
     * request's event loop), not on the Redis connection's.
     */
    private Future<Response> timed(Future<Response> reply) {
        Promise<Response> timed = ((ContextInternal) vertx.getOrCreateContext()).promise();
        long timer = vertx.setTimer(timeoutMillis, id -> timed.tryFail(
                new TimeoutException("rate-limit store did not answer within " + timeoutMillis + " ms")));
        reply.onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
                timed.tryComplete(result.result());
            } else {
                timed.tryFail(result.cause());
            }
        });
        return timed.future();
    }

    private static Request script(Command command, String script, String key, long intervalMicros, long periodMicros,
            int wanted) {
        return Request.cmd(command).arg(script).arg(1).arg(key).arg(intervalMicros).arg(periodMicros).arg(wanted);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
