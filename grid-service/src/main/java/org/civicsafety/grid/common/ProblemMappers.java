package org.civicsafety.grid.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that turns every failure into RFC 9457 problem+json. Each exact Jackson/validation/
 * security type is registered here so these mappers win over Quarkus REST's built-in ones.
 */
public class ProblemMappers {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client should wait before retrying while the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        return problem(e.type(), e.getMessage(), uri, headers, e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return problem(ProblemType.VALIDATION, "The request has " + errors.size() + " invalid field(s)",
                uri, headers, errors, null);
    }

    /** Quarkus REST maps each of these subtypes itself, so each is named here for this mapper to win. */
    @ServerExceptionMapper({InvalidFormatException.class, UnrecognizedPropertyException.class,
            MismatchedInputException.class, JsonMappingException.class})
    public Response mapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        return jsonMapping(e, uri, headers);
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
        return problem(ProblemType.FORBIDDEN, "Your role does not allow this operation", uri, headers, null, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        // Quarkus REST wraps some body-reading failures; report them like the direct ones
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonMappingException jme) {
                return jsonMapping(jme, uri, headers);
            }
            if (c instanceof JsonProcessingException) {
                return malformedJson(uri, headers);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500 && e.getCause() != null && FailureKind.classify(e.getCause()) != FailureKind.INTERNAL) {
            return any(e.getCause(), uri, headers);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = status >= 500 || known == null ? "The service could not process the request"
                : known.getReasonPhrase();
        Response r = problem(ProblemType.forStatus(status), detail, uri, headers, null, null);
        // keep Allow/Retry-After style headers of the original response
        Response.ResponseBuilder b = Response.fromResponse(r);
        e.getResponse().getStringHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                v.forEach(x -> b.header(k, x));
            }
        });
        return b.build();
    }

    @ServerExceptionMapper
    public Response any(Throwable e, UriInfo uri, HttpHeaders headers) {
        switch (FailureKind.classify(e)) {
            case DATABASE_UNAVAILABLE -> {
                LOG.warnf("Database unavailable: %s", e.toString());
                Response r = problem(ProblemType.UNAVAILABLE,
                        "The service is temporarily unavailable; retry shortly", uri, headers, null, null);
                return Response.fromResponse(r).header("Retry-After", RETRY_AFTER_SECONDS).build();
            }
            case BAD_DATA -> {
                LOG.debugf("Database refused request data: %s", e.toString());
                return problem(ProblemType.VALIDATION,
                        "The request contains a value that cannot be stored (e.g. a NUL character)", uri, headers,
                        List.of(FieldError.of("body", "invalid-value")), null);
            }
            case UNREADABLE_BODY -> {
                LOG.debugf("Unreadable request body: %s", e.toString());
                return problem(ProblemType.MALFORMED_REQUEST, "The request body could not be read completely",
                        uri, headers, List.of(FieldError.of("body", "truncated")), null);
            }
            case INTERNAL -> {
                // fall through to the generic 500 below
            }
        }
        LOG.error("Unhandled failure", e);
        return problem(ProblemType.INTERNAL, "The service could not process the request", uri, headers, null, null);
    }

    private static Response malformedJson(UriInfo uri, HttpHeaders headers) {
        return problem(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON", uri, headers,
                List.of(FieldError.of("body", "malformed-json")), null);
    }

    private static Response unauthenticated(UriInfo uri, HttpHeaders headers) {
        Response r = problem(ProblemType.UNAUTHORIZED, "A valid bearer token is required", uri, headers, null, null);
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
    }

    private Response jsonMapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        String field = pathOf(e.getPath());
        FieldError error;
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            error = FieldError.of(field, "one-of", java.util.Arrays.toString(ife.getTargetType().getEnumConstants()));
        } else if (e instanceof UnrecognizedPropertyException) {
            error = FieldError.of(field, "unknown-field");
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            error = FieldError.of(field, "wrong-type", friendly(mie.getTargetType()));
        } else {
            error = FieldError.of(field, "invalid");
        }
        return problem(ProblemType.VALIDATION, "Field '" + field + "' " + error.in(Locale.ENGLISH).message(), uri,
                headers, List.of(error), null);
    }

    private static String friendly(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum()) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO 8601 date-time";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        return "object";
    }

    private static String pathOf(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return "body";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    /** Drops the method and parameter nodes so a body field reads "name", not "create.body.name". */
    private static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                parts.clear();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null) {
                parts.add((name == null ? "" : name) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null) {
                parts.add((name == null ? "" : name) + "[" + node.getKey() + "]");
            } else if (name != null) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", parts);
    }

    private static Response problem(ProblemType type, String detail, UriInfo uri, HttpHeaders headers,
            List<FieldError> errors, Map<String, Object> extensions) {
        int status = type.status();
        String path = uri == null ? "" : uri.getRequestUri().getRawPath();
        Locale locale = ProblemType
                .locale(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        List<FieldError> localized = errors == null ? List.of() : errors.stream().map(e -> e.in(locale)).toList();
        if (path.startsWith("/open311/")) {
            // XML is GeoReport's required format: used for .xml and for paths without a format suffix
            return open311(status, detail, localized, !path.endsWith(".json"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title(locale));
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri == null ? null : uri.getRequestUri().getRawPath());
        body.put("errors", localized);
        if (extensions != null) {
            body.putAll(extensions);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    /** One GeoReport v2 error; the list is {@code <errors><error><code/><description/></error>...</errors>} in XML. */
    record Open311Error(int code, String description) {}

    @JacksonXmlRootElement(localName = "errors")
    record Open311Errors(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error") List<Open311Error> errors) {}

    private static final XmlMapper XML = new XmlMapper();

    /**
     * GeoReport v2 errors: {@code [{"code": N, "description": "..."}]} or
     * {@code <errors><error><code/><description/></error></errors>}; a missing/invalid key is 403 there.
     */
    static Response open311(int status, String detail, List<FieldError> errors, boolean xml) {
        int code = status == 401 ? 403 : status;
        List<Open311Error> items = errors == null || errors.isEmpty()
                ? List.of(new Open311Error(code, detail == null ? "error" : detail))
                : errors.stream().map(e -> new Open311Error(code, e.field() + ": " + e.message())).toList();
        if (xml) {
            try {
                return Response.status(code).type("text/xml; charset=utf-8")
                        .entity("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                + XML.writeValueAsString(new Open311Errors(items)))
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.status(code).type("application/json").entity(items).build();
    }
}
