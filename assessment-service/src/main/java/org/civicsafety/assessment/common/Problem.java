package org.civicsafety.assessment.common;

import java.util.List;

/** RFC 9457 problem details body. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}
}
