package org.civicsafety.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonParseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.civicsafety.gateway.partner.PartnerKeyLog;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one exception mapping of the gateway's own API: every failure becomes RFC 9457
 * problem+json; the exact Jackson and JAX-RS types are listed so these win over Quarkus'
 * built-in mappers.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return build(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class})
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            errors.add(new ProblemException.FieldError(field.toString(), "has the wrong type or format"));
        }
        return build(400, "malformed-request", "Malformed request",
                errors.isEmpty() ? "The body is not valid JSON." : "The body has fields of the wrong type.", uri, errors);
    }

    @ServerExceptionMapper
    public Response unavailable(PartnerKeyLog.KeyStoreUnavailableException e, UriInfo uri) {
        LOG.warn("partner key store unavailable", e);
        return Response.fromResponse(build(503, "service-unavailable", "Service unavailable",
                "The key store is unavailable; try again shortly.", uri, List.of())).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return build(status, slugOf(status), title, title, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return build(500, "internal-error", "Internal error", "Something went wrong on our side.", uri, List.of());
    }

    private static String slugOf(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static Response build(int status, String slug, String title, String detail, UriInfo uri,
            List<ProblemException.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("errors", errors);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
