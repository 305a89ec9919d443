package org.civicsafety.cases.idempotency;

import io.vertx.core.http.HttpServerRequest;
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
import org.civicsafety.cases.common.ApiException;
import org.civicsafety.cases.common.CasesConfig;
import org.civicsafety.cases.common.ProblemType;
import org.civicsafety.cases.common.SqlRow;
import org.civicsafety.cases.privacy.EncryptedTable;
import org.civicsafety.cases.privacy.PersonalDataCipher;

/**
 * Idempotency-Key records. Claiming inserts the (client, key) row in the create's own
 * transaction: a concurrent racer's insert blocks on the primary key until the first commits,
 * then reads its stored response — no Java locks, works across instances. The stored response
 * is encrypted: a registration's 201 names the petitioner. SQL: the claim is an
 * {@code INSERT ... ON CONFLICT DO NOTHING}, which the ORM cannot express.
 */
@ApplicationScoped
public class IdempotencyStore implements EncryptedTable<IdempotencyStore.Key> {
    public static final String HEADER = "Idempotency-Key";

    public record Stored(int status, String body) {}

    /** The primary key, for the re-encryption job's walk through the table. */
    public record Key(String client, String key) {}

    /** The stored reply of a claimed key; {@code status} and {@code bodyEnc} are null until the first request completes. */
    record Claimed(String requestHash, Integer status, byte[] bodyEnc) {}

    record Body(String client, String key, byte[] bodyEnc) {}

    @Inject EntityManager em;
    @Inject PersonalDataCipher cipher;
    @Inject CasesConfig config;
    @Inject HttpServerRequest http;

    /**
     * The key a request carries, from its {@code Idempotency-Key} parameter: null without the header. The framework
     * hands an empty header over as none; it is a key here, so that {@link #claim} refuses it (400) as grid and
     * assessment do.
     */
    public String keyOf(String headerParam) {
        return headerParam == null && http.headers().contains(HEADER) ? "" : headerParam;
    }

    /** Empty when this request owns the key; the earlier response when the same body was seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Stored> claim(String client, String key, String requestHash) {
        if (key.isEmpty() || key.length() > 128) {
            throw ApiException.badField("Idempotency-Key", "idempotency-key.length", 128);
        }
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_record (client, key, request_hash) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, client).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Claimed row = SqlRow.first(em.createNativeQuery(
                "SELECT request_hash, status, body_enc FROM idempotency_record WHERE client = ?1 AND key = ?2 FOR UPDATE")
                .setParameter(1, client).setParameter(2, key),
                r -> new Claimed(r.string("request_hash"), r.nullableInt("status"), r.bytes("body_enc")));
        if (!requestHash.equals(row.requestHash())) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used with a different request body", null);
        }
        return Optional.of(new Stored(row.status(), cipher.decryptText(row.bodyEnc())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String client, String key, int status, String body) {
        em.createNativeQuery("UPDATE idempotency_record SET status = ?3, body_enc = ?4 WHERE client = ?1 AND key = ?2")
                .setParameter(1, client).setParameter(2, key).setParameter(3, status)
                .setParameter(4, cipher.encryptText(body)).executeUpdate();
    }

    /** Keys are kept for {@code cases.idempotency-retention}, at least 24 h (conventions.md); older ones are dropped. */
    @io.quarkus.scheduler.Scheduled(every = "1h")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM idempotency_record WHERE created_at < now() - ?1 * interval '1 second'")
                .setParameter(1, config.idempotencyRetention().toSeconds()).executeUpdate();
    }

    @Override
    public String name() {
        return "idempotency_record";
    }

    @Override
    public Key start() {
        return new Key("", "");
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch<Key> reencrypt(Key after, int limit) {
        List<Body> rows = SqlRow.list(em
                .createNativeQuery("""
                SELECT client, key, body_enc FROM idempotency_record
                WHERE (client, key) > (?1, ?2) AND body_enc IS NOT NULL AND %s
                ORDER BY client, key LIMIT ?4 FOR UPDATE SKIP LOCKED"""
                        .formatted(EncryptedTable.onOldKey("body_enc", 3)))
                .setParameter(1, after.client()).setParameter(2, after.key()).setParameter(3, cipher.currentHeader())
                .setParameter(4, limit),
                r -> new Body(r.string("client"), r.string("key"), r.bytes("body_enc")));
        return EncryptedTable.rewriteEach(rows, limit, r -> new Key(r.client(), r.key()),
                r -> em.createNativeQuery("UPDATE idempotency_record SET body_enc = ?3 WHERE client = ?1 AND key = ?2")
                        .setParameter(1, r.client()).setParameter(2, r.key())
                        .setParameter(3, cipher.reencrypt(r.bodyEnc()))
                        .executeUpdate());
    }

    @Override
    @Transactional
    public long rowsOnOldKeys() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM idempotency_record WHERE body_enc IS NOT NULL AND "
                + EncryptedTable.onOldKey("body_enc", 1)).setParameter(1, cipher.currentHeader()).getSingleResult())
                .longValue();
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
