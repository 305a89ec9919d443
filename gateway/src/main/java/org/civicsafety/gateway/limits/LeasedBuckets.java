package org.civicsafety.gateway.limits;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The shared buckets ({@link RedisBuckets}) with a busy client's tokens taken a few at a time: asking
 * the store on every request cost a round trip to Redis per request (its encoding, two system calls
 * and a thread hop in the gateway, and the script in Redis) — the larger part of what the gateway
 * spent on a proxied request. Instead an instance takes a lease of up to {@code maxLease} tokens of
 * a (group, client) bucket in one round trip and admits that client's next requests from it; what is
 * not spent within {@code ttl} is dropped (it stays spent in the store).
 * <p>
 * The store still decides every token: an instance admits only tokens the store granted, so N
 * instances together admit no more than the configured rate, except that a token granted before a
 * window may be spent in it: in any window of the period's length a client gets at most
 * {@code ttl × requests / period} more than the store alone would admit (40 for 1200 a minute with
 * the 2 s ttl), and no more than N × maxLease. In the other direction a client close to its limit can
 * be refused while up to N × (lease − 1) of its tokens sit unspent in other instances' leases, for at
 * most {@code ttl}. A lease starts at one token and doubles only while the client spends each one
 * within its ttl; one that expires unspent makes the next as large as what was spent of it, so an
 * occasional client is charged about what it uses. Tight limits are not leased: the lease is capped
 * at 2 % of the group's requests per period, and a group where that is under 4 tokens is decided
 * request by request in the store, exactly as without leases — the tracking lookup (10 a minute) and
 * the Open311 writes (120 a minute) among them.
 * <p>
 * A refusal is remembered until the store said a token will be free: the bucket's TAT only moves
 * forward, so the store would refuse every request before then too (and a flood of refused
 * requests no longer reaches Redis). Requests that arrive while a lease is on its way wait for it
 * rather than each asking the store.
 */
final class LeasedBuckets {

    /** A decision, and whether the store was asked for it (false: decided from what this instance held). */
    record Answer(RedisBuckets.Verdict verdict, boolean asked) {}

    private static final RedisBuckets.Verdict ONE = new RedisBuckets.Verdict(1, 0);
    private static final Answer HELD_TOKEN = new Answer(ONE, false);
    private static final Answer GRANTED = new Answer(ONE, true);

    private final Vertx vertx;
    private final RedisBuckets store;
    private final Runnable onRoundTrip;
    private final LongSupplier clock;
    private final int maxLease;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    LeasedBuckets(RedisBuckets store, int maxLease, Duration ttl, LongSupplier nanoClock, Runnable onRoundTrip) {
        this.vertx = store.vertx();
        this.store = store;
        this.onRoundTrip = onRoundTrip;
        this.maxLease = Math.max(1, maxLease);
        this.ttlNanos = Math.max(1, ttl.toNanos());
        this.clock = nanoClock;
    }

    /**
     * The largest lease of a group: 2 % of its requests per period, at most maxLease; a group where
     * that is under 4 is not leased at all (1: every request asks the store).
     */
    int leaseCap(RateLimiter.Group group) {
        int cap = Math.min(maxLease, group.requests() / 50);
        return cap < 4 ? 1 : cap;
    }

    /** One (group, client) bucket as this instance sees it; guarded by its own monitor. */
    private static final class Lease {
        final RateLimiter.Group group;
        final String client;
        final int cap;
        /** Tokens granted and not yet spent, usable until expiresAt. */
        int tokens;
        long expiresAt;
        /** Size of the last lease granted, and of the next one asked for. */
        int lastGranted;
        int nextSize = 1;
        /** The store refused; no token is free in it before this. */
        long refusedUntil;
        boolean refusedSet;
        boolean fetching;
        final ArrayDeque<Promise<Answer>> waiting = new ArrayDeque<>(4);

        Lease(RateLimiter.Group group, String client, int cap) {
            this.group = group;
            this.client = client;
            this.cap = cap;
        }
    }

    /**
     * Decides from what this instance already holds: a leased token (allowed) or a remembered refusal;
     * null when only the store can tell. Never asks the store.
     */
    Answer takeHeld(RateLimiter.Group group, String client) {
        Lease lease = leases.get(key(group, client));
        if (lease == null) {
            return null;
        }
        long now = clock.getAsLong();
        synchronized (lease) {
            return held(lease, now);
        }
    }

