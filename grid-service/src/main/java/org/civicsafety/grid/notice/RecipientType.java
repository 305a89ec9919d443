package org.civicsafety.grid.notice;

/** Whom a notice is for; the notice's {@code recipient} is an id of this kind, never contact data. */
public enum RecipientType {
    /** A user, by their token's {@code sub}. */
    USER,
    /** A handling unit, by its id (the token's {@code unit} claim of its handlers). */
    UNIT,
    /** The supervisors of an area's subtree, by the area's code. */
    AREA,
    /** A partner system, by its id (the token's {@code partner} claim). */
    PARTNER
}
