package org.civicsafety.grid.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A failure that maps to an RFC 9457 problem response. Domain code throws this instead of JAX-RS
 * exceptions so the problem type, detail and field errors are decided where the rule lives.
 */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors, null);
    }

    /** One invalid field; the detail repeats its message in English (only titles and field messages are localized). */
    public static ApiException badRequest(FieldError error) {
        return badRequest(error.in(Locale.ENGLISH).message(), List.of(error));
    }

    public static ApiException badRequest(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail, Map<String, Object> extensions) {
        return new ApiException(ProblemType.CONFLICT, detail, null, extensions);
    }

    /** The action is not possible in the resource's current state; the extensions name the allowed ones. */
    public static ApiException illegalTransition(String detail, Map<String, Object> extensions) {
        return new ApiException(ProblemType.ILLEGAL_TRANSITION, detail, null, extensions);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ProblemType.PRECONDITION_FAILED, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
