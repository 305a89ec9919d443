package org.civicsafety.gateway.limits;

import org.civicsafety.gateway.routing.RouteTable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client rate limits by route group. A request belongs to the group with the longest path
 * prefix matching it (and its method, when the group names methods); each (group, client) pair
 * has its own bucket. These buckets are in this instance's memory: {@link SharedRateLimiter} uses
 * them only while the shared store is unavailable.
 */
public final class RateLimiter {

    /** One configured group. */
    public record Group(String name, List<String> prefixes, Set<String> methods, int requests, Duration period) {}

    /** 0 seconds when allowed, else how long the client should wait. */
    public record Decision(boolean allowed, long retryAfterSeconds, String group) {}

    private final List<Group> groups;
    private final LongSupplier clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(List<Group> groups, LongSupplier nanoClock) {
        this.groups = List.copyOf(groups);
        this.clock = nanoClock;
    }

    public Optional<Group> groupFor(String method, String path) {
        Group best = null;
        int bestLength = -1;
        for (Group group : groups) {
            if (!group.methods().isEmpty() && !group.methods().contains(method.toUpperCase(Locale.ROOT))) {
                continue;
            }
            for (String prefix : group.prefixes()) {
                boolean matches = prefix.equals("/") || RouteTable.underPrefix(path, prefix) || path.startsWith(prefix);
                if (matches && prefix.length() > bestLength) {
                    best = group;
                    bestLength = prefix.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public Decision check(String method, String path, String client) {
        Optional<Group> group = groupFor(method, path);
        if (group.isEmpty()) {
            return new Decision(true, 0, null);
        }
        Group g = group.get();
        long now = clock.getAsLong();
        TokenBucket bucket = buckets.computeIfAbsent(g.name() + '\u0000' + client,
                k -> new TokenBucket(g.requests(), g.period().toNanos(), now));
        long waitNanos = bucket.tryTake(now);
        if (waitNanos == 0) {
            return new Decision(true, 0, g.name());
        }
        return new Decision(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L), g.name());
    }

    /** Drops buckets that have filled up again, so memory stays bounded by the active clients. */
    public void evictIdle() {
        long now = clock.getAsLong();
        buckets.entrySet().removeIf(e -> e.getValue().idle(now));
    }

    int bucketCount() {
        return buckets.size();
    }
}