    /** Takes one token of the client's bucket: from the lease held here, else from a new lease. */
    Future<Answer> take(RateLimiter.Group group, String client) {
        String key = key(group, client);
        Lease lease = leases.get(key);
        if (lease == null) {
            lease = leases.computeIfAbsent(key, k -> new Lease(group, client, leaseCap(group)));
        }
        long now = clock.getAsLong();
        Promise<Answer> promise;
        int ask = 0;
        synchronized (lease) {
            Answer held = held(lease, now);
            if (held != null) {
                return Future.succeededFuture(held);
            }
            promise = ((ContextInternal) vertx.getOrCreateContext()).promise();
            lease.waiting.add(promise);
            if (!lease.fetching) {
                lease.fetching = true;
                ask = sizeOfNext(lease, now);
            }
        }
        if (ask > 0) {
            fetch(lease, ask);
        }
        return promise.future();
    }

    /** What the lease alone decides (caller holds its monitor). */
    private Answer held(Lease lease, long now) {
        if (lease.tokens > 0 && now - lease.expiresAt < 0) {
            lease.tokens--;
            return HELD_TOKEN;
        }
        if (lease.refusedSet) {
            long wait = lease.refusedUntil - now;
            if (wait > 0) {
                return new Answer(new RedisBuckets.Verdict(0, Math.max(1, wait / 1000)), false);
            }
            lease.refusedSet = false;
        }
        return null;
    }

    /** The size of the lease to ask for now (caller holds the monitor): the slow start described above. */
    private int sizeOfNext(Lease lease, long now) {
        if (lease.tokens > 0) {
            // the last lease ran out of time before it was spent: ask for what the client spent in a ttl
            lease.nextSize = Math.max(1, lease.lastGranted - lease.tokens);
        } else if (lease.lastGranted > 0 && now - lease.expiresAt < 0) {
            // spent within its ttl: ask for more at once
            lease.nextSize = Math.min(lease.cap, Math.max(lease.nextSize, lease.lastGranted * 2));
        }
        lease.tokens = 0;
        return Math.min(lease.cap, Math.max(lease.nextSize, lease.waiting.size()));
    }

    private void fetch(Lease lease, int ask) {
        onRoundTrip.run();
        store.take(lease.group, lease.client, ask).onComplete(result -> {
            List<Promise<Answer>> served = new ArrayList<>();
            RedisBuckets.Verdict refusal = null;
            int again = 0;
            synchronized (lease) {
                long now = clock.getAsLong();
                if (result.failed() || !result.result().allowed()) {
                    if (result.succeeded()) {
                        refusal = result.result();
                        lease.refusedUntil = now + refusal.waitMicros() * 1000;
                        lease.refusedSet = true;
                    }
                    lease.nextSize = 1;
                    lease.lastGranted = 0;
                    lease.fetching = false;
                    served.addAll(lease.waiting);
                    lease.waiting.clear();
                } else {
                    int granted = result.result().granted();
                    lease.tokens = granted;
                    lease.lastGranted = granted;
                    lease.expiresAt = now + ttlNanos;
                    while (lease.tokens > 0 && !lease.waiting.isEmpty()) {
                        served.add(lease.waiting.poll());
                        lease.tokens--;
                    }
                    // requests that joined while this lease was on its way and did not fit in it ask again;
                    // if the bucket ran dry they are refused with the wait the store tells then
                    lease.fetching = !lease.waiting.isEmpty();
                    if (lease.fetching) {
                        again = Math.min(lease.cap, Math.max(lease.nextSize, lease.waiting.size()));
                    }
                }
            }
            Answer answer = refusal != null ? new Answer(refusal, true) : GRANTED;
            for (Promise<Answer> promise : served) {
                if (result.failed()) {
                    promise.tryFail(result.cause());
                } else {
                    promise.tryComplete(answer);
                }
            }
            if (again > 0) {
                fetch(lease, again);
            }
        });
    }

    /** Forgets the leases that hold nothing any more, so memory stays bounded by the active clients. */
    void evictIdle() {
        long now = clock.getAsLong();
        leases.values().removeIf(lease -> {
            synchronized (lease) {
                boolean holds = lease.tokens > 0 && now - lease.expiresAt < 0;
                boolean refuses = lease.refusedSet && lease.refusedUntil - now > 0;
                return !holds && !refuses && !lease.fetching && lease.waiting.isEmpty();
            }
        });
    }

    int size() {
        return leases.size();
    }

    private static String key(RateLimiter.Group group, String client) {
        return group.name() + '\u0000' + client;
    }
}
