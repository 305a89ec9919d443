package org.civicsafety.grid.common;

import java.util.List;
import java.util.Map;

/**
 * A failure that maps to an RFC 9457 problem response. Domain code throws this instead of JAX-RS
 * exceptions so the status, slug and field errors are decided where the rule lives.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(400, "validation", "Invalid request", detail, errors, null);
    }

    public static ApiException badRequest(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException conflict(String slug, String detail, Map<String, Object> extensions) {
        return new ApiException(409, slug, "Conflict", detail, null, extensions);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "version-mismatch", "Precondition failed", detail, null, null);
    }

    public static ApiException unprocessable(String slug, String detail) {
        return new ApiException(422, slug, "Unprocessable request", detail, null, null);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
