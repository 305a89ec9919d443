package org.civicsafety.assessment.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Idempotency-Key for creates. Must run inside the create's transaction: the key row is inserted first, so a
 * concurrent request with the same key blocks on the primary key until the first commits and then replays it.
 * That is why idempotency_key is written with SQL (native queries in the ORM session): INSERT … ON CONFLICT DO
 * NOTHING waits for the other request instead of failing on the key as a persisted entity would. Keys belong to
 * {@link Caller#idempotencyClient()} and are kept for {@code assessment.idempotency-retention}.
 */
@ApplicationScoped
public class Idempotency {
    /** The header's description in the API contract. */
    public static final String HEADER = "Makes the create retryable: any string of 1 to 128 characters. The same key "
            + "and body again answer the original response (same status and id) and create nothing; the same key "
            + "with another body is a 422. Keys are kept at least 24 h.";

    @Inject EntityManager em;
    @Inject ObjectMapper mapper;
    @Inject Caller caller;
    @Inject HttpServerRequest http;
    @Inject AssessmentConfig config;

    public record Result(int status, Object body, String location, String etag) {}

    /** A key's stored request hash and response. */
    record Stored(String requestHash, Integer status, String body) {}

    /**
     * Runs a create under the key (none: just runs it). {@code operation} is the HTTP method and the concrete path
     * ({@code "POST /api/v1/risk-assessments/<id>/factors"}): it is hashed with the body, so a key reused on another
     * endpoint with the same body is a 422, not a replay of that endpoint's reply.
     */
    public Response run(String key, String operation, Object request, Supplier<Result> create) {
        // The framework hands an empty header over as none; the conventions make it a 400.
        if (key == null && http.headers().contains("Idempotency-Key"))
            key = "";
        if (key == null)
            return toResponse(create.get());
        // Any string of 1 to 128 characters is a key (conventions.md), whitespace too.
        if (key.isEmpty() || key.length() > 128)
            throw ApiException.badRequest("Idempotency-Key", FieldMessage.Key.IDEMPOTENCY_KEY_LENGTH, 128);
        String client = caller.idempotencyClient();
        String hash = hash(operation, request);
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_key (client, key, request_hash) VALUES (:client, :key, :hash) ON CONFLICT DO NOTHING
                """).setParameter("client", client).setParameter("key", key).setParameter("hash", hash).executeUpdate();
        if (inserted == 0) {
            Stored row = SqlRow.first(em.createNativeQuery("""
                    SELECT request_hash, status, body FROM idempotency_key WHERE client = :client AND key = :key
                    """).setParameter("client", client).setParameter("key", key),
                    r -> new Stored(r.string("request_hash"), r.nullableInt("status"), r.string("body")));
            if (!row.requestHash().equals(hash)) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request",
                        List.of(FieldMessage.of("Idempotency-Key", FieldMessage.Key.IDEMPOTENCY_KEY_REUSED)));
            }
            try {
                StoredBody stored = mapper.readValue(row.body(), StoredBody.class);
                Response.ResponseBuilder b = Response.status(row.status()).type(MediaType.APPLICATION_JSON)
                        .entity(stored.body());
                if (stored.location() != null)
                    b.header("Location", stored.location());
                if (stored.etag() != null)
                    b.header("ETag", stored.etag());
                return b.build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Result r = create.get();
        try {
            em.createNativeQuery(
                    "UPDATE idempotency_key SET status = :status, body = :body WHERE client = :client AND key = :key")
                    .setParameter("status", r.status())
                    .setParameter("body",
                            mapper.writeValueAsString(
                                    new StoredBody(mapper.valueToTree(r.body()), r.location(), r.etag())))
                    .setParameter("client", client).setParameter("key", key).executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return toResponse(r);
    }

    public record StoredBody(com.fasterxml.jackson.databind.JsonNode body, String location, String etag) {}

    private static Response toResponse(Result r) {
        Response.ResponseBuilder b = Response.status(r.status()).type(MediaType.APPLICATION_JSON).entity(r.body());
        if (r.location() != null)
            b.header("Location", r.location());
        if (r.etag() != null)
            b.header("ETag", r.etag());
        return b.build();
    }

    /** Keys older than the retention are dropped; hourly, so a key lives at most an hour beyond it. */
    @Scheduled(every = "1h")
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < now() - :seconds * interval '1 second'")
                .setParameter("seconds", config.idempotencyRetention().toSeconds()).executeUpdate();
    }

    private String hash(String operation, Object request) {
        try {
            byte[] json = mapper.writeValueAsBytes(mapper.valueToTree(request));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((operation + " ").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
