package org.civicsafety.grid.common;

/** One invalid input field of a problem response. */
public record FieldError(String field, String message) {
}
