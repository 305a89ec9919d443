package org.civicsafety.cases.notice;

/**
 * Who a notice is for: a user by {@code sub}, a handling unit by id (its handlers), or the supervisors of an area
 * subtree. ({@code PARTNER} is grid-service's.)
 */
public enum RecipientType {
    USER, UNIT, AREA
}
