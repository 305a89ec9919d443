package org.civicsafety.assessment.common;

/**
 * The platform's one catalogue of problem types (conventions.md, "Errors"): every service and the
 * gateway carry this same list, so one situation has one {@code type} and one status wherever it is
 * answered. Titles live in {@code messages/problems*.properties}, keyed by slug.
 */
public enum ProblemType {
    VALIDATION("validation", 400),
    MALFORMED_REQUEST("malformed-request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    ILLEGAL_TRANSITION("illegal-transition", 409),
    CONFLICT("conflict", 409),
    PRECONDITION_FAILED("precondition-failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
    RATE_LIMITED("rate-limited", 429),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503);

    public static final String TYPE_BASE = "https://civicsafety.org/problems/";

    private final String slug;
    private final int status;

    ProblemType(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return TYPE_BASE + slug;
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
