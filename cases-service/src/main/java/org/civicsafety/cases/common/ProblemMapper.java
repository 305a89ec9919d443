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
import java.util.Locale;
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
        Locale locale = locale(headers);
        return respond(e.type(), e.getMessage(), uri, headers, e.errors().stream().map(i -> i.render(locale)).toList());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Locale locale = locale(headers);
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new ApiException.FieldError(fieldOf(v.getPropertyPath()), message(v, locale)));
        }
        errors.sort(Comparator.comparing(ApiException.FieldError::field));
        return respond(ProblemType.VALIDATION, "the request has invalid fields", uri, headers, errors);
    }

    /**
     * A constraint's own message (a key in braces) comes from the fields bundle; Hibernate Validator's
     * built-in ones it has already localized from the same Accept-Language ({@code quarkus.locales}).
     */
    static String message(ConstraintViolation<?> v, Locale locale) {
        String template = v.getMessageTemplate();
        if (template.startsWith("{") && template.endsWith("}")) {
            String key = template.substring(1, template.length() - 1);
            if (FieldMessages.has(key)) {
                return FieldMessages.message(key, locale);
            }
        }
        return v.getMessage();
    }

    /** Quarkus REST maps each of these subtypes itself, so each is named here for this mapper to win. */
    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class,
            ValueInstantiationException.class, JsonMappingException.class})
    public Response mapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper({JsonParseException.class, JsonProcessingException.class})
    public Response processing(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return malformedJson(uri, headers);
    }

    /** A body that cannot be read (e.g. broken multipart framing) is the client's fault. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        return respond(ProblemType.MALFORMED_REQUEST, "the request body could not be read", uri, headers, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return respond(ProblemType.UNAUTHORIZED, "a valid bearer token is required", uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(ProblemType.FORBIDDEN, "your role does not allow this", uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jpe instanceof JsonMappingException jme ? json(jme, uri, headers) : malformedJson(uri, headers);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = known == null ? "the request could not be handled" : known.getReasonPhrase();
        return respond(ProblemType.forStatus(status), detail, uri, headers, List.of());
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri, HttpHeaders headers) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                // Class 22 = data exception (NUL characters, out-of-range dates or numbers): the input's fault.
                if (sql.getSQLState().startsWith("22")) {
                    return respond(ProblemType.VALIDATION,
                            "a value contains characters or a range the service cannot store", uri, headers, List.of());
                }
                if (sql.getSQLState().startsWith("23")) {
                    return respond(ProblemType.CONFLICT, "the change conflicts with existing data", uri, headers,
                            List.of());
                }
            }
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                // Two writers collided without If-Match: a conflict to retry, not a stale version (412).
                return respond(ProblemType.CONFLICT,
                        "the case was changed at the same time; reload it and try again", uri, headers, List.of());
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                // The database is unreachable: a retryable outage, not a failure of the request.
                Response r = respond(ProblemType.UNAVAILABLE,
                        "the service is temporarily unavailable; retry shortly", uri, headers, List.of());
                return Response.fromResponse(r).header("Retry-After", "5").build();
            }
        }
        LOG.errorf("unexpected failure on %s: %s", uri == null ? "?" : uri.getPath(), e.getClass().getSimpleName());
        LOG.debug("unexpected failure", e);
        return respond(ProblemType.INTERNAL, "an unexpected error occurred", uri, headers, List.of());
    }

    private Response json(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        ApiException.Invalid invalid = e instanceof InvalidFormatException ife && ife.getTargetType() != null
                && ife.getTargetType().isEnum()
                        ? ApiException.Invalid.of(field, "unknown-value",
                                java.util.Arrays.toString(ife.getTargetType().getEnumConstants()))
                        : ApiException.Invalid.of(field, "wrong-type");
        if (field.isEmpty()) {
            return respond(ProblemType.MALFORMED_REQUEST, "the body does not have the expected shape", uri, headers,
                    List.of());
        }
        return respond(ProblemType.VALIDATION, "the request has invalid fields", uri, headers,
                List.of(invalid.render(locale(headers))));
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

    private static Locale locale(HttpHeaders headers) {
        return ProblemType.locale(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static Response malformedJson(UriInfo uri, HttpHeaders headers) {
        return respond(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON", uri, headers, List.of());
    }

    private static Response respond(ProblemType type, String detail, UriInfo uri, HttpHeaders headers,
            List<ApiException.FieldError> errors) {
        String instance = uri == null ? null : uri.getPath();
        String title = type.title(locale(headers));
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, title, detail, instance, errors))
                .build();
    }
}
