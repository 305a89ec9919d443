package org.civicsafety.assessment.common;

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
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The service's single error renderer. Exact exception types are listed so that these mappers win over
 * Quarkus REST's built-in Jackson/validation/security mappers, which would answer with other bodies.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        Locale locale = locale(headers);
        return build(e.type(), e.getMessage(), uri, headers, e.errors().stream().map(m -> m.render(locale)).toList());
    }

    /**
     * Constraint messages: a template naming a key of the fields bundle ({@code "{survey.period}"}) is rendered from
     * it; Hibernate Validator's own messages already come in the request's language (quarkus.locales).
     */
    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        Locale locale = locale(headers);
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    FieldMessage.Key key = FieldMessage.Key.ofTemplate(v.getMessageTemplate());
                    return new Problem.FieldError(fieldOf(v),
                            key == null ? v.getMessage() : FieldMessage.text(key, locale));
                })
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return build(ProblemType.VALIDATION, "The request has invalid fields", uri, headers, errors);
    }

    /** The exact Jackson types are listed so that these win over Quarkus' built-in mappers. */
    @ServerExceptionMapper({InvalidFormatException.class, MismatchedInputException.class,
            ValueInstantiationException.class, JsonMappingException.class})
    public Response mapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        return jackson(e, uri, headers);
    }

    @ServerExceptionMapper({JsonParseException.class, JsonProcessingException.class})
    public Response processing(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return malformedJson(uri, headers);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return unauthenticated(uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return build(ProblemType.FORBIDDEN, "Your role does not allow this", uri, headers, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return internal(uri, headers);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = known == null ? "The request could not be handled" : known.getReasonPhrase();
        return build(ProblemType.forStatus(status), detail, uri, headers, null);
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri, HttpHeaders headers) {
        // Jackson failures may arrive wrapped by the reader.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonMappingException jm)
                return jackson(jm, uri, headers);
            if (c instanceof JsonProcessingException)
                return malformedJson(uri, headers);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                Response r = database(sql, uri, headers);
                if (r != null)
                    return r;
            }
            if (c.getCause() == c)
                break;
        }
        LOG.error("request failed", e);
        return internal(uri, headers);
    }

    /**
     * Data exceptions (SQLState class 22, e.g. a NUL character PostgreSQL cannot store) come from input values:
     * 400. A lost or refused connection, or no free connection in the pool, is transient: 503 with Retry-After.
     */
    private static Response database(SQLException e, UriInfo uri, HttpHeaders headers) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            return build(ProblemType.VALIDATION, "The request contains a value that is not acceptable", uri, headers,
                    null);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || e instanceof SQLTransientConnectionException || message.contains("cquisition timeout")) {
            LOG.warnf("database unavailable: %s", state.isEmpty() ? e.getClass().getSimpleName() : state);
            return Response.fromResponse(build(ProblemType.UNAVAILABLE,
                    "The database is temporarily unavailable; retry later", uri, headers, null))
                    .header("Retry-After", "5").build();
        }
        return null;
    }

    private Response jackson(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        String field = pathOf(e);
        FieldMessage m;
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null && mi.getTargetType().isEnum()) {
            m = FieldMessage.of(field, FieldMessage.Key.ONE_OF, Arrays.stream(mi.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")));
        } else if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            m = FieldMessage.of(field, wrongType(mi.getTargetType()));
        } else {
            m = FieldMessage.of(field, FieldMessage.Key.INVALID);
        }
        return build(ProblemType.VALIDATION, field + " " + m.text(Locale.ENGLISH), uri, headers,
                List.of(m.render(locale(headers))));
    }

    private static FieldMessage.Key wrongType(Class<?> t) {
        if (Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == double.class)
            return FieldMessage.Key.WRONG_TYPE_NUMBER;
        if (t == Boolean.class || t == boolean.class)
            return FieldMessage.Key.WRONG_TYPE_BOOLEAN;
        if (t == String.class)
            return FieldMessage.Key.WRONG_TYPE_STRING;
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray())
            return FieldMessage.Key.WRONG_TYPE_ARRAY;
        if (java.time.temporal.Temporal.class.isAssignableFrom(t))
            return FieldMessage.Key.NOT_A_DATE;
        if (t == java.util.UUID.class)
            return FieldMessage.Key.WRONG_TYPE_UUID;
        return FieldMessage.Key.WRONG_TYPE_OBJECT;
    }

    private static Locale locale(HttpHeaders headers) {
        return ProblemType.locale(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty())
                    sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        String param = null;
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.METHOD)
                continue;
            if (n.getKind() == ElementKind.PARAMETER) {
                param = n.getName();
                continue;
            }
            String name = n.getName();
            if (name == null)
                continue;
            parts.add(n.getIndex() != null ? name + "[" + n.getIndex() + "]" : name);
        }
        if (parts.isEmpty())
            return param == null ? "body" : param;
        return String.join(".", parts);
    }

    private static Response malformedJson(UriInfo uri, HttpHeaders headers) {
        return build(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON", uri, headers,
                List.of(FieldMessage.of("body", FieldMessage.Key.MALFORMED_JSON).render(locale(headers))));
    }

    private static Response unauthenticated(UriInfo uri, HttpHeaders headers) {
        return build(ProblemType.UNAUTHORIZED, "A valid bearer token is required", uri, headers, null);
    }

    private static Response internal(UriInfo uri, HttpHeaders headers) {
        return build(ProblemType.INTERNAL, "The request could not be processed", uri, headers, null);
    }

    private static Response build(ProblemType type, String detail, UriInfo uri, HttpHeaders headers,
            List<Problem.FieldError> errors) {
        String instance = uri == null ? null : uri.getPath();
        String title = type.title(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type.uri(), title, type.status(), detail, instance,
                        errors == null ? List.of() : errors))
                .build();
    }
}
