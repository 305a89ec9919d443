package org.civicsafety.gateway.problem;

import java.util.List;

/** A 4xx/5xx the gateway's own API answers, with the invalid fields when there are any. */
public class ProblemException extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail, List.of());
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
