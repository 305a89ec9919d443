package org.civicsafety.cases.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A create under an Idempotency-Key, as every resource of the service answers it: the same key and body replay the
 * stored 201 byte for byte, a different body is a 422 ({@link IdempotencyStore}). The 201 carries the body's
 * {@code version} as ETag and the Location the resource derives from the body, so a replay answers the same headers.
 */
@ApplicationScoped
public class IdempotentCreates {

    @Inject IdempotencyStore store;
    @Inject ObjectMapper mapper;

    /**
     * {@code client}: whose keys ({@code Caller.idempotencyClient}); {@code headerKey}: the header parameter;
     * {@code request}: what identifies the request (method, path and canonical body); {@code location}: where the
     * created thing is, read from its JSON (null for none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response create(String client, String headerKey, String request, Supplier<Object> create,
            Function<JsonNode, URI> location) throws JsonProcessingException {
        String key = store.keyOf(headerKey);
        if (key != null) {
            Optional<IdempotencyStore.Stored> earlier = store.claim(client, key, IdempotencyStore.hash(request));
            if (earlier.isPresent()) {
                return created(earlier.get().body(), location);
            }
        }
        String json = mapper.writeValueAsString(create.get());
        if (key != null) {
            store.complete(client, key, 201, json);
        }
        return created(json, location);
    }

    private Response created(String json, Function<JsonNode, URI> location) throws JsonProcessingException {
        JsonNode node = mapper.readTree(json);
        Response.ResponseBuilder rb = Response.status(201).type(MediaType.APPLICATION_JSON).entity(json);
        if (node.has("version")) {
            rb.header("ETag", "\"" + node.path("version").asLong() + "\"");
        }
        URI uri = location.apply(node);
        if (uri != null) {
            rb.location(uri);
        }
        return rb.build();
    }
}
