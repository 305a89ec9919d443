package org.civicsafety.grid.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One invalid input field of a problem response; on the wire only {@code {"field","message"}}. Code raises it with a
 * key of the {@code messages/fields} bundle and its arguments ({@link #of}); the problem writer renders it in the
 * caller's language ({@link #in}). {@code message} holds the zh-CN text until then, so it is never empty.
 */
public record FieldError(String field, String message, @JsonIgnore String key, @JsonIgnore List<Object> args) {

    /** A text that is final as it is (e.g. a geometry library's reason): shown untranslated. */
    public FieldError(String field, String message) {
        this(field, message, null, List.of());
    }

    public static FieldError of(String field, String key, Object... args) {
        return new FieldError(field, FieldMessages.message(key, ProblemType.ZH_CN, args), key,
                Collections.unmodifiableList(Arrays.asList(args.clone())));
    }

    /** The same error reported on another field (e.g. a feature's property within a whole collection). */
    public FieldError at(String otherField) {
        return new FieldError(otherField, message, key, args);
    }

    /** This error with its message in {@code locale} (unchanged if it was raised with a final text). */
    public FieldError in(Locale locale) {
        return key == null ? this
                : new FieldError(field, FieldMessages.message(key, locale, args.toArray()), key, args);
    }
}
