package org.civicsafety.assessment.common;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The platform's one catalogue of problem types (conventions.md, "Errors"): every service and the
 * gateway carry this same file, so one situation has one {@code type}, status and title wherever it is
 * answered (the gateway's ProblemCatalogueTest holds the copies equal). Titles live in
 * {@code messages/problems*.properties}, keyed by slug.
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
    public static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    /** Without this, a missing English bundle would silently fall back to the JVM's default locale. */
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

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

    public String title(Locale locale) {
        return ResourceBundle.getBundle("messages.problems", locale, NO_FALLBACK).getString(slug());
    }

    public String title(String acceptLanguage) {
        return title(locale(acceptLanguage));
    }

    /**
     * The language of problem titles and field messages (conventions.md, "Language"): English when
     * {@code Accept-Language} ranks it (or a variant, as en-GB) above Chinese, else zh-CN; an unreadable
     * header asks for nothing.
     */
    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH_CN; // the usual case, answered without parsing or an exception
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage),
                    List.of(ZH_CN, Locale.CHINESE, Locale.ENGLISH));
            return Locale.ENGLISH.equals(best) ? Locale.ENGLISH : ZH_CN;
        } catch (IllegalArgumentException e) { // malformed
            return ZH_CN;
        }
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
