package org.civicsafety.assessment.common;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Request parameters read as the API contract types them, with a 400 naming the parameter otherwise. */
public final class Parameters {
    private Parameters() {}

    /** @return the enum constant named, null when the parameter is absent; any other value is a 400 listing them */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null)
            return null;
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(field, FieldMessage.Key.ONE_OF,
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
    }

    /** A path parameter that must be a UUID (400, not 404, when it is not one). */
    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, FieldMessage.Key.NOT_A_UUID);
        }
    }
}
