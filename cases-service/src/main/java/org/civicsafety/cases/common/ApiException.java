package org.civicsafety.cases.common;

import java.util.List;

/** A failure with a problem+json representation: one type of the {@link ProblemType} catalogue and a specific detail. */
public class ApiException extends RuntimeException {

    public record FieldError(String field, String message) { }

    private final ProblemType type;
    private final List<FieldError> errors;

    public ApiException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors);
    }

    public static ApiException badField(String field, String message) {
        return badRequest(message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail, null);
    }

    /** The action is not possible in the resource's current state; the detail names the allowed ones. */
    public static ApiException illegalTransition(String detail) {
        return new ApiException(ProblemType.ILLEGAL_TRANSITION, detail, null);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(ProblemType.PRECONDITION_FAILED, detail, null);
    }

    public ProblemType type() { return type; }
    public List<FieldError> errors() { return errors; }
}
