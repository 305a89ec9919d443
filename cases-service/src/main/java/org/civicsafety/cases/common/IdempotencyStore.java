package org.civicsafety.cases.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency-Key records. Claiming inserts the (client, key) row in the create's own
 * transaction: a concurrent racer's insert blocks on the primary key until the first commits,
 * then reads its stored response — no Java locks, works across instances.
 */
@ApplicationScoped
public class IdempotencyStore {

    public record Stored(int status, String body) { }

    @Inject EntityManager em;

    /** Empty when this request owns the key; the earlier response when the same body was seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Stored> claim(String client, String key, String requestHash) {
        if (key.isEmpty() || key.length() > 128) {
            throw ApiException.badField("Idempotency-Key", "must be 1 to 128 characters");
        }
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_record (client, key, request_hash) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, client).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT request_hash, status, body FROM idempotency_record WHERE client = ?1 AND key = ?2 FOR UPDATE")
                .setParameter(1, client).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was used with a different request body", null);
        }
        return Optional.of(new Stored(((Number) row[1]).intValue(), (String) row[2]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String client, String key, int status, String body) {
        em.createNativeQuery("UPDATE idempotency_record SET status = ?3, body = ?4 WHERE client = ?1 AND key = ?2")
                .setParameter(1, client).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .executeUpdate();
    }

    /** Keys are kept for at least 24 h (conventions.md); older ones are dropped. */
    @io.quarkus.scheduler.Scheduled(every = "1h")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM idempotency_record WHERE created_at < now() - interval '48 hours'").executeUpdate();
    }

    public static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
