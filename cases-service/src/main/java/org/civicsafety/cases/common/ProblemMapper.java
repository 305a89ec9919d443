package org.civicsafety.cases.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The service's single exception mapping: everything becomes problem+json and nothing internal
 * (stack trace, SQL, class name) leaks. Exact Jackson and validation types are listed so these
 * mappers win over Quarkus' built-in ones.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, headers, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new ApiException.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(ApiException.FieldError::field));
        return respond(400, "validation", "Invalid request", "the request has invalid fields", uri, headers, errors);
    }

    /** Quarkus REST maps each of these subtypes itself, so each is named here for this mapper to win. */
    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class,
            ValueInstantiationException.class, JsonMappingException.class})
    public Response mapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper({JsonParseException.class, JsonProcessingException.class})
    public Response processing(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return respond(400, "malformed-json", "Malformed JSON", "the body is not valid JSON", uri, headers, List.of());
    }

    /** A body that cannot be read (e.g. broken multipart framing) is the client's fault. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        return respond(400, "bad-request", "Bad request", "the request body could not be read", uri, headers, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return respond(401, "unauthorized", "Unauthorized", "a valid bearer token is required", uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(403, "forbidden", "Forbidden", "your role does not allow this", uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jpe instanceof JsonMappingException jme ? json(jme, uri, headers)
                    : respond(400, "malformed-json", "Malformed JSON", "the body is not valid JSON", uri, headers, List.of());
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        return respond(status, slug, title, title, uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri, HttpHeaders headers) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                // Class 22 = data exception (NUL characters, out-of-range dates or numbers): the input's fault.
                if (sql.getSQLState().startsWith("22")) {
                    return respond(400, "validation", "Invalid request",
                            "a value contains characters or a range the service cannot store", uri, headers, List.of());
                }
                if (sql.getSQLState().startsWith("23")) {
                    return respond(409, "conflict", "Conflict", "the change conflicts with existing data", uri, headers, List.of());
                }
            }
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return respond(409, "concurrent-change", "Concurrent change",
                        "the case was changed at the same time; reload it and try again", uri, headers, List.of());
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                // The database is unreachable: a retryable outage, not a failure of the request.
                Response r = respond(503, "unavailable", "Service unavailable",
                        "the service is temporarily unavailable; retry shortly", uri, headers, List.of());
                return Response.fromResponse(r).header("Retry-After", "5").build();
            }
        }
        LOG.errorf("unexpected failure on %s: %s", uri == null ? "?" : uri.getPath(), e.getClass().getSimpleName());
        LOG.debug("unexpected failure", e);
        return respond(500, "internal", "Internal error", "an unexpected error occurred", uri, headers, List.of());
    }

    private Response json(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()
                ? "unknown value; allowed: " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants())
                : "wrong type or format";
        if (field.isEmpty()) {
            return respond(400, "malformed-json", "Malformed JSON", "the body does not have the expected shape", uri, headers, List.of());
        }
        return respond(400, "validation", "Invalid request", "the request has invalid fields", uri, headers,
                List.of(new ApiException.FieldError(field, message)));
    }

    /** Drops the method and parameter nodes of a method-validation path ({@code create.body.title} → {@code title}). */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node n : path) {
            String name = n.getName();
            if (n.getIndex() != null && !names.isEmpty()) {
                int last = names.size() - 1;
                names.set(last, names.get(last) + "[" + n.getIndex() + "]");
            }
            if (name != null && n.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                names.add(name);
            }
        }
        List<String> kinds = new ArrayList<>();
        for (Path.Node n : path) {
            kinds.add(n.getKind().name());
        }
        int skip = 0;
        if (!kinds.isEmpty() && kinds.get(0).equals("METHOD")) {
            skip = kinds.size() > 1 && kinds.get(1).equals("PARAMETER") ? 2 : 1;
        }
        List<String> rest = names.subList(Math.min(skip, names.size()), names.size());
        return rest.isEmpty() ? (names.isEmpty() ? "body" : names.get(names.size() - 1)) : String.join(".", rest);
    }

    private static Response respond(int status, String slug, String title, String detail, UriInfo uri,
                                    HttpHeaders headers, List<ApiException.FieldError> errors) {
        String instance = uri == null ? null : uri.getPath();
        title = ProblemTitles.title(slug, title, headers);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, slug, title, detail, instance, errors))
                .build();
    }
}
