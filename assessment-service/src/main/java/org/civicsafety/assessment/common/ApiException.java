package org.civicsafety.assessment.common;

import java.util.List;
import java.util.Locale;

/**
 * A request failure: one type of the {@link ProblemType} catalogue and a specific detail (English); its invalid
 * fields carry message keys, rendered in the caller's language by {@link ProblemMapper}.
 */
public class ApiException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldMessage> errors;

    public ApiException(ProblemType type, String detail, List<FieldMessage> errors) {
        super(detail);
        this.type = type;
        this.errors = errors == null ? List.of() : errors;
    }

    public static ApiException badRequest(String field, FieldMessage.Key key, Object... args) {
        FieldMessage m = FieldMessage.of(field, key, args);
        return new ApiException(ProblemType.VALIDATION, field + ": " + m.text(Locale.ENGLISH), List.of(m));
    }

    public static ApiException badRequest(List<FieldMessage> errors) {
        return new ApiException(ProblemType.VALIDATION, "The request has invalid fields", errors);
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

    public ProblemType type() {
        return type;
    }
    public List<FieldMessage> errors() {
        return errors;
    }
}
