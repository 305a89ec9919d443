package org.civicsafety.cases.directory;

import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The dedupe half of applying a directory batch, the same for every directory. */
public final class Upserts {

    private Upserts() {}

    /**
     * Records the batch's ce_ids in {@code consumed_event} (in the caller's transaction) and returns the upserts not
     * applied before, only the newest version per key.
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> freshNewestPerKey(EntityManager em, List<Directory.Received<E>> batch,
            Function<E, String> key, ToLongFunction<E> version) {
        // SQL: one statement per batch (arrays unnested); ON CONFLICT makes the ce_id check atomic.
        Set<String> fresh = new HashSet<>(em.createNativeQuery("""
                INSERT INTO consumed_event (ce_id) SELECT unnest(CAST(?1 AS text[])) ON CONFLICT DO NOTHING
                RETURNING ce_id""", String.class)
                .setParameter(1, batch.stream().map(Directory.Received::ceId).toArray(String[]::new))
                .getResultList());
        Map<String, E> newest = new LinkedHashMap<>();
        for (Directory.Received<E> r : batch) {
            if (fresh.contains(r.ceId())) {
                newest.merge(key.apply(r.event()), r.event(),
                        (a, b) -> version.applyAsLong(b) >= version.applyAsLong(a) ? b : a);
            }
        }
        return List.copyOf(newest.values());
    }
}
