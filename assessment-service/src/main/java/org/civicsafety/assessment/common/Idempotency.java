package org.civicsafety.assessment.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Idempotency-Key for creates. Must run inside the create's transaction: the key row is inserted first, so a
 * concurrent request with the same key blocks on the primary key until the first commits and then replays it.
 */
@ApplicationScoped
public class Idempotency {
    @Inject
    Db db;
    @Inject
    ObjectMapper mapper;

    public record Result(int status, Object body, String location, String etag) {}

    public Response run(String client, String key, Object request, Supplier<Result> create) {
        if (key == null) return toResponse(create.get());
        if (key.isBlank() || key.length() > 128) throw ApiException.badRequest("Idempotency-Key", "must be 1–128 characters");
        String hash = hash(request);
        int inserted = db.update("INSERT INTO idempotency_key (client, key, request_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                client, key, hash);
        if (inserted == 0) {
            String[] row = db.one("SELECT request_hash, status, body FROM idempotency_key WHERE client = ? AND key = ?",
                    rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, client, key);
            if (!row[0].equals(hash)) {
                throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request body", List.of(new Problem.FieldError("Idempotency-Key", "reused with a different body")));
            }
            try {
                StoredBody stored = mapper.readValue(row[2], StoredBody.class);
                Response.ResponseBuilder b = Response.status(Integer.parseInt(row[1])).type(MediaType.APPLICATION_JSON)
                        .entity(stored.body());
                if (stored.location() != null) b.header("Location", stored.location());
                if (stored.etag() != null) b.header("ETag", stored.etag());
                return b.build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        Result r = create.get();
        try {
            db.update("UPDATE idempotency_key SET status = ?, body = ? WHERE client = ? AND key = ?", r.status(),
                    mapper.writeValueAsString(new StoredBody(mapper.valueToTree(r.body()), r.location(), r.etag())), client, key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return toResponse(r);
    }

    public record StoredBody(com.fasterxml.jackson.databind.JsonNode body, String location, String etag) {}

    private static Response toResponse(Result r) {
        Response.ResponseBuilder b = Response.status(r.status()).type(MediaType.APPLICATION_JSON).entity(r.body());
        if (r.location() != null) b.header("Location", r.location());
        if (r.etag() != null) b.header("ETag", r.etag());
        return b.build();
    }

    private String hash(Object request) {
        try {
            byte[] json = mapper.writeValueAsBytes(mapper.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
