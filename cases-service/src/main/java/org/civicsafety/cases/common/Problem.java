package org.civicsafety.cases.common;

import java.util.List;

/** RFC 9457 problem details. */
public record Problem(String type, String title, int status, String detail, String instance,
        List<ApiException.FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String title, String detail, String instance,
            List<ApiException.FieldError> errors) {
        return new Problem(type.uri(), title, type.status(), detail, instance, errors == null ? List.of() : errors);
    }
}
