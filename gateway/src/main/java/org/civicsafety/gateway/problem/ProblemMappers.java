package org.civicsafety.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonParseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one exception mapping of the gateway's own API: every failure becomes RFC 9457
 * problem+json; the exact Jackson and JAX-RS types are listed so these win over Quarkus'
 * built-in mappers.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        Response response = build(e.type(), e.getMessage(), uri, headers, e.errors());
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build()
                : response;
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class})
    public Response badJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
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
            errors.add(new ProblemException.FieldError(field.toString(), "wrong-type"));
        }
        // a field of the wrong type is named, so it is a validation failure like any other invalid field
        return errors.isEmpty()
                ? build(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON.", uri, headers, errors)
                : build(ProblemType.VALIDATION, "The body has fields of the wrong type.", uri, headers, errors);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        return build(ProblemType.forStatus(status), e.getResponse().getStatusInfo().getReasonPhrase(), uri, headers,
                List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        LOG.error("unexpected failure", e);
        return build(ProblemType.INTERNAL, "Something went wrong on our side.", uri, headers, List.of());
    }

    private static Response build(ProblemType type, String detail, UriInfo uri, HttpHeaders headers,
            List<ProblemException.FieldError> errors) {
        int status = type.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        Locale locale = ProblemType.locale(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        body.put("title", type.title(locale));
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("errors", errors.stream().map(e -> FieldMessages.render(e, locale)).toList());
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
