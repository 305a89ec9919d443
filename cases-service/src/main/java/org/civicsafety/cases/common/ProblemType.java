package org.civicsafety.cases.common;

import java.util.Locale;

/**
 * The platform's one catalogue of problem types (conventions.md, "Errors"): every service and the
 * gateway carry this same list, so one situation has one {@code type} and one status wherever it is
 * answered. Titles live in {@code messages/problems*.properties}, keyed by slug.
 */
public enum ProblemType {
    VALIDATION(400),
    MALFORMED_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    ILLEGAL_TRANSITION(409),
    CONFLICT(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    IDEMPOTENCY_KEY_REUSED(422),
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503);

    public static final String TYPE_BASE = "https://civicsafety.org/problems/";

    private final int status;

    ProblemType(int status) {
        this.status = status;
    }

    /** The last segment of {@code type}: the constant's name in kebab case, as {@code malformed-request}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String uri() {
        return TYPE_BASE + slug();
    }

    /**
     * The type of a bare HTTP status raised by the framework rather than by our code. Such a 400 names
     * no field, so it is a malformed request; a status outside the catalogue falls back to the nearest
     * type (and so to that type's status), because a problem's type and status must always agree.
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
