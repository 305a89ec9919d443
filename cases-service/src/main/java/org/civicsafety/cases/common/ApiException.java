package org.civicsafety.cases.common;

import java.util.List;

/** A failure with a problem+json representation; {@code slug} ends the problem type URI. */
public class ApiException extends RuntimeException {

    public record FieldError(String field, String message) { }

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(400, "validation", "Invalid request", detail, errors);
    }

    public static ApiException badField(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null);
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(409, slug, "Conflict", detail, null);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
}
