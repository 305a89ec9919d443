package org.civicsafety.grid.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.privacy.EncryptedTable;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Idempotency-Key for creates. The key row is inserted in the same transaction as the creation; a
 * concurrent request with the same key blocks on that row (primary key) until the first commits and
 * then reads its stored response, so racing retries never create twice. The request hash covers the operation
 * (method and path) as well as the body, as in cases-service: the same key on another endpoint is a 422, not a
 * replay of that endpoint's reply.
 * <p>
 * A stored reply can hold personal data (a report's reporter, an Open311 account_id), and the request hash is
 * derived from it, so both are stored encrypted ({@link PersonalDataCipher}); a replay decrypts the exact bytes.
 */
@ApplicationScoped
public class Idempotency implements EncryptedTable {
    /** The conventions keep keys at least this long, whatever the setting says. */
    static final Duration MIN_RETENTION = Duration.ofHours(24);
    private static final String HEADER = "Idempotency-Key";
    /** The longest key the conventions accept. */
    private static final int MAX_KEY = 128;
    private static final String ON_OTHER_KEY = EncryptedTable.textOnOtherKey("request_hash") + " OR (body IS NOT NULL"
            + " AND " + EncryptedTable.textOnOtherKey("body") + ")";

    @Inject EntityManager em;
    @Inject ObjectMapper json;
    @Inject PersonalDataCipher cipher;
    @Inject GridConfig config;
    @Inject HttpServerRequest http;

    private static final ObjectMapper BODY_READER = new ObjectMapper();
    /** Striped by client and key: requests with one key are serialised in this instance before they take a connection. */
    private static final Lock[] SAME_KEY = java.util.stream.Stream.generate(ReentrantLock::new).limit(64)
            .toArray(Lock[]::new);

    /** A response to send: status and JSON body. */
    public record Stored(int status, String body) {

        /**
         * The reply of a create, the same whether new or replayed: {@code Location} from the stored body's
         * fields, {@code ETag} from its {@code version} (when it has one).
         */
        public Response created(Function<Map<?, ?>, String> location) {
            Map<?, ?> parsed;
            try {
                parsed = BODY_READER.readValue(body, Map.class);
            } catch (JsonProcessingException e) {
                // not chained: the parser's message would quote the reply, personal data included, into the log
                throw new IllegalStateException("stored reply is not JSON");
            }
            Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body)
                    .location(URI.create(location.apply(parsed)));
            if (parsed.get("version") != null) {
                b.tag(parsed.get("version").toString());
            }
            return b.build();
        }

        /** The reply of a request that queued work (202), the same whether new or replayed. */
        public Response accepted() {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
    }

    /** Keys are kept {@code grid.idempotency.retention} (48 h), never less than 24 h. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void prune() {
        Duration keep = config.idempotency().retention();
        // SQL: a bulk delete
        update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
                (double) (keep.compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : keep).toSeconds());
    }

    /**
     * Runs a create under {@code key} (none when null): the same key with the same {@code operation}
     * ({@code "POST /api/v1/..."}, the concrete path) and {@code request} gets the stored reply again, with another
     * one it is a 422.
     */
    public Stored run(String client, String key, String operation, Object request, int status,
            Supplier<Object> action) {
        if (key == null || QuarkusTransaction.isActive()) {
            return QuarkusTransaction.joiningExisting()
                    .call(() -> claim(client, key, operation, request, status, action));
        }
        // Racing retries of one key wait here rather than each holding a pooled connection while they wait for the
        // first one's row: twenty at once otherwise exhausted the pool (a 503). Not inside a caller's transaction,
        // whose locks a waiter here could be waiting for.
        Lock queue = SAME_KEY[Math.floorMod((client + '\n' + key).hashCode(), SAME_KEY.length)];
        queue.lock();
        try {
            return QuarkusTransaction.requiringNew().call(() -> claim(client, key, operation, request, status, action));
        } finally {
            queue.unlock();
        }
    }

    private Stored claim(String client, String key, String operation, Object request, int status,
            Supplier<Object> action) {
        if (key == null && http.headers().contains(HEADER)) {
            // the framework hands an empty header over as none; the conventions make it a 400
            key = "";
        }
        if (key == null) {
            return new Stored(status, write(action.get()));
        }
        checkKey(HEADER, key);
        String hash = hash(operation + " " + write(request));
        // SQL: ON CONFLICT DO NOTHING makes a racing retry wait for the first request's row instead of failing
        int inserted = update("INSERT INTO idempotency_key (client, key, request_hash) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", client, key, cipher.encrypt(hash));
        if (inserted == 0) {
            Optional<Stored> stored = SqlRow.list(query("SELECT request_hash, status, body FROM idempotency_key"
                    + " WHERE client = ? AND key = ? FOR UPDATE", client, key), r -> {
                        if (!cipher.decrypt(r.string("request_hash")).equals(hash)) {
                            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                                    "This Idempotency-Key was used with a different request");
                        }
                        String body = r.string("body");
                        return new Stored(r.integer("status"), body == null ? null : cipher.decrypt(body));
                    }).stream().findFirst();
            if (stored.isPresent() && stored.get().body() != null) {
                return stored.get();
            }
        }
        String body = write(action.get());
        update("UPDATE idempotency_key SET status = ?, body = ? WHERE client = ? AND key = ?", status,
                cipher.encrypt(body), client, key);
        return new Stored(status, body);
    }

    /** A key is 1 to 128 characters (any, blanks too); {@code field} names where it came from. */
    public static void checkKey(String field, String key) {
        if (key.isEmpty() || key.length() > MAX_KEY) {
            throw ApiException.badRequest(FieldError.of(field, "idempotency-key.length", MAX_KEY));
        }
    }

    @Override
    public String table() {
        return "idempotency_key";
    }

    @Override
    public long countOnOtherKeys(byte[] header) {
        // SQL: a byte comparison on the sealed columns
        return SqlRow.first(query("SELECT count(*) AS n FROM idempotency_key WHERE " + ON_OTHER_KEY, header.length,
                header, header.length, header), r -> r.lng("n"));
    }

    @Override
    public int reencrypt(PersonalDataCipher with, int limit) {
        record Row(String client, String key, String hash, String body) {}
        byte[] header = with.currentHeader();
        // SQL: FOR UPDATE SKIP LOCKED claim
        List<Row> rows = SqlRow.list(query("SELECT client, key, request_hash, body FROM idempotency_key WHERE "
                + ON_OTHER_KEY + " LIMIT ? FOR UPDATE SKIP LOCKED", header.length, header, header.length, header,
                limit), r -> new Row(r.string("client"), r.string("key"), r.string("request_hash"), r.string("body")));
        for (Row r : rows) {
            update("UPDATE idempotency_key SET request_hash = ?, body = ? WHERE client = ? AND key = ?",
                    with.reencrypt(r.hash()), with.reencrypt(r.body()), r.client(), r.key());
        }
        return rows.size();
    }

    private int update(String sql, Object... args) {
        return query(sql, args).executeUpdate();
    }

    private Query query(String sql, Object... args) {
        return NativeQueries.bind(em.createNativeQuery(sql), Arrays.asList(args));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
