package org.civicsafety.cases.common;

import java.util.List;
import java.util.Locale;

/** A failure with a problem+json representation: one type of the {@link ProblemType} catalogue and a specific detail. */
public class ApiException extends RuntimeException {

    /** An invalid field on the wire: its message already in the caller's language. */
    public record FieldError(String field, String message) {}

    /**
     * An invalid field as code raises it: a key of the {@code messages/fields} bundle and its arguments, rendered
     * only when the response is written, in the language the caller asked for ({@link FieldMessages}).
     */
    public record Invalid(String field, String key, List<Object> args) {
        public static Invalid of(String field, String key, Object... args) {
            return new Invalid(field, key, List.of(args));
        }

        public FieldError render(Locale locale) {
            return new FieldError(field, FieldMessages.message(key, locale, args.toArray()));
        }
    }

    private final ProblemType type;
    private final List<Invalid> errors;

    public ApiException(ProblemType type, String detail, List<Invalid> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String detail, List<Invalid> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors);
    }

    /** One invalid field; the detail is its message in English, as logs and operators read it. */
    public static ApiException badField(String field, String key, Object... args) {
        Invalid invalid = Invalid.of(field, key, args);
        return badRequest(FieldMessages.message(key, Locale.ENGLISH, invalid.args().toArray()), List.of(invalid));
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
    public List<Invalid> errors() {
        return errors;
    }
}
