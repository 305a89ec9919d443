package org.civicsafety.gateway.problem;

import java.util.List;

/** A 4xx/5xx the gateway's own API answers, with the invalid fields when there are any. */
public class ProblemException extends RuntimeException {

    /**
     * An invalid field; {@code key} names its message in the {@code messages/fields} bundle, rendered
     * in the caller's language when the problem is written.
     */
    public record FieldError(String field, String key, Object... args) {}

    private final ProblemType type;
    private final List<FieldError> errors;
    /** Seconds for a {@code Retry-After} header; 0 for none. */
    private final int retryAfterSeconds;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, 0);
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(ProblemType.UNAVAILABLE, detail, List.of(), retryAfterSeconds);
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

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
